// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchStore.h"

struct sqlite3;

namespace branchline {

// The baseline: Qt's own QSQLITE driver on the system's plain SQLite, set up the way
// SqlCipherDriver sets up its connections, minus the key.
//
// Lives only in bench_store_plain, a process that never loads libsqlcipher: both
// libraries export the same sqlite3_* symbols, and in one process QSQLITE would silently
// run on SQLCipher's copy.
class PlainBenchStore : public BenchStore
{
public:
    bool create(const QString &filePath, QString *error) override;
    QSqlDatabase open(const QString &filePath, const QString &connectionName,
                      QString *error) override;
    void close(const QString &connectionName) override;

    // The sqlite3 handle behind a QSQLITE connection, or nullptr. QSQLITE hands it out as a
    // QVariant of its own "sqlite3*" metatype, which does not convert to void*.
    static sqlite3 *handleOf(const QSqlDatabase &db);
};

} // namespace branchline
