// SPDX-License-Identifier: GPL-3.0-or-later
#include "ActivityRepository.h"

#include "RecordTable.h"
#include "search/SearchQuery.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

const QString tableName = QStringLiteral("activities");
const QString ownColumns =
        QStringLiteral("kind, related_table, related_id, author_id, occurred_at, "
                       "subject, body, attachment_name, attachment_size, "
                       "attachment_sha256");

RecordTable::Columns columnsOf(const Activity &a)
{
    return {
        { QStringLiteral("kind"), RecordEnums::code(a.kind) },
        { QStringLiteral("related_table"), a.relatedTable },
        { QStringLiteral("related_id"), a.relatedId },
        { QStringLiteral("author_id"), RecordTable::nullIfEmpty(a.authorId) },
        { QStringLiteral("occurred_at"), RecordTable::timestamp(a.occurredAt) },
        { QStringLiteral("subject"), a.subject },
        { QStringLiteral("body"), a.body },
        { QStringLiteral("attachment_name"), RecordTable::nullIfEmpty(a.attachmentName) },
        { QStringLiteral("attachment_size"),
          a.attachmentName.isEmpty() ? QVariant(QMetaType::fromType<qlonglong>())
                                     : QVariant(a.attachmentSize) },
        { QStringLiteral("attachment_sha256"), RecordTable::nullIfEmpty(a.attachmentSha256) },
    };
}

Activity read(const QSqlQuery &query)
{
    Activity a;
    RecordTable::readMeta(query, 0, &a.meta);
    int i = RecordTable::metaColumnCount;
    a.kind = RecordEnums::parse<ActivityKind>(query.value(i++).toString())
                     .value_or(ActivityKind::Note);
    a.relatedTable = query.value(i++).toString();
    a.relatedId = query.value(i++).toString();
    a.authorId = query.value(i++).toString();
    a.occurredAt = RecordTable::parseTimestamp(query.value(i++));
    a.subject = query.value(i++).toString();
    a.body = query.value(i++).toString();
    a.attachmentName = query.value(i++).toString();
    a.attachmentSize = query.value(i++).toLongLong();
    a.attachmentSha256 = query.value(i++).toString();
    return a;
}

} // namespace

ActivityRepository::ActivityRepository(const QSqlDatabase &db)
    : RecordRepository(db, tableName, ownColumns, columnsOf, read)
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
