// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace branchline {

class CApiStore;

// The sync benchmark's physical limit: the same rows the sync wrote, inserted into a fresh
// store of the same schema straight through SQLCipher's C API, in transactions of
// `batchRows` like the sync's pages, with the search index deferred and rebuilt the same
// way. Rows are read from the source between the timed inserts; only inserting,
// committing and the index rebuild are timed.
struct BulkCopyResult
{
    qint64 rows = 0;
    double insertMs = 0; // inserts and commits
    double indexMs = 0; // the search index rebuild
};

bool bulkCopy(CApiStore &source, CApiStore &target, const QStringList &tables, int batchRows,
              BulkCopyResult *result, QString *error);

} // namespace branchline
