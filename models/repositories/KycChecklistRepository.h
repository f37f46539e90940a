// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SaveResult.h"
#include "domain/records/MerchantRecords.h"
#include "domain/records/RecordEnums.h"
#include "domain/rules/Role.h"

#include <QList>
#include <QSqlDatabase>

namespace branchline {

// A customer's KYC checklist on this device. Moves follow KycRules for the signed-in role
// and are saved like any edit: the row and its outbox entry in one transaction, so they
// work offline and reach the server with the next sync, which checks them again.
class KycChecklistRepository
{
public:
    explicit KycChecklistRepository(const QSqlDatabase &db);

    // Every item a customer of `kind` must provide, in order, as stored or missing (an item
    // nobody moved yet has no row: its meta.id is empty), then any stored item beyond those.
    QList<KycItem> checklist(const QString &customerId, CustomerKind kind,
                             StoreError *error = nullptr) const;

    // Moves one item to `to` with `note`, as `userId` in `role`. Refused with the reason on
    // the "state" field when KycRules forbid it, on "note" when a rejection gives no reason.
    SaveResult move(const QString &customerId, KycItemKind item, KycItemState to,
                    const QString &note, Role role, const QString &userId);

private:
    // The stored row of an item; found false when it has none yet.
    bool find(const QString &customerId, KycItemKind item, KycItem *found, bool *exists,
              StoreError *error) const;

    QSqlDatabase m_db;
};

} // namespace branchline
