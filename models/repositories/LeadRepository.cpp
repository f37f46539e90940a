// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadRepository.h"

#include "RecordTable.h"
#include "rules/MobileNumber.h"
#include "search/SearchQuery.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace branchline {

namespace {

const QString tableName = QStringLiteral("leads");
const QString ownColumns = QStringLiteral("name, company, phone, email, source, status, score, "
                                          "owner_id, branch_id, product_interest, city, notes, "
                                          "converted_customer_id");

RecordTable::Columns columnsOf(const Lead &l)
{
    return {
        { QStringLiteral("name"), l.name },
        { QStringLiteral("company"), l.company },
        { QStringLiteral("phone"), RecordTable::nullIfEmpty(l.phone) },
        { QStringLiteral("email"), RecordTable::nullIfEmpty(l.email) },
        { QStringLiteral("source"), RecordEnums::code(l.source) },
        { QStringLiteral("status"), RecordEnums::code(l.status) },
        { QStringLiteral("score"), l.score },
        { QStringLiteral("owner_id"), RecordTable::nullIfEmpty(l.ownerId) },
        { QStringLiteral("branch_id"), RecordTable::nullIfEmpty(l.branchId) },
        { QStringLiteral("product_interest"), l.productInterest },
        { QStringLiteral("city"), l.city },
        { QStringLiteral("notes"), l.notes },
        { QStringLiteral("converted_customer_id"),
          RecordTable::nullIfEmpty(l.convertedCustomerId) },
    };
}

Lead read(const QSqlQuery &query)
{
    Lead l;
    RecordTable::readMeta(query, 0, &l.meta);
    int i = RecordTable::metaColumnCount;
    l.name = query.value(i++).toString();
    l.company = query.value(i++).toString();
    l.phone = query.value(i++).toString();
    l.email = query.value(i++).toString();
    l.source = RecordEnums::parse<LeadSource>(query.value(i++).toString())
                       .value_or(LeadSource::WalkIn);
    l.status =
            RecordEnums::parse<LeadStatus>(query.value(i++).toString()).value_or(LeadStatus::New);
    l.score = query.value(i++).toInt();
    l.ownerId = query.value(i++).toString();
    l.branchId = query.value(i++).toString();
    l.productInterest = query.value(i++).toString();
    l.city = query.value(i++).toString();
    l.notes = query.value(i++).toString();
    l.convertedCustomerId = query.value(i++).toString();
    return l;
}

} // namespace

LeadRepository::LeadRepository(const QSqlDatabase &db)
    : RecordRepository(db, tableName, ownColumns, columnsOf, read)
{
}

QList<Lead> LeadRepository::page(const LeadFilter &filter, const PageCursor &after, int limit,
                                 StoreError *error) const
{
    QString joins;
    QStringList conditions{ QStringLiteral("l.deleted = 0") };
    QVariantList values;
    bool fullText = false;
    const QString text = filter.text.trimmed();
    if (!text.isEmpty()) {
        const IdentifierCheck phone = MobileNumber::check(text);
        if (phone.ok()) {
            conditions << QStringLiteral("l.phone = ?");
            values << phone.normalized;
        } else {
            const QString match = SearchQuery::matchExpression(text);
            if (match.isEmpty()) {
                conditions << QStringLiteral("0");
            } else {
                joins = QStringLiteral(" JOIN leads_fts ON leads_fts.docid = l.local_id");
                conditions << QStringLiteral("leads_fts MATCH ?");
                values << match;
                fullText = true;
            }
        }
    }
    if (filter.status) {
        conditions << QStringLiteral("l.status = ?");
        values << RecordEnums::code(*filter.status);
    }
    if (filter.source) {
        conditions << QStringLiteral("l.source = ?");
        values << RecordEnums::code(*filter.source);
    }
    if (!filter.ownerId.isEmpty()) {
        conditions << QStringLiteral("l.owner_id = ?");
        values << filter.ownerId;
    }
    if (!filter.customerId.isEmpty()) {
        if (filter.customerPhone.isEmpty()) {
            conditions << QStringLiteral("l.converted_customer_id = ?");
            values << filter.customerId;
        } else {
            conditions << QStringLiteral("(l.converted_customer_id = ? OR l.phone = ?)");
            values << filter.customerId << filter.customerPhone;
        }
    }
    QString order;
    if (fullText) {
        order = QStringLiteral("leads_fts.docid"); // the index's order: no sort of all matches
        if (!after.isStart()) {
            conditions << QStringLiteral("leads_fts.docid > ?");
            values << after.localId;
        }
    } else {
        order = QStringLiteral("l.updated_at DESC, l.local_id DESC");
        if (!after.isStart()) {
            conditions << QStringLiteral("(l.updated_at, l.local_id) < (?, ?)");
            values << after.key << after.localId;
        }
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, %2 FROM leads l%3 WHERE %4 ORDER BY %5 LIMIT ?")
                          .arg(RecordTable::metaColumns(QStringLiteral("l")),
                               columnsWithAlias(QStringLiteral("l")), joins,
                               conditions.join(QStringLiteral(" AND ")), order));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(limit);
    return readAll(query, error);
}

PageCursor LeadRepository::cursorAfter(const Lead &row)
{
    return PageCursor{ RecordTable::timestamp(row.meta.updatedAt), row.meta.localId };
}

} // namespace branchline
