// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SyncMeta.h"

#include <QDate>
#include <QString>

namespace branchline {

// The merchant detail of the 360° view (DOMAIN.md "Merchant detail", "KYC case"): payment
// terminals, the monthly volume the transaction system reports, and the KYC checklist.
// Terminals and volumes are fed by the institution's other systems and are read-only on
// clients; checklist items are moved by reps (submitted) and risk officers (verified,
// rejected), see KycRules.

enum class TerminalKind { Pos, SmartPos, QrStand, SoftPos };
enum class TerminalStatus { Active, Inactive, Faulty, Retrieved };
enum class KycItemKind {
    BusinessLicence,
    LegalRepId,
    SettlementAccountProof,
    SiteVisit,
    BeneficialOwner,
    SanctionsScreening
};
enum class KycItemState { Missing, Submitted, Verified, Rejected };

// One POS terminal, smart POS, QR stand or soft POS placed with a merchant.
struct Terminal
{
    SyncMeta meta;
    QString customerId;
    QString serial;
    QString model;
    TerminalKind kind = TerminalKind::Pos;
    TerminalStatus status = TerminalStatus::Active;
    QDate installedAt;
    QDate lastActiveDay; // the last business day with a transaction; null if none yet
};

// One merchant's month, summed by the server from the transaction system's daily
// aggregates. Amounts in fen (分): money is never a float.
struct MerchantVolume
{
    SyncMeta meta;
    QString customerId;
    QString month; // yyyy-MM
    qint64 volumeFen = 0;
    qint64 txCount = 0;
    qint64 refundFen = 0;
    qint64 chargebackCount = 0;
};

// One document or check of a customer's KYC checklist. An item without a row is missing:
// a row is made the first time someone moves it (its id follows from the customer and the
// item, KycRules::itemId, so two devices make the same row).
struct KycItem
{
    SyncMeta meta;
    QString customerId;
    KycItemKind item = KycItemKind::BusinessLicence;
    KycItemState state = KycItemState::Missing;
    QString note; // what was handed in, or why it was rejected
    QString updatedBy; // who moved it last (the server stamps the caller); updated_at says when
};

} // namespace branchline
