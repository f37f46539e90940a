// SPDX-License-Identifier: GPL-3.0-or-later
#include "CApiStore.h"

#include "BenchStore.h"
#include "search/SearchTokenizer.h"

#ifdef BRANCHLINE_SQLCIPHER
#define SQLITE_HAS_CODEC 1
#endif
#include <sqlite3.h>

namespace branchline {

namespace {

// Reads a row's columns from `first` on as a driver must before it can copy them.
void touchColumns(sqlite3_stmt *statement, int first)
{
    const int columns = sqlite3_column_count(statement);
    for (int c = first; c < columns; ++c) {
        if (sqlite3_column_type(statement, c) == SQLITE_INTEGER) {
            sqlite3_column_int64(statement, c);
        } else {
            sqlite3_column_text(statement, c);
            sqlite3_column_bytes(statement, c);
        }
    }
}

QString text(sqlite3_stmt *statement, int column)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, column)),
                             sqlite3_column_bytes(statement, column));
}

} // namespace

CApiStore::~CApiStore()
{
    close();
}

void CApiStore::close()
{
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

bool CApiStore::failed(int resultCode, QString *error) const
{
    *error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                  : QString::fromUtf8(sqlite3_errstr(resultCode));
    return false;
}

bool CApiStore::exec(const char *sql, QString *error)
{
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    return rc == SQLITE_OK || failed(rc, error);
}

bool CApiStore::prepare(const QByteArray &sql, sqlite3_stmt **statement, QString *error)
{
    const int rc = sqlite3_prepare_v2(m_db, sql.constData(), static_cast<int>(sql.size()),
                                      statement, nullptr);
    return rc == SQLITE_OK || failed(rc, error);
}

bool CApiStore::open(const QString &filePath, const QByteArray &keyLiteral, QString *error)
{
    close();
    const int rc = sqlite3_open_v2(filePath.toUtf8().constData(), &m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)
        return failed(rc, error);
    const char *pageSize = "PRAGMA page_size = 4096";
    if (!keyLiteral.isEmpty()) {
#ifdef BRANCHLINE_SQLCIPHER
        if (sqlite3_key(m_db, keyLiteral.constData(), static_cast<int>(keyLiteral.size()))
            != SQLITE_OK) {
            *error = "sqlite3_key failed";
            return false;
        }
        pageSize = "PRAGMA cipher_page_size = 4096";
#else
        *error = "this program has no SQLCipher";
        return false;
#endif
    }
    // SqlCipherDriver::open()'s sequence after sqlite3_key.
    const QByteArray cache = "PRAGMA cache_size = " + QByteArray::number(BenchStore::cachePages);
    return exec(pageSize, error) && exec("SELECT count(*) FROM sqlite_master", error)
            && exec(cache.constData(), error) && exec("PRAGMA temp_store = MEMORY", error)
            && exec("PRAGMA journal_mode = WAL", error)
            && exec("PRAGMA synchronous = NORMAL", error)
            && SearchTokenizer::registerWith(m_db, error);
}

bool CApiStore::firstValue(const char *sql, qint64 *value, QString *error)
{
    sqlite3_stmt *statement = nullptr;
    if (!prepare(sql, &statement, error))
        return false;
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW)
        *value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return rc == SQLITE_ROW || failed(rc, error);
}

bool CApiStore::lookups(const QByteArray &sql, const QStringList &ids, qint64 *found,
                        qint64 *localIdSum, QString *error)
{
    sqlite3_stmt *statement = nullptr;
    if (!prepare(sql, &statement, error))
        return false;
    int rc = SQLITE_OK;
    for (const QString &id : ids) {
        const QByteArray utf8 = id.toUtf8();
        sqlite3_reset(statement);
        rc = sqlite3_bind_text(statement, 1, utf8.constData(), static_cast<int>(utf8.size()),
                               SQLITE_TRANSIENT);
        if (rc != SQLITE_OK)
            break;
        rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW) {
            ++*found;
            *localIdSum += sqlite3_column_int64(statement, 0);
            touchColumns(statement, 1);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            rc = SQLITE_OK;
        } else {
            break;
        }
    }
    sqlite3_finalize(statement);
    return rc == SQLITE_OK || failed(rc, error);
}

bool CApiStore::firstPage(const QByteArray &sql, const QByteArray &match, int limit, qint64 *rows,
                          qint64 *localIdSum, QString *error)
{
    // A new statement per page, as CustomerRepository::page makes.
    sqlite3_stmt *statement = nullptr;
    if (!prepare(sql, &statement, error))
        return false;
    int rc = sqlite3_bind_text(statement, 1, match.constData(), static_cast<int>(match.size()),
                               SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(statement, 2, limit);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            ++*rows;
            *localIdSum += sqlite3_column_int64(statement, 0);
            touchColumns(statement, 1);
        }
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(statement);
    return rc == SQLITE_OK || failed(rc, error);
}

bool CApiStore::matchCount(const QByteArray &match, qint64 *count, QString *error)
{
    sqlite3_stmt *statement = nullptr;
    if (!prepare("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH ?", &statement,
                 error))
        return false;
    int rc = sqlite3_bind_text(statement, 1, match.constData(), static_cast<int>(match.size()),
                               SQLITE_TRANSIENT);
    if (rc == SQLITE_OK && (rc = sqlite3_step(statement)) == SQLITE_ROW)
        *count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return rc == SQLITE_ROW || failed(rc, error);
}

bool CApiStore::groups(const QByteArray &sql, QStringList *lines, QString *error)
{
    sqlite3_stmt *statement = nullptr;
    if (!prepare(sql, &statement, error))
        return false;
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
        *lines << text(statement, 0) + '|' + text(statement, 1) + '|' + text(statement, 2);
    sqlite3_finalize(statement);
    return rc == SQLITE_DONE || failed(rc, error);
}

} // namespace branchline
