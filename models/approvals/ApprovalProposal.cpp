// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalProposal.h"

#include "approvals/ApprovalText.h"
#include "domain/records/RecordEnums.h"

namespace branchline {

namespace {

bool isMerchant(const Customer &customer)
{
    return customer.kind == CustomerKind::Merchant;
}

QJsonValue optionalNumber(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

bool wholeNumberIn(const QJsonValue &value, qint64 low, qint64 high)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    return number == double(qint64(number)) && qint64(number) >= low && qint64(number) <= high;
}

} // namespace

QStringList ApprovalProposal::flowsFor(const Customer &customer)
{
    QStringList flows;
    if (isMerchant(customer)) {
        if (customer.status == CustomerStatus::Prospect
            || customer.status == CustomerStatus::Onboarding)
            flows << QStringLiteral("merchant_onboarding");
        if (customer.status != CustomerStatus::Terminated)
            flows << QStringLiteral("fee_rate_change") << QStringLiteral("merchant_termination");
    } else {
        flows << (customer.creditLimitFen ? QStringLiteral("credit_limit_increase")
                                          : QStringLiteral("credit_approval"));
    }
    if (customer.kycStatus != KycStatus::Verified)
        flows << QStringLiteral("kyc_exception");
    return flows;
}

QStringList ApprovalProposal::fieldsOf(const QString &flowCode)
{
    if (flowCode == QLatin1String("fee_rate_change"))
        return { QStringLiteral("fee_rate_debit"), QStringLiteral("fee_rate_credit"),
                 QStringLiteral("fee_rate_qr") };
    if (flowCode == QLatin1String("credit_approval")
        || flowCode == QLatin1String("credit_limit_increase"))
        return { QStringLiteral("credit_limit_fen") };
    if (flowCode == QLatin1String("kyc_exception"))
        return { QStringLiteral("kyc_status") };
    return { QStringLiteral("status") };
}

QJsonValue ApprovalProposal::currentValue(const Customer &customer, const QString &field)
{
    if (field == QLatin1String("fee_rate_debit"))
        return optionalNumber(customer.feeRateDebit);
    if (field == QLatin1String("fee_rate_credit"))
        return optionalNumber(customer.feeRateCredit);
    if (field == QLatin1String("fee_rate_qr"))
        return optionalNumber(customer.feeRateQr);
    if (field == QLatin1String("credit_limit_fen"))
        return optionalNumber(customer.creditLimitFen);
    if (field == QLatin1String("kyc_status"))
        return RecordEnums::code(customer.kycStatus);
    if (field == QLatin1String("status"))
        return RecordEnums::code(customer.status);
    return QJsonValue(QJsonValue::Null);
}

FieldIssues ApprovalProposal::check(const QString &flowCode, const Customer &customer,
                                    QJsonObject *proposed, const QString &reason)
{
    FieldIssues issues;
    auto refuse = [&issues](const QString &field, const QString &message) {
        issues << FieldIssue{ field, message };
    };
    if (!flowsFor(customer).contains(flowCode))
        refuse(QStringLiteral("flow"),
               tr("A %1 request does not apply to this customer as it is now.")
                       .arg(ApprovalText::flowName(flowCode)));
    if (reason.trimmed().isEmpty())
        refuse(QStringLiteral("reason"), tr("Give a reason for the request."));

    if (flowCode == QLatin1String("merchant_onboarding"))
        *proposed = { { QStringLiteral("status"), QStringLiteral("active") } };
    else if (flowCode == QLatin1String("merchant_termination"))
        *proposed = { { QStringLiteral("status"), QStringLiteral("terminated") } };

    if (flowCode == QLatin1String("fee_rate_change")) {
        if (proposed->isEmpty())
            refuse(QStringLiteral("fee_rate_debit"), tr("Enter at least one new fee rate."));
        for (auto it = proposed->constBegin(); it != proposed->constEnd(); ++it)
            if (!wholeNumberIn(it.value(), 1, maxFeeRate))
                refuse(it.key(), tr("A fee rate is more than 0 % and at most 10 %."));
    } else if (flowCode == QLatin1String("credit_approval")
               || flowCode == QLatin1String("credit_limit_increase")) {
        const QJsonValue limit = proposed->value(QStringLiteral("credit_limit_fen"));
        if (!wholeNumberIn(limit, 1, maxCreditLimitFen))
            refuse(QStringLiteral("credit_limit_fen"),
                   tr("Enter a credit limit above ¥0 and at most ¥10,000,000,000."));
        else if (flowCode == QLatin1String("credit_limit_increase")
                 && limit.toInteger() <= customer.creditLimitFen.value_or(0))
            refuse(QStringLiteral("credit_limit_fen"),
                   tr("A limit increase must be higher than the current limit."));
    } else if (flowCode == QLatin1String("kyc_exception")) {
        const QString status = proposed->value(QStringLiteral("kyc_status")).toString();
        if (status != QLatin1String("verified") && status != QLatin1String("in_progress"))
            refuse(QStringLiteral("kyc_status"),
                   tr("A KYC exception sets the KYC status to verified or in progress."));
    }

    // Asking for what the customer already has would be refused by the server anyway.
    bool differs = proposed->isEmpty();
    for (auto it = proposed->constBegin(); it != proposed->constEnd(); ++it)
        differs = differs || currentValue(customer, it.key()) != it.value();
    if (!differs)
        refuse(fieldsOf(flowCode).first(),
               tr("The request proposes nothing that differs from the customer as it is."));
    return issues;
}

} // namespace branchline
