// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalText.h"

#include <QLocale>

namespace branchline {

namespace {

bool chinese()
{
    return QLocale().language() == QLocale::Chinese;
}

} // namespace

QStringList ApprovalText::builtInFlows()
{
    return { QStringLiteral("fee_rate_change"),       QStringLiteral("merchant_onboarding"),
             QStringLiteral("merchant_termination"),  QStringLiteral("credit_approval"),
             QStringLiteral("credit_limit_increase"), QStringLiteral("kyc_exception") };
}

QString ApprovalText::flowName(const QString &flowCode)
{
    if (flowCode == QLatin1String("fee_rate_change"))
        return tr("Fee rate change");
    if (flowCode == QLatin1String("merchant_onboarding"))
        return tr("Merchant onboarding");
    if (flowCode == QLatin1String("merchant_termination"))
        return tr("Merchant termination");
    if (flowCode == QLatin1String("credit_approval"))
        return tr("Credit approval");
    if (flowCode == QLatin1String("credit_limit_increase"))
        return tr("Credit limit increase");
    if (flowCode == QLatin1String("kyc_exception"))
        return tr("KYC exception");
    return flowCode;
}

QStringList ApprovalText::statuses()
{
    return { QStringLiteral("pending"), QStringLiteral("approved"), QStringLiteral("rejected"),
             QStringLiteral("returned"), QStringLiteral("withdrawn") };
}

QString ApprovalText::status(const QString &status)
{
    if (status == QLatin1String("pending"))
        return tr("In approval");
    if (status == QLatin1String("approved"))
        return tr("Approved");
    if (status == QLatin1String("rejected"))
        return tr("Rejected");
    if (status == QLatin1String("returned"))
        return tr("Returned");
    if (status == QLatin1String("withdrawn"))
        return tr("Withdrawn");
    return status;
}

QString ApprovalText::decision(const QString &decision)
{
    if (decision.isEmpty())
        return tr("Waiting");
    if (decision == QLatin1String("approve"))
        return tr("Approved");
    if (decision == QLatin1String("reject"))
        return tr("Rejected");
    if (decision == QLatin1String("return"))
        return tr("Returned");
    if (decision == QLatin1String("delegate"))
        return tr("Delegated");
    if (decision == QLatin1String("withdraw"))
        return tr("Withdrawn");
    return decision;
}

QString ApprovalText::mode(const QString &mode, bool explained)
{
    if (mode == QLatin1String("all"))
        return explained ? tr("Countersign: every approver must approve") : tr("Countersign");
    return explained ? tr("Or-sign: the first approval decides the step") : tr("Or-sign");
}

QString ApprovalText::stepState(const QString &state)
{
    if (state == QLatin1String("waiting"))
        return tr("Not reached yet");
    if (state == QLatin1String("pending"))
        return tr("Waiting for a decision");
    if (state == QLatin1String("approved"))
        return tr("Approved");
    if (state == QLatin1String("rejected"))
        return tr("Rejected");
    if (state == QLatin1String("returned"))
        return tr("Returned");
    if (state == QLatin1String("cancelled"))
        return tr("Cancelled");
    return state;
}

QString ApprovalText::stepName(const ApprovalStep &step)
{
    const QString name = chinese() ? step.nameZh : step.nameEn;
    if (!name.isEmpty())
        return name;
    return step.nameEn.isEmpty() ? tr("Step %1").arg(step.position) : step.nameEn;
}

QString ApprovalText::refusal(const QString &code, const QString &message)
{
    if (!message.isEmpty())
        return message;
    if (code == QLatin1String("already_decided"))
        return tr("Another approver already decided this step; your decision was not recorded.");
    if (code == QLatin1String("already_decided_by_you"))
        return tr("You already decided this step on another computer.");
    if (code == QLatin1String("approver_lost_right"))
        return tr("You no longer hold the role that made you an approver of this step.");
    if (code == QLatin1String("request_withdrawn"))
        return tr("The request was withdrawn; your decision was not recorded.");
    if (code == QLatin1String("request_finished"))
        return tr("The request was already decided; your decision was not recorded.");
    if (code == QLatin1String("request_returned"))
        return tr("The request was returned to the requester; your decision was not recorded.");
    if (code == QLatin1String("not_approver"))
        return tr("You are not an approver of this step.");
    if (code == QLatin1String("own_request"))
        return tr("Nobody decides their own request.");
    return tr("The server refused it (%1).").arg(code);
}

QString ApprovalText::delivery(const ApprovalDecision &decision)
{
    switch (decision.delivery) {
    case ApprovalDecision::Delivery::Queued:
        return tr("%1 — decision pending sync").arg(ApprovalText::decision(decision.decision));
    case ApprovalDecision::Delivery::Refused:
        return tr("%1 — refused: %2")
                .arg(ApprovalText::decision(decision.decision),
                     refusal(decision.refusalCode, decision.refusalMessage));
    case ApprovalDecision::Delivery::Recorded:
        break;
    }
    return ApprovalText::decision(decision.decision);
}

bool ApprovalText::isOverdue(const ApprovalStep &step, const QDateTime &now)
{
    return step.isPending() && step.dueAt.isValid() && step.dueAt < now;
}

QString ApprovalText::due(const ApprovalStep &step, const QDateTime &now)
{
    if (!step.isPending() || !step.dueAt.isValid())
        return QString();
    return isOverdue(step, now) ? tr("Overdue since %1").arg(when(step.dueAt))
                                : tr("Due %1").arg(when(step.dueAt));
}

QString ApprovalText::when(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

} // namespace branchline
