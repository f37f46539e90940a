// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QVariantList>

struct sqlite3;
struct sqlite3_stmt;

namespace branchline {

// Inserts rows through prepared statements (one per distinct SQL text) on SQLCipher's C API,
// committing every `rowsPerTransaction` rows: how the benchmarks fill their cached stores.
class BulkLoader
{
public:
    static constexpr int rowsPerTransaction = 10000;

    explicit BulkLoader(sqlite3 *db);
    ~BulkLoader();
    BulkLoader(const BulkLoader &) = delete;
    BulkLoader &operator=(const BulkLoader &) = delete;

    bool insert(const QString &sql, const QVariantList &values, QString *error);
    // Commits the last transaction.
    bool finish(QString *error);
    qint64 rows() const { return m_rows; }

private:
    bool exec(const char *sql, QString *error);
    bool fail(QString *error);

    sqlite3 *m_db;
    QHash<QString, sqlite3_stmt *> m_statements;
    qint64 m_rows = 0;
};

// "customers: 50000 of 100000" on standard error every 50,000 rows and at the end.
void printLoadProgress(const char *what, qint64 done, qint64 total);

} // namespace branchline
