// SPDX-License-Identifier: GPL-3.0-or-later
#include "CApiBulkCopy.h"

#include "CApiStore.h"

#include <QElapsedTimer>

#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>

#include <memory>
#include <vector>

namespace branchline {

namespace {

struct Statement
{
    sqlite3_stmt *handle = nullptr;
    ~Statement() { sqlite3_finalize(handle); }
};

struct Values
{
    std::vector<sqlite3_value *> values;
    ~Values() { clear(); }
    void clear()
    {
        for (sqlite3_value *value : values)
            sqlite3_value_free(value);
        values.clear();
    }
};

bool fail(sqlite3 *db, QString *error)
{
    *error = QString::fromUtf8(sqlite3_errmsg(db));
    return false;
}

bool prepare(sqlite3 *db, const QByteArray &sql, Statement *statement, QString *error)
{
    return sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &statement->handle, nullptr)
                    == SQLITE_OK
            || fail(db, error);
}

// Steps `select` on for up to `limit` rows, as duplicated values (untimed); `done` once
// the statement has no more.
bool readBatch(sqlite3 *db, sqlite3_stmt *select, int limit, int columns, Values *batch,
               int *rows, bool *done, QString *error)
{
    batch->clear();
    *rows = 0;
    while (*rows < limit) {
        const int rc = sqlite3_step(select);
        if (rc == SQLITE_DONE) {
            *done = true;
            return true;
        }
        if (rc != SQLITE_ROW)
            return fail(db, error);
        for (int c = 0; c < columns; ++c)
            batch->values.push_back(sqlite3_value_dup(sqlite3_column_value(select, c)));
        ++*rows;
    }
    return true;
}

bool copyTable(sqlite3 *from, sqlite3 *to, const QString &table, int batchRows,
               BulkCopyResult *result, QString *error)
{
    Statement info;
    if (!prepare(from, "PRAGMA table_info(" + table.toUtf8() + ")", &info, error))
        return false;
    QByteArrayList columns;
    while (sqlite3_step(info.handle) == SQLITE_ROW)
        columns << reinterpret_cast<const char *>(sqlite3_column_text(info.handle, 1));
    const QByteArray list = columns.join(", ");
    QByteArrayList marks;
    for (int i = 0; i < columns.size(); ++i)
        marks << "?";
    Statement select;
    Statement insert;
    if (!prepare(from,
                 "SELECT " + list + " FROM " + table.toUtf8(),
                 &select, error)
        || !prepare(to,
                    "INSERT INTO " + table.toUtf8() + " (" + list + ") VALUES ("
                            + marks.join(", ") + ")",
                    &insert, error))
        return false;
    Values batch;
    QElapsedTimer clock;
    bool done = false;
    while (!done) {
        int rows = 0;
        if (!readBatch(from, select.handle, batchRows, int(columns.size()), &batch, &rows, &done,
                       error))
            return false;
        if (rows == 0)
            break;
        clock.start();
        if (sqlite3_exec(to, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail(to, error);
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < columns.size(); ++c)
                sqlite3_bind_value(insert.handle, c + 1,
                                   batch.values[std::size_t(r * columns.size() + c)]);
            if (sqlite3_step(insert.handle) != SQLITE_DONE)
                return fail(to, error);
            sqlite3_reset(insert.handle);
        }
        if (sqlite3_exec(to, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail(to, error);
        result->insertMs += double(clock.nsecsElapsed()) / 1e6;
        result->rows += rows;
    }
    return true;
}

} // namespace

bool bulkCopy(CApiStore &source, CApiStore &target, const QStringList &tables, int batchRows,
              BulkCopyResult *result, QString *error)
{
    *result = BulkCopyResult();
    // The sync defers the index the same way (SearchIndex::defer).
    if (!target.exec("INSERT INTO search_deferred (table_name) VALUES ('customers'), "
                     "('leads'), ('activities')",
                     error))
        return false;
    for (const QString &table : tables)
        if (!copyTable(source.handle(), target.handle(), table, batchRows, result, error))
            return false;
    QElapsedTimer clock;
    clock.start();
    const bool rebuilt =
            target.exec("BEGIN IMMEDIATE; "
                        "INSERT INTO customers_fts (customers_fts) VALUES ('rebuild'); "
                        "INSERT INTO leads_fts (leads_fts) VALUES ('rebuild'); "
                        "INSERT INTO activities_fts (activities_fts) VALUES ('rebuild'); "
                        "DELETE FROM search_deferred; COMMIT",
                        error);
    result->indexMs = double(clock.nsecsElapsed()) / 1e6;
    return rebuilt;
}

} // namespace branchline
