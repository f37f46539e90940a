// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApprovalState.h"
#include "FlowDefinition.h"
#include "OrgDirectory.h"

#include <QDateTime>
#include <QSet>

namespace branchline::server {

// The steps a request goes through, with their approvers, or why it cannot go.
struct Resolution
{
    QList<StepState> steps;
    QString code; // empty when resolved; "no_approver" otherwise
    QString message; // translated
};

// Turns a flow version and a request into concrete steps and approvers, and escalates a
// step past its due time. No SQL: people and branches come from an OrgDirectory, so every
// rule is unit-tested (tests/server/tst_flowengine.cpp). ApprovalService does the storing.
class FlowEngine
{
public:
    explicit FlowEngine(const OrgDirectory &directory);

    // The steps whose conditions hold, numbered from `firstPosition`, every one `waiting`.
    // The requester is never among the approvers: a rule that finds only them looks one
    // branch further up, and a step left with nobody makes the whole request unresolvable.
    Resolution resolve(const FlowDefinition &flow, const QString &requesterId,
                       const QString &branchId, const RequestFacts &facts, int firstPosition,
                       int round) const;

    // Makes `step` the one being decided from `now`, with its due time.
    static void start(StepState &step, const QDateTime &now);

    // Escalates the request's pending step when it is past due at `now` and its flow says
    // to whom: they join the step (an escalated approver decides it for the late ones).
    // Returns the users added; the due time moves on either way, so a step that finds
    // nobody to escalate to is tried again one due period later, not every minute.
    QStringList escalate(RequestState &request, const QDateTime &now) const;

    // Whether the slot's user still holds what made them an approver: active, and the same
    // role in the same branch for role-based approvers. A delegate's right ends with it.
    bool stillQualifies(const ApproverSlot &slot) const;

private:
    struct Found
    {
        QList<ApproverSlot> approvers;
        QString anchor;
    };
    Found resolveRule(const ApproverRule &rule, const QString &requesterId, const QString &branchId,
                      const RequestFacts &facts) const;
    // Holders of `role` from `branchId` up the tree, at the first branch with anyone not in
    // `excluded`.
    Found walkUp(Role role, const QString &branchId, const QSet<QString> &excluded,
                 const QString &via) const;
    QString ancestorAtLevel(const QString &branchId, const QString &level) const;
    std::optional<ApproverSlot> namedSlot(const QString &userId, const QString &requesterId,
                                          const QString &via) const;

    const OrgDirectory &m_directory;
};

} // namespace branchline::server
