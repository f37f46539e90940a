// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApprovalState.h"
#include "FlowEngine.h"

namespace branchline::server {

// A decision as it arrives, maybe after days offline: `decide(request, expected step,
// decision)` (SYNC.md rule 7).
struct DecisionInput
{
    QString deciderId;
    QString decision; // approve, reject, return, delegate, withdraw
    int expectedStep = 0; // the step position the decider saw pending
    QString delegateTo; // with delegate
    QString comment;
};

// What came of it: accepted (and the request changed), or refused with a code and message.
struct Verdict
{
    bool accepted = false;
    QString code;
    QString message;
    QString onBehalfOf; // the approver a delegate decided for
    bool approved = false; // the last step was approved: the effect is due
    QStringList newAudience; // users who now take part (a next step's approvers, a delegate)
};

// Re-checks a decision on arrival against the request as it is now and, when it stands,
// moves the request on: or-sign (any) steps end at the first approval, countersign (all)
// steps when every approver approved, a reject or return ends the request at once. Pure:
// ApprovalService loads the state and stores what changed.
class DecisionRules
{
public:
    DecisionRules(const FlowEngine &engine, const OrgDirectory &directory);

    // A refused decision leaves `request` as it was.
    Verdict apply(RequestState &request, const DecisionInput &input, const QDateTime &now) const;

    // The message for `request` no longer taking decisions, or empty while it does.
    static QString finishedMessage(const RequestState &request, QString *code);

private:
    Verdict withdraw(RequestState &request, const DecisionInput &input, const QDateTime &now) const;
    Verdict decidedByOthers(const StepState &step, const QString &deciderId) const;
    // Moves the request past an approved step: the next one starts, or the request is done.
    void advance(RequestState &request, StepState &step, const QDateTime &now,
                 Verdict *verdict) const;
    QString nameOf(const QString &userId) const;

    const FlowEngine &m_engine;
    const OrgDirectory &m_directory;
};

} // namespace branchline::server
