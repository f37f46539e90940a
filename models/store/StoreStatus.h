// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreError.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace branchline {

// What the status bar says about the local store: edits waiting for the server, conflicts
// waiting for a person, and when sync last brought anything in. Read-only, on the GUI's own
// connection: the sync worker owns every write to these tables.
class StoreStatus
{
public:
    explicit StoreStatus(QSqlDatabase db);

    int pendingEdits(StoreError *error = nullptr) const;
    int unresolvedConflicts(StoreError *error = nullptr) const;
    // When a page was last applied, UTC; invalid when the store never synced.
    QDateTime lastSyncAt(StoreError *error = nullptr) const;

private:
    QSqlDatabase m_db;
};

} // namespace branchline
