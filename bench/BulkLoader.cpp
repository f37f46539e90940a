// SPDX-License-Identifier: GPL-3.0-or-later
#include "BulkLoader.h"

#include "CApiReplay.h"

#define SQLITE_HAS_CODEC 1
#include <cstdio>
#include <sqlite3.h>

namespace branchline {

BulkLoader::BulkLoader(sqlite3 *db)
    : m_db(db)
{
}

BulkLoader::~BulkLoader()
{
    for (sqlite3_stmt *statement : std::as_const(m_statements))
        sqlite3_finalize(statement);
}

bool BulkLoader::insert(const QString &sql, const QVariantList &values, QString *error)
{
    sqlite3_stmt *&statement = m_statements[sql];
    if (!statement) {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &statement, nullptr)
            != SQLITE_OK)
            return fail(error);
    }
    if (m_rows % rowsPerTransaction == 0 && !exec(m_rows ? "COMMIT; BEGIN" : "BEGIN", error))
        return false;
    const bool ok = bindValues(statement, values) && sqlite3_step(statement) == SQLITE_DONE;
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    ++m_rows;
    return ok || fail(error);
}

bool BulkLoader::finish(QString *error)
{
    return m_rows == 0 || exec("COMMIT", error);
}

bool BulkLoader::exec(const char *sql, QString *error)
{
    return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK || fail(error);
}

bool BulkLoader::fail(QString *error)
{
    *error = QString::fromUtf8(sqlite3_errmsg(m_db));
    return false;
}

void printLoadProgress(const char *what, qint64 done, qint64 total)
{
    if (done % 50000 == 0 || done == total)
        std::fprintf(stderr, "\r%s: %lld of %lld   ", what, static_cast<long long>(done),
                     static_cast<long long>(total));
    if (done == total)
        std::fprintf(stderr, "\n");
}

} // namespace branchline
