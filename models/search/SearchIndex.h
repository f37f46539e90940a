// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreError.h"

#include <QSqlDatabase>
#include <QStringList>

namespace branchline {

// The store's full-text indexes (customers_fts, leads_fts, activities_fts) as a whole.
//
// Normally triggers keep each index in step row by row. A bulk load — the first sync's
// snapshot — may defer them instead (local migration 3): the triggers stand still while a
// table is listed in search_deferred, and rebuild() then builds each index from its content
// table in one statement, several times faster than a million trigger runs. While deferred,
// search finds only what was indexed before; the UI says so (isDeferred()).
//
// Works inside the caller's transaction when there is one, its own otherwise.
class SearchIndex
{
public:
    explicit SearchIndex(QSqlDatabase db);

    // The tables with a full-text index.
    static const QStringList &indexedTables();

    bool defer(StoreError *error);
    bool isDeferred(StoreError *error = nullptr) const;
    // Rebuilds every deferred index and turns the triggers back on; nothing when none is
    // deferred.
    bool rebuild(StoreError *error);

private:
    QSqlDatabase m_db;
};

} // namespace branchline
