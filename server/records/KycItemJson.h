// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CustomerScopedKind.h"
#include "SchemaRecordKind.h"
#include "domain/records/MerchantRecords.h"
#include "domain/rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>

namespace branchline::server {

// A KYC checklist item as a synced table (SyncTableOf). Reps hand documents in, risk
// officers verify or reject them (KycRules, checked here in checkWrite for every write
// from sync, including a "keep mine" resolution). An item without a row is missing, so a
// client makes the row the first time it moves one; the id follows from customer and item,
// and a second device making the same row is merged into the first
// (insertOfExistingUpdates).
class KycItemJson : public CustomerScopedKind<KycItemJson, KycItem>,
                    public SchemaRecordKind<KycItemJson, KycItem>
{
    Q_DECLARE_TR_FUNCTIONS(KycItemJson)

public:
    using Record = KycItem;
    static constexpr RecordType type = RecordType::KycItem;
    static constexpr bool insertOfExistingUpdates = true;
    static std::optional<QString> deleteRefusal(Role role);

    // Refuses what KycRules forbids: `before` is the stored item, null for a new row (whose
    // state was missing). Who moved it is the server's to write (stamp), never the client's:
    // updated_by leaves `set` and keeps its stored value.
    static std::optional<QString> checkWrite(const Caller &caller, const KycItem *before,
                                             KycItem &item, QStringList *set);
    static void stamp(KycItem &item, const Caller &caller) { item.updatedBy = caller.userId; }
};

} // namespace branchline::server
