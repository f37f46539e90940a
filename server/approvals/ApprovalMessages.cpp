// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalMessages.h"

namespace branchline::server {

QString ApprovalMessages::unknownFlow(const QString &code)
{
    return tr("There is no active approval flow \"%1\".").arg(code);
}

QString ApprovalMessages::recordNotFound()
{
    return tr("The customer of this request does not exist or is outside your scope.");
}

QString ApprovalMessages::reasonRequired()
{
    return tr("Give a reason for the request.");
}

QString ApprovalMessages::unknownRequestField(const QString &field)
{
    return tr("\"%1\" is not something a request is made with.").arg(field);
}

QString ApprovalMessages::otherFieldsProposed(const QString &fields)
{
    return tr("This kind of request may propose only %1.").arg(fields);
}

QString ApprovalMessages::wholeNumberRange(const QString &field, qint64 low, qint64 high)
{
    return tr("\"%1\" must be a whole number from %2 to %3.").arg(field).arg(low).arg(high);
}

QString ApprovalMessages::noChange()
{
    return tr("The request proposes nothing that differs from the customer as it is.");
}

QString ApprovalMessages::invalidAfter(const QString &issues)
{
    return tr("The customer would not be valid after this change: %1").arg(issues);
}

QString ApprovalMessages::onboardingNotApplicable()
{
    return tr("Only a merchant that is a prospect or being onboarded can be onboarded.");
}

QString ApprovalMessages::merchantsOnly()
{
    return tr("This request is for merchants only.");
}

QString ApprovalMessages::borrowersOnly()
{
    return tr("Credit limits are for borrowers only.");
}

QString ApprovalMessages::raiseNotHigher(qint64 currentFen)
{
    return tr("A limit increase must be higher than the current limit (%1 fen).").arg(currentFen);
}

QString ApprovalMessages::alreadyTerminated()
{
    return tr("This merchant is already terminated.");
}

QString ApprovalMessages::kycExceptionStatus()
{
    return tr("A KYC exception sets the KYC status to verified or in_progress.");
}

QString ApprovalMessages::alreadyOpen()
{
    return tr("This customer already has an open request of this kind: decide or withdraw it "
              "first.");
}

QString ApprovalMessages::noApprover(const QString &step)
{
    return tr("Nobody can decide the step \"%1\" of this request: ask an administrator to check "
              "the flow and the branch's staff.")
            .arg(step);
}

QString ApprovalMessages::recordDeleted()
{
    return tr("The customer of this request was deleted: it can only be rejected.");
}

QString ApprovalMessages::staleRequest(const QString &fields)
{
    return tr("The customer's %1 changed since this request was made: reject or return it so it "
              "is asked again.")
            .arg(fields);
}

QString ApprovalMessages::requestNotFound()
{
    return tr("There is no approval request that you may see with this id.");
}

QString ApprovalMessages::badDecision()
{
    return tr("A decision is approve, reject, return, delegate or withdraw.");
}

QString ApprovalMessages::ownRequest()
{
    return tr("Nobody decides their own request: you made this one.");
}

QString ApprovalMessages::notRequester()
{
    return tr("Only the requester can withdraw a request.");
}

QString ApprovalMessages::withdrawn()
{
    return tr("The requester withdrew this request; your decision was not recorded.");
}

QString ApprovalMessages::alreadyApproved()
{
    return tr("This request was already approved; your decision was not recorded.");
}

QString ApprovalMessages::alreadyRejected()
{
    return tr("This request was already rejected; your decision was not recorded.");
}

QString ApprovalMessages::returnedToRequester()
{
    return tr("This request was returned to the requester; it can be decided again once they "
              "resubmit it.");
}

QString ApprovalMessages::stepUnknown(int position)
{
    return tr("This request has no step %1.").arg(position);
}

QString ApprovalMessages::coApproverApproved(const QString &who)
{
    return tr("%1 already approved this step; your decision was not recorded.").arg(who);
}

QString ApprovalMessages::coApproverRejected(const QString &who)
{
    return tr("%1 already rejected this request; your decision was not recorded.").arg(who);
}

QString ApprovalMessages::coApproverReturned(const QString &who)
{
    return tr("%1 already returned this request to the requester; your decision was not "
              "recorded.")
            .arg(who);
}

QString ApprovalMessages::youAlreadyDecided()
{
    return tr("You already decided this step.");
}

QString ApprovalMessages::notApprover()
{
    return tr("You are not an approver of this step.");
}

QString ApprovalMessages::delegatedTo(const QString &who)
{
    return tr("You delegated this step to %1, who decides it now.").arg(who);
}

QString ApprovalMessages::lostRight()
{
    return tr("You are no longer an approver of this step: your role or branch changed after "
              "it was given to you. Your decision was not recorded.");
}

QString ApprovalMessages::delegatorLostRight(const QString &who)
{
    return tr("%1, who delegated this step to you, is no longer an approver of it, so neither "
              "are you. Your decision was not recorded.")
            .arg(who);
}

QString ApprovalMessages::commentRequired()
{
    return tr("Say why in a comment when you reject or return a request.");
}

QString ApprovalMessages::badDelegate()
{
    return tr("Delegate to an active user other than yourself and the requester.");
}

QString ApprovalMessages::delegateAlreadyApprover(const QString &who)
{
    return tr("%1 is already an approver of this step.").arg(who);
}

QString ApprovalMessages::stepsReadOnly()
{
    return tr("Approval steps change only through decisions.");
}

QString ApprovalMessages::decisionsFinal()
{
    return tr("A decision is final: it cannot be changed or deleted.");
}

QString ApprovalMessages::requestReadOnly()
{
    return tr("A request changes only through decisions, or by its requester once it was "
              "returned (the proposed values and the reason).");
}

QString ApprovalMessages::commentTooLong(int limit)
{
    return tr("A comment or reason is at most %1 characters.").arg(limit);
}

QString ApprovalMessages::adminOnly()
{
    return tr("Only an administrator may manage approval flows.");
}

QString ApprovalMessages::flowNotFound(const QString &code)
{
    return tr("There is no approval flow \"%1\".").arg(code);
}

QString ApprovalMessages::versionNotFound(const QString &code, int version)
{
    return tr("There is no version %2 of the approval flow \"%1\".").arg(code).arg(version);
}

QString ApprovalMessages::unknownUser(const QString &id)
{
    return tr("The flow names the user %1, who does not exist or is disabled.").arg(id);
}

QString ApprovalMessages::definitionRequired()
{
    return tr("Send the flow as {\"definition\": {...}, \"activate\": true|false}.");
}

QString ApprovalMessages::nameOr(const QString &displayName, const QString &id)
{
    return displayName.isEmpty() ? id : displayName;
}

} // namespace branchline::server
