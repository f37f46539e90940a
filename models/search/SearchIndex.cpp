// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchIndex.h"

#include "store/LocalTransaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

bool failed(const QSqlQuery &query, StoreError *error)
{
    if (error)
        *error = StoreError::fromSql(query.lastError());
    return false;
}

bool exec(QSqlQuery &query, StoreError *error)
{
    return query.exec() || failed(query, error);
}

bool exec(QSqlQuery &query, const QString &sql, StoreError *error)
{
    return query.exec(sql) || failed(query, error);
}

} // namespace

SearchIndex::SearchIndex(QSqlDatabase db)
    : m_db(std::move(db))
{
}

const QStringList &SearchIndex::indexedTables()
{
    static const QStringList tables = { QStringLiteral("customers"), QStringLiteral("leads"),
                                        QStringLiteral("activities") };
    return tables;
}

bool SearchIndex::defer(StoreError *error)
{
    QSqlQuery query(m_db);
    // search_deferred is bookkeeping: an existing row means the same thing again.
    query.prepare(QStringLiteral("INSERT OR IGNORE INTO search_deferred (table_name) VALUES (?)"));
    for (const QString &table : indexedTables()) {
        query.addBindValue(table);
        if (!exec(query, error))
            return false;
    }
    return true;
}

bool SearchIndex::isDeferred(StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!exec(query, QStringLiteral("SELECT EXISTS (SELECT 1 FROM search_deferred)"), error))
        return false;
    return query.next() ? query.value(0).toBool() : failed(query, error);
}

bool SearchIndex::rebuild(StoreError *error)
{
    LocalTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;
    QSqlQuery deferred(m_db);
    deferred.setForwardOnly(true);
    if (!exec(deferred, QStringLiteral("SELECT table_name FROM search_deferred"), error))
        return false;
    QStringList tables;
    while (deferred.next())
        tables << deferred.value(0).toString();
    deferred.finish();
    for (const QString &table : tables) {
        // Only names from indexedTables() reach SQL text.
        if (!indexedTables().contains(table))
            continue;
        QSqlQuery query(m_db);
        // FTS4's 'rebuild' empties the index and reads every row of the content table.
        if (!exec(query, QStringLiteral("INSERT INTO %1_fts (%1_fts) VALUES ('rebuild')").arg(table),
                  error))
            return false;
    }
    QSqlQuery clear(m_db);
    return exec(clear, QStringLiteral("DELETE FROM search_deferred"), error) && transaction.commit(error);
}

} // namespace branchline
