// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "conflicts/ConflictEntry.h"
#include "store/StoreError.h"

#include <QList>
#include <QSqlDatabase>

namespace branchline {

// Reads the conflict journal for the conflict screen and the lost-race notice. Resolving
// is sync's job (sync::SyncStore::resolveConflict): it writes the resolution and its
// mutation together.
class ConflictRepository
{
public:
    explicit ConflictRepository(const QSqlDatabase &db);

    // Newest first. Unresolved ones only, or every entry when `includeResolved`.
    QList<ConflictEntry> list(bool includeResolved, int limit, StoreError *error) const;
    // The user's own edits that lost a same-field race and are still unresolved, journalled
    // after `afterLocalId` (the newest one the notice has shown), oldest first.
    QList<ConflictEntry> lostRaces(const QString &userId, qint64 afterLocalId,
                                   StoreError *error) const;
    bool find(const QString &id, ConflictEntry *entry, StoreError *error) const;
    // Fills entry->base from this device's own edit of the field, when it made one that is
    // still in the outbox or the sent history (30 days); leaves it undefined otherwise.
    bool findBase(ConflictEntry *entry, StoreError *error) const;

    static ConflictEntry::Kind kindOf(const QString &code);

private:
    QList<ConflictEntry> select(const QString &condition, const QVariantList &values,
                                const QString &order, int limit, StoreError *error) const;

    QSqlDatabase m_db;
};

} // namespace branchline
