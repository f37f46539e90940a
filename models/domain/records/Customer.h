// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecordEnums.h"
#include "SyncMeta.h"

#include <QStringList>

#include <optional>

namespace branchline {

// One party: a merchant, an individual borrower or a corporate borrower.
struct Customer
{
    SyncMeta meta;
    CustomerKind kind = CustomerKind::Merchant;
    QString legalName;
    QString creditCode; // PII: 统一社会信用代码 (merchants, corporate borrowers)
    QString idNumber; // PII: 身份证号 (individual borrowers)
    QString phone; // PII: mainland mobile, stored as its 11 digits
    QString address;
    QString city;
    QString industry;
    QString mcc;
    QString branchId;
    QString ownerId;
    CustomerStatus status = CustomerStatus::Prospect;
    std::optional<RiskLevel> riskLevel; // empty until a risk officer rates the customer
    KycStatus kycStatus = KycStatus::NotStarted;
    QStringList tags;
    QString notes;
    // Set only through approvals (issue 6) and by the server: the client never edits them.
    std::optional<qint64> feeRateDebit; // merchants: millionths of the amount (FeeRate)
    std::optional<qint64> feeRateCredit;
    std::optional<qint64> feeRateQr;
    std::optional<qint64> creditLimitFen; // borrowers: whole fen (分)
    QString settlementAccount; // PII: where a merchant's money is paid out
};

} // namespace branchline
