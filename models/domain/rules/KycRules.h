// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/MerchantRecords.h"
#include "domain/records/RecordEnums.h"
#include "domain/rules/Role.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace branchline {

// The KYC checklist's rules, shared by the client (which offers only the moves a role may
// make) and the server (which refuses the rest, from sync as from anywhere else):
//
// - which items a customer of each kind must provide;
// - a sales rep hands documents in: missing or rejected -> submitted (and may correct the
//   note of an item still submitted);
// - a risk officer decides: any state -> verified or rejected; a rejection says why
//   (RecordValidator: the note is required);
// - nobody moves an item back to missing, and managers and admins only read.
class KycRules
{
    Q_DECLARE_TR_FUNCTIONS(KycRules)

public:
    // In the order the checklist shows them.
    static QList<KycItemKind> requiredItems(CustomerKind kind);
    // "Business licence", and for an individual borrower "Resident ID card" rather than
    // the legal representative's.
    static QString label(KycItemKind item, CustomerKind kind);

    // Why `role` may not move an item from `from` to `to`; nothing when it may.
    static std::optional<QString> refuseChange(Role role, KycItemState from, KycItemState to);
    static bool mayMarkSubmitted(Role role, KycItemState from);
    static bool mayReview(Role role);

    // The id of a customer's item: the same on every device and on the server (a UUID v5
    // of the customer and the item), so two devices that both make the row make one row.
    static QString itemId(const QString &customerId, KycItemKind item);
    // The id of a merchant's month in merchant_volumes, made the same way.
    static QString volumeId(const QString &customerId, const QString &month);
};

} // namespace branchline
