// SPDX-License-Identifier: GPL-3.0-or-later
#include "ActivityRepository.h"

#include "RecordTable.h"
#include "StoredRecord.h"
#include "search/SearchQuery.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

const QString tableName = QStringLiteral("activities");
const QString ownColumns = StoredRecord<Activity>::columns();

} // namespace

ActivityRepository::ActivityRepository(const QSqlDatabase &db)
    : RecordRepository(db, tableName, ownColumns, StoredRecord<Activity>::columnsOf,
                       StoredRecord<Activity>::read)
{
}

QList<Activity> ActivityRepository::timeline(const QString &relatedId, const PageCursor &after,
                                             int limit, StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString keyset = after.isStart()
            ? QString()
            : QStringLiteral(" AND (a.occurred_at, a.local_id) < (?, ?)");
    query.prepare(QStringLiteral("SELECT %1, %2 FROM activities a "
                                 "WHERE a.related_id = ? AND a.deleted = 0%3 "
                                 "ORDER BY a.occurred_at DESC, a.local_id DESC LIMIT ?")
                          .arg(RecordTable::metaColumns(QStringLiteral("a")),
                               columnsWithAlias(QStringLiteral("a")), keyset));
    query.addBindValue(relatedId);
    if (!after.isStart()) {
        query.addBindValue(after.key);
        query.addBindValue(after.localId);
    }
    query.addBindValue(limit);
    return readAll(query, error);
}

QList<Activity> ActivityRepository::search(const QString &text, const PageCursor &after, int limit,
                                           StoreError *error) const
{
    const QString match = SearchQuery::matchExpression(text);
    if (match.isEmpty())
        return {};
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(
            QStringLiteral("SELECT %1, %2 FROM activities a "
                           "JOIN activities_fts ON activities_fts.docid = a.local_id "
                           "WHERE activities_fts MATCH ? AND a.deleted = 0 "
                           "AND activities_fts.docid > ? ORDER BY activities_fts.docid LIMIT ?")
                    .arg(RecordTable::metaColumns(QStringLiteral("a")),
                         columnsWithAlias(QStringLiteral("a"))));
    query.addBindValue(match);
    query.addBindValue(after.localId);
    query.addBindValue(limit);
    return readAll(query, error);
}

PageCursor ActivityRepository::cursorAfter(const Activity &row)
{
    return PageCursor{ RecordTable::timestamp(row.occurredAt), row.meta.localId };
}

} // namespace branchline
