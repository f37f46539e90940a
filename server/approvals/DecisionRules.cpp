// SPDX-License-Identifier: GPL-3.0-or-later
#include "DecisionRules.h"

#include "ApprovalMessages.h"

#include <algorithm>

namespace branchline::server {

namespace {

Verdict refuse(const QString &code, const QString &message)
{
    Verdict verdict;
    verdict.code = code;
    verdict.message = message;
    return verdict;
}

QString stamp(const QDateTime &now)
{
    return now.toUTC().toString(Qt::ISODateWithMs);
}

// Later steps of the round will not be reached: the request ended before them.
void cancelRest(RequestState &request)
{
    for (StepState &step : request.steps) {
        if (step.round == request.round
            && (step.state == QLatin1String("waiting") || step.state == QLatin1String("pending"))) {
            step.state = QStringLiteral("cancelled");
            step.changed = true;
        }
    }
}

} // namespace

DecisionRules::DecisionRules(const FlowEngine &engine, const OrgDirectory &directory)
    : m_engine(engine)
    , m_directory(directory)
{
}

QString DecisionRules::nameOf(const QString &userId) const
{
    const std::optional<DirectoryUser> user = m_directory.user(userId);
    return ApprovalMessages::nameOr(user ? user->displayName : QString(), userId);
}

QString DecisionRules::finishedMessage(const RequestState &request, QString *code)
{
    if (request.status == QLatin1String("withdrawn")) {
        *code = QStringLiteral("request_withdrawn");
        return ApprovalMessages::withdrawn();
    }
    if (request.status == QLatin1String("approved")
        || request.status == QLatin1String("rejected")) {
        *code = QStringLiteral("request_finished");
        return request.status == QLatin1String("approved") ? ApprovalMessages::alreadyApproved()
                                                           : ApprovalMessages::alreadyRejected();
    }
    if (request.status == QLatin1String("returned")) {
        *code = QStringLiteral("request_returned");
        return ApprovalMessages::returnedToRequester();
    }
    code->clear();
    return QString();
}

Verdict DecisionRules::withdraw(RequestState &request, const DecisionInput &input,
                                const QDateTime &now) const
{
    if (input.deciderId != request.requesterId)
        return refuse(QStringLiteral("not_requester"), ApprovalMessages::notRequester());
    QString code;
    const QString message = finishedMessage(request, &code);
    if (request.isFinished())
        return refuse(code, message);
    cancelRest(request);
    request.status = QStringLiteral("withdrawn");
    request.currentStep = 0;
    request.decidedAt = now;
    request.changed = true;
    Verdict verdict;
    verdict.accepted = true;
    return verdict;
}

Verdict DecisionRules::decidedByOthers(const StepState &step, const QString &deciderId) const
{
    // The slot whose decision ended the step: an approval (or-sign, or the last of a
    // countersign), a rejection or a return.
    const QString ended = step.state == QLatin1String("approved") ? QStringLiteral("approve")
            : step.state == QLatin1String("rejected")             ? QStringLiteral("reject")
                                                                  : QStringLiteral("return");
    const ApproverSlot *last = nullptr;
    for (const ApproverSlot &slot : step.approvers)
        if (slot.decision == ended && (!last || slot.decidedAt >= last->decidedAt))
            last = &slot;
    if (!last)
        return refuse(QStringLiteral("not_approver"), ApprovalMessages::notApprover());
    if (last->decidedBy == deciderId)
        return refuse(QStringLiteral("already_decided_by_you"),
                      ApprovalMessages::youAlreadyDecided());
    const QString who = nameOf(last->decidedBy);
    const QString message = ended == QLatin1String("approve")
            ? ApprovalMessages::coApproverApproved(who)
            : ended == QLatin1String("reject") ? ApprovalMessages::coApproverRejected(who)
                                               : ApprovalMessages::coApproverReturned(who);
    return refuse(QStringLiteral("already_decided"), message);
}

void DecisionRules::advance(RequestState &request, StepState &step, const QDateTime &now,
                            Verdict *verdict) const
{
    step.state = QStringLiteral("approved");
    step.decidedAt = now;
    StepState *next = request.step(step.position + 1);
    if (next && next->round == request.round && next->state == QLatin1String("waiting")) {
        FlowEngine::start(*next, now);
        request.currentStep = next->position;
        for (const ApproverSlot &slot : std::as_const(next->approvers))
            verdict->newAudience << slot.holderId;
    } else {
        request.status = QStringLiteral("approved");
        request.currentStep = 0;
        request.decidedAt = now;
        verdict->approved = true;
    }
}

Verdict DecisionRules::apply(RequestState &request, const DecisionInput &input,
                             const QDateTime &now) const
{
    static const QStringList decisions{ QStringLiteral("approve"), QStringLiteral("reject"),
                                        QStringLiteral("return"), QStringLiteral("delegate"),
                                        QStringLiteral("withdraw") };
    if (!decisions.contains(input.decision))
        return refuse(QStringLiteral("bad_decision"), ApprovalMessages::badDecision());
    RequestState after = request;
    if (input.decision == QLatin1String("withdraw")) {
        Verdict verdict = withdraw(after, input, now);
        if (verdict.accepted)
            request = after;
        return verdict;
    }
    // Separation of duties comes first: it holds whatever state the request is in.
    if (input.deciderId == request.requesterId)
        return refuse(QStringLiteral("own_request"), ApprovalMessages::ownRequest());
    QString code;
    const QString finished = finishedMessage(request, &code);
    if (!code.isEmpty()) {
        // To an approver of the step whose decision ended the request, the more precise
        // answer names who decided it.
        const StepState *last = nullptr;
        for (const StepState &candidate : request.steps)
            if (candidate.round == request.round && candidate.state != QLatin1String("waiting")
                && candidate.state != QLatin1String("cancelled"))
                last = &candidate;
        const bool holder = last && last->position == input.expectedStep
                && std::any_of(last->approvers.cbegin(), last->approvers.cend(),
                               [&input](const ApproverSlot &slot) {
                                   return slot.holderId == input.deciderId;
                               });
        if (holder && !last->isOpen() && request.status != QLatin1String("withdrawn"))
            return decidedByOthers(*last, input.deciderId);
        return refuse(code, finished);
    }

    StepState *step = after.step(input.expectedStep);
    if (!step || step->round != after.round)
        return refuse(QStringLiteral("step_unknown"),
                      ApprovalMessages::stepUnknown(input.expectedStep));
    int index = -1;
    for (int i = 0; i < step->approvers.size(); ++i)
        if (step->approvers[i].holderId == input.deciderId)
            index = i;
    if (index < 0) {
        for (const ApproverSlot &slot : std::as_const(step->approvers))
            if (slot.userId == input.deciderId)
                return refuse(QStringLiteral("delegated"),
                              ApprovalMessages::delegatedTo(nameOf(slot.holderId)));
        return refuse(QStringLiteral("not_approver"), ApprovalMessages::notApprover());
    }
    if (!step->isOpen())
        return decidedByOthers(*step, input.deciderId);
    ApproverSlot &slot = step->approvers[index];
    if (!slot.decision.isEmpty())
        return refuse(QStringLiteral("already_decided_by_you"),
                      ApprovalMessages::youAlreadyDecided());
    // The right is checked as it is now, not as it was when the step was made: a manager
    // moved or demoted since decides nothing, and neither does their delegate.
    if (!m_engine.stillQualifies(slot))
        return refuse(QStringLiteral("approver_lost_right"),
                      slot.holderId != slot.userId
                              ? ApprovalMessages::delegatorLostRight(nameOf(slot.userId))
                              : ApprovalMessages::lostRight());
    const std::optional<DirectoryUser> holder = m_directory.user(slot.holderId);
    if (!holder || !holder->active)
        return refuse(QStringLiteral("approver_lost_right"), ApprovalMessages::lostRight());
    const bool needsComment =
            input.decision == QLatin1String("reject") || input.decision == QLatin1String("return");
    if (needsComment && input.comment.trimmed().isEmpty())
        return refuse(QStringLiteral("comment_required"), ApprovalMessages::commentRequired());

    Verdict verdict;
    verdict.accepted = true;
    if (slot.holderId != slot.userId)
        verdict.onBehalfOf = slot.userId;
    if (input.decision == QLatin1String("delegate")) {
        const std::optional<DirectoryUser> target = m_directory.user(input.delegateTo);
        if (!target || !target->active || target->id == input.deciderId
            || target->id == after.requesterId)
            return refuse(QStringLiteral("bad_delegate"), ApprovalMessages::badDelegate());
        for (const ApproverSlot &other : std::as_const(step->approvers))
            if (other.userId == target->id || other.holderId == target->id)
                return refuse(QStringLiteral("delegate_already_approver"),
                              ApprovalMessages::delegateAlreadyApprover(nameOf(target->id)));
        // The delegate takes this one place on this one step, nothing else of the
        // delegator's: no other step, no other request, no wider scope.
        slot.holderId = target->id;
        step->changed = true;
        verdict.newAudience << target->id;
        request = after;
        return verdict;
    }
    slot.decision = input.decision;
    slot.decidedBy = input.deciderId;
    slot.decidedAt = stamp(now);
    step->changed = true;
    after.changed = true;
    if (input.decision == QLatin1String("approve")) {
        bool done = !step->countersign || slot.via == QLatin1String("escalation");
        if (!done) {
            done = true;
            for (const ApproverSlot &other : std::as_const(step->approvers))
                if (other.via != QLatin1String("escalation")
                    && other.decision != QLatin1String("approve"))
                    done = false;
        }
        if (done)
            advance(after, *step, now, &verdict);
    } else {
        step->state = input.decision == QLatin1String("reject") ? QStringLiteral("rejected")
                                                                : QStringLiteral("returned");
        step->decidedAt = now;
        cancelRest(after);
        after.status = step->state;
        after.currentStep = 0;
        if (input.decision == QLatin1String("reject"))
            after.decidedAt = now;
    }
    request = after;
    return verdict;
}

} // namespace branchline::server
