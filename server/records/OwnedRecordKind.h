// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Authenticator.h"
#include "core/DataScope.h"

#include <QSqlDatabase>
#include <QVariantList>

#include <optional>

namespace branchline::server {

// How RecordService scopes a kind whose records carry their own scope keys (owner_id and
// branch_id): customers, leads, tasks. Kinds scoped through a parent (contacts through
// their customer) provide the same four functions themselves.
template<typename Record>
struct OwnedRecordKind
{
    // The SQL condition (on the kind's own table) for the records in `scope`.
    static QString scopeCondition(const DataScope &scope, QVariantList *values)
    {
        return scope.condition(QString(), values);
    }

    // Who may see `record`; false with `error` set only on a storage error.
    static bool scopeKeys(QSqlDatabase &, const Record &record, ScopeKeys *keys, QString *)
    {
        *keys = ScopeKeys{ record.ownerId, record.branchId, false };
        return true;
    }

    // Whether `record` lies in `scope`; false with `error` set only on a storage error.
    static bool inScope(QSqlDatabase &db, const DataScope &scope, const Record &record,
                        bool *inside, QString *error)
    {
        ScopeKeys keys;
        if (!scopeKeys(db, record, &keys, error))
            return false;
        *inside = scope.contains(keys);
        return true;
    }

    // Records of these kinds may be edited (within the field permissions).
    static std::optional<QString> updateRefusal() { return std::nullopt; }

    // A new record belongs to its creator and their branch unless the request says otherwise.
    static void applyDefaults(Record &record, const Caller &caller)
    {
        if (record.ownerId.isEmpty())
            record.ownerId = caller.userId;
        if (record.branchId.isEmpty())
            record.branchId = caller.branchId;
    }
};

} // namespace branchline::server
