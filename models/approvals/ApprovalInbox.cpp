// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalInbox.h"

#include "approvals/ApprovalText.h"

namespace branchline {

const ApprovalStep *ApprovalItem::currentStep() const
{
    if (!request.isPending() || request.currentStep <= 0)
        return nullptr;
    for (const ApprovalStep &step : steps)
        if (step.position == request.currentStep)
            return &step;
    return nullptr;
}

QString ApprovalItem::label() const
{
    if (!customerName.isEmpty())
        return customerName;
    return request.recordLabel;
}

ApprovalInbox::ApprovalInbox(QString userId)
    : m_userId(std::move(userId))
{
}

bool ApprovalInbox::contains(Box box, const ApprovalItem &item) const
{
    switch (box) {
    case Box::WaitingForMe:
        return isWaitingForMe(item);
    case Box::RequestedByMe:
        return item.request.requesterId == m_userId;
    case Box::Decided:
        // Decided by me, or finished and someone else's (my own finished requests stay
        // under "requested by me").
        return decidedByMe(item)
                || (!item.request.isPending() && item.request.requesterId != m_userId);
    }
    return false;
}

bool ApprovalInbox::isWaitingForMe(const ApprovalItem &item) const
{
    const ApprovalStep *step = item.currentStep();
    if (!step || item.request.requesterId == m_userId || !step->isPending())
        return false;
    bool holdsOpenPlace = false;
    for (const ApproverSlot &slot : step->approvers)
        if (slot.holderId == m_userId && slot.isOpen())
            holdsOpenPlace = true;
    if (!holdsOpenPlace)
        return false;
    // Decided here already (waiting to be sent), or refused: nothing more to do on it.
    for (const ApprovalDecision &decision : item.decisions)
        if (decision.deciderId == m_userId && decision.expectedStep == step->position
            && decision.delivery != ApprovalDecision::Delivery::Recorded)
            return false;
    return true;
}

std::optional<ApprovalDecision> ApprovalInbox::queuedDecision(const ApprovalItem &item) const
{
    for (auto it = item.decisions.crbegin(); it != item.decisions.crend(); ++it)
        if (it->deciderId == m_userId && it->delivery == ApprovalDecision::Delivery::Queued)
            return *it;
    return std::nullopt;
}

std::optional<QString> ApprovalInbox::refusal(const ApprovalItem &item) const
{
    for (auto it = item.decisions.crbegin(); it != item.decisions.crend(); ++it)
        if (it->deciderId == m_userId && it->delivery == ApprovalDecision::Delivery::Refused)
            return ApprovalText::refusal(it->refusalCode, it->refusalMessage);
    if (item.request.isRefused() && item.request.requesterId == m_userId)
        return ApprovalText::refusal(item.request.refusalCode, item.request.refusalMessage);
    return std::nullopt;
}

bool ApprovalInbox::decidedByMe(const ApprovalItem &item) const
{
    for (const ApprovalDecision &decision : item.decisions)
        if (decision.deciderId == m_userId && decision.decision != QLatin1String("withdraw"))
            return true;
    for (const ApprovalStep &step : item.steps)
        for (const ApproverSlot &slot : step.approvers)
            if (!slot.isOpen() && slot.decidedBy == m_userId)
                return true;
    return false;
}

bool ApprovalInbox::canWithdraw(const ApprovalItem &item) const
{
    if (item.request.requesterId != m_userId || !item.request.isPending()
        || item.request.isRefused())
        return false;
    for (const ApprovalDecision &decision : item.decisions)
        if (decision.decision == QLatin1String("withdraw")
            && decision.delivery != ApprovalDecision::Delivery::Refused)
            return false;
    return true;
}

} // namespace branchline
