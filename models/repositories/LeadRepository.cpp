// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadRepository.h"

#include "RecordTable.h"
#include "StoredRecord.h"
#include "domain/rules/MobileNumber.h"
#include "search/SearchQuery.h"

#include <QDate>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace branchline {

namespace {

const QString tableName = QStringLiteral("leads");
const QString ownColumns = StoredRecord<Lead>::columns();
constexpr int ownColumnCount = 13;

// The WHERE clause and its bound values for a filter.
struct Where
{
    QString joins;
    QStringList conditions{ QStringLiteral("l.deleted = 0") };
    QVariantList values;
    bool fullText = false;
};

Where whereFor(const LeadFilter &filter)
{
    Where where;
    const QString text = filter.text.trimmed();
    if (!text.isEmpty()) {
        const IdentifierCheck phone = MobileNumber::check(text);
        if (phone.ok()) {
            where.conditions << QStringLiteral("l.phone = ?");
            where.values << phone.normalized;
        } else {
            const QString match = SearchQuery::matchExpression(text);
            if (match.isEmpty()) {
                where.conditions << QStringLiteral("0");
            } else {
                where.joins = QStringLiteral(" JOIN leads_fts ON leads_fts.docid = l.local_id");
                where.conditions << QStringLiteral("leads_fts MATCH ?");
                where.values << match;
                where.fullText = true;
            }
        }
    }
    if (filter.status) {
        where.conditions << QStringLiteral("l.status = ?");
        where.values << RecordEnums::code(*filter.status);
    }
    if (filter.source) {
        where.conditions << QStringLiteral("l.source = ?");
        where.values << RecordEnums::code(*filter.source);
    }
    if (!filter.ownerId.isEmpty()) {
        where.conditions << QStringLiteral("l.owner_id = ?");
        where.values << filter.ownerId;
    }
    if (!filter.customerId.isEmpty()) {
        if (filter.customerPhone.isEmpty()) {
            where.conditions << QStringLiteral("l.converted_customer_id = ?");
            where.values << filter.customerId;
        } else {
            where.conditions << QStringLiteral("(l.converted_customer_id = ? OR l.phone = ?)");
            where.values << filter.customerId << filter.customerPhone;
        }
    }
    return where;
}

// Adds the keyset condition for the rows after `after` and returns the ORDER BY.
QString pageAfter(Where *where, const PageCursor &after)
{
    if (where->fullText) {
        if (!after.isStart()) {
            where->conditions << QStringLiteral("leads_fts.docid > ?");
            where->values << after.localId;
        }
        return QStringLiteral("leads_fts.docid"); // the index's order: no sort of all matches
    }
    if (!after.isStart()) {
        where->conditions << QStringLiteral("(l.updated_at, l.local_id) < (?, ?)");
        where->values << after.key << after.localId;
    }
    return QStringLiteral("l.updated_at DESC, l.local_id DESC");
}

} // namespace

LeadRepository::LeadRepository(const QSqlDatabase &db)
    : RecordRepository(db, tableName, ownColumns, StoredRecord<Lead>::columnsOf,
                       StoredRecord<Lead>::read)
{
}

QList<Lead> LeadRepository::page(const LeadFilter &filter, const PageCursor &after, int limit,
                                 StoreError *error) const
{
    Where where = whereFor(filter);
    const QString order = pageAfter(&where, after);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, %2 FROM leads l%3 WHERE %4 ORDER BY %5 LIMIT ?")
                          .arg(RecordTable::metaColumns(QStringLiteral("l")),
                               columnsWithAlias(QStringLiteral("l")), where.joins,
                               where.conditions.join(QStringLiteral(" AND ")), order));
    for (const QVariant &value : std::as_const(where.values))
        query.addBindValue(value);
    query.addBindValue(limit);
    return readAll(query, error);
}

QList<LeadCard> LeadRepository::cards(const LeadFilter &filter, const PageCursor &after, int limit,
                                      StoreError *error) const
{
    Where where = whereFor(filter);
    const QString order = pageAfter(&where, after);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, %2, u.display_name, "
                                 // One outbox_by_record probe per card of the page.
                                 "EXISTS (SELECT 1 FROM outbox o WHERE o.table_name = 'leads' "
                                 "AND o.record_id = l.id) "
                                 "FROM leads l%3 LEFT JOIN users u ON u.id = l.owner_id "
                                 "WHERE %4 ORDER BY %5 LIMIT ?")
                          .arg(RecordTable::metaColumns(QStringLiteral("l")),
                               columnsWithAlias(QStringLiteral("l")), where.joins,
                               where.conditions.join(QStringLiteral(" AND ")), order));
    for (const QVariant &value : std::as_const(where.values))
        query.addBindValue(value);
    query.addBindValue(limit);
    QList<LeadCard> rows;
    if (!query.exec()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return rows;
    }
    const int extra = RecordTable::metaColumnCount + ownColumnCount;
    while (query.next())
        rows << LeadCard{ StoredRecord<Lead>::read(query), query.value(extra).toString(),
                          query.value(extra + 1).toBool() };
    if (query.lastError().isValid() && error)
        *error = StoreError::fromSql(query.lastError());
    return rows;
}

qint64 LeadRepository::count(const LeadFilter &filter, StoreError *error) const
{
    const Where where = whereFor(filter);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT count(*) FROM leads l%1 WHERE %2")
                          .arg(where.joins, where.conditions.join(QStringLiteral(" AND "))));
    for (const QVariant &value : where.values)
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return -1;
    }
    return query.value(0).toLongLong();
}

SaveResult LeadRepository::moveTo(const QString &id, LeadStatus status, const QString &lostReason)
{
    StoreError error;
    std::optional<Lead> lead = find(id, &error);
    if (!lead)
        return SaveResult::failed(error);
    if (lead->status == status)
        return SaveResult::success();
    if (lead->status == LeadStatus::Converted)
        return SaveResult::invalid({ { QStringLiteral("status"),
                                       tr("This lead was converted into a customer; it stays "
                                          "converted.") } });
    if (status == LeadStatus::Converted)
        return SaveResult::invalid({ { QStringLiteral("status"),
                                       tr("To mark a lead as converted, convert it into a "
                                          "customer.") } });
    if (status == LeadStatus::Lost) {
        const QString reason = lostReason.simplified();
        if (reason.isEmpty())
            return SaveResult::invalid(
                    { { QStringLiteral("lost_reason"), tr("Say why the lead was lost.") } });
        const QString line =
                tr("Lost on %1: %2").arg(QDate::currentDate().toString(Qt::ISODate), reason);
        lead->notes = lead->notes.isEmpty() ? line : lead->notes + QLatin1Char('\n') + line;
    }
    lead->status = status;
    return update(*lead);
}

PageCursor LeadRepository::cursorAfter(const Lead &row)
{
    return PageCursor{ RecordTable::timestamp(row.meta.updatedAt), row.meta.localId };
}

} // namespace branchline
