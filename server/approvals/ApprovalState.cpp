// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalState.h"

namespace branchline::server {

QJsonObject ApproverSlot::toJson() const
{
    return { { QStringLiteral("user_id"), userId },
             { QStringLiteral("via"), via },
             { QStringLiteral("role"), role },
             { QStringLiteral("branch_id"), branchId },
             { QStringLiteral("holder_id"), holderId },
             { QStringLiteral("decision"), decision },
             { QStringLiteral("decided_by"), decidedBy },
             { QStringLiteral("decided_at"), decidedAt } };
}

ApproverSlot ApproverSlot::fromJson(const QJsonObject &object)
{
    ApproverSlot slot;
    slot.userId = object.value(QStringLiteral("user_id")).toString();
    slot.via = object.value(QStringLiteral("via")).toString();
    slot.role = object.value(QStringLiteral("role")).toString();
    slot.branchId = object.value(QStringLiteral("branch_id")).toString();
    slot.holderId = object.value(QStringLiteral("holder_id")).toString(slot.userId);
    slot.decision = object.value(QStringLiteral("decision")).toString();
    slot.decidedBy = object.value(QStringLiteral("decided_by")).toString();
    slot.decidedAt = object.value(QStringLiteral("decided_at")).toString();
    return slot;
}

QStringList StepState::openHolders() const
{
    QStringList holders;
    if (!isOpen())
        return holders;
    for (const ApproverSlot &slot : approvers)
        if (slot.decision.isEmpty())
            holders << slot.holderId;
    return holders;
}

QJsonArray StepState::approversToJson(const QList<ApproverSlot> &approvers)
{
    QJsonArray array;
    for (const ApproverSlot &slot : approvers)
        array.append(slot.toJson());
    return array;
}

QList<ApproverSlot> StepState::approversFromJson(const QJsonArray &array)
{
    QList<ApproverSlot> approvers;
    for (const QJsonValue &item : array)
        approvers << ApproverSlot::fromJson(item.toObject());
    return approvers;
}

StepState *RequestState::step(int position)
{
    for (StepState &candidate : steps)
        if (candidate.position == position)
            return &candidate;
    return nullptr;
}

const StepState *RequestState::step(int position) const
{
    for (const StepState &candidate : steps)
        if (candidate.position == position)
            return &candidate;
    return nullptr;
}

int RequestState::lastPosition() const
{
    int last = 0;
    for (const StepState &candidate : steps)
        last = qMax(last, candidate.position);
    return last;
}

} // namespace branchline::server
