// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FlowDefinition.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace branchline::server {

// One approver's place in a step. The rule chose `userId`; `holderId` may decide it now
// (the same user, or whom they delegated it to). Stored in approval_steps.approvers as a
// JSON list, which is also what clients read (docs/approvals.md).
struct ApproverSlot
{
    QString userId;
    QString via; // role, manager, user, record_field, escalation
    QString role; // the role code the user held when chosen ("" for named users)
    QString branchId; // the branch they held it in ("" when anywhere)
    QString holderId;
    QString decision; // "" while open; approve, reject, return
    QString decidedBy; // the holder who decided (a delegate decides on the user's behalf)
    QString decidedAt; // ISO 8601 UTC

    QJsonObject toJson() const;
    static ApproverSlot fromJson(const QJsonObject &object);
};

// A step of one request, resolved from its flow version (FlowEngine::resolve).
struct StepState
{
    QString id;
    int position = 0; // 1, 2, ... across rounds: a returned and resubmitted request goes on
    int round = 1;
    QString key;
    QString nameEn;
    QString nameZh;
    bool countersign = false;
    // waiting (a later step), pending (the one being decided), approved, rejected,
    // returned, cancelled (the request was withdrawn or finished without it)
    QString state = QStringLiteral("waiting");
    QList<ApproverSlot> approvers;
    QString anchorBranchId; // where its approvers were found: escalation goes up from here
    int dueHours = 0;
    Escalation escalation;
    int escalations = 0;
    QDateTime dueAt; // invalid: no due time (or not started)
    QDateTime decidedAt;
    bool changed = false; // written back by ApprovalStore

    bool isOpen() const { return state == QLatin1String("pending"); }
    // The holders who may still decide it.
    QStringList openHolders() const;
    static QJsonArray approversToJson(const QList<ApproverSlot> &approvers);
    static QList<ApproverSlot> approversFromJson(const QJsonArray &array);
};

// A request with its steps, as decisions and escalation change it.
struct RequestState
{
    QString id;
    QString flowCode;
    int flowVersion = 0;
    QString recordTable;
    QString recordId;
    QString recordLabel;
    QString requesterId;
    QString branchId; // the requester's branch when the request was made
    QJsonObject proposed;
    QJsonObject before;
    QString reason;
    // pending, approved, rejected, returned, withdrawn
    QString status = QStringLiteral("pending");
    int currentStep = 0; // position of the pending step; 0 when none is
    int round = 1;
    QDateTime decidedAt;
    QDateTime createdAt;
    QList<StepState> steps;
    bool changed = false;

    StepState *step(int position);
    const StepState *step(int position) const;
    // The last position used so far (a new round continues after it).
    int lastPosition() const;
    bool isFinished() const
    {
        return status == QLatin1String("approved") || status == QLatin1String("rejected")
                || status == QLatin1String("withdrawn");
    }
};

} // namespace branchline::server
