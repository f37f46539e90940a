// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactRepository.h"

#include "RecordTable.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

const QString tableName = QStringLiteral("contacts");
const QString ownColumns =
        QStringLiteral("customer_id, name, title, phone, email, is_primary, notes");

RecordTable::Columns columnsOf(const Contact &c)
{
    return {
        { QStringLiteral("customer_id"), c.customerId },
        { QStringLiteral("name"), c.name },
        { QStringLiteral("title"), c.title },
        { QStringLiteral("phone"), RecordTable::nullIfEmpty(c.phone) },
        { QStringLiteral("email"), RecordTable::nullIfEmpty(c.email) },
        { QStringLiteral("is_primary"), c.isPrimary },
        { QStringLiteral("notes"), c.notes },
    };
}

Contact read(const QSqlQuery &query)
{
    Contact c;
    RecordTable::readMeta(query, 0, &c.meta);
    int i = RecordTable::metaColumnCount;
    c.customerId = query.value(i++).toString();
    c.name = query.value(i++).toString();
    c.title = query.value(i++).toString();
    c.phone = query.value(i++).toString();
    c.email = query.value(i++).toString();
    c.isPrimary = query.value(i++).toBool();
    c.notes = query.value(i++).toString();
    return c;
}

} // namespace

ContactRepository::ContactRepository(const QSqlDatabase &db)
    : RecordRepository(db, tableName, ownColumns, columnsOf, read)
{
}

QList<Contact> ContactRepository::forCustomer(const QString &customerId, const PageCursor &after,
                                              int limit, StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(
            QStringLiteral("SELECT %1, %2 FROM contacts "
                           "WHERE customer_id = ? AND deleted = 0 AND (name, local_id) > (?, ?) "
                           "ORDER BY name, local_id LIMIT ?")
                    .arg(RecordTable::metaColumns(), ownColumns));
    query.addBindValue(customerId);
    query.addBindValue(after.isStart() ? QVariant(QString()) : after.key);
    query.addBindValue(after.localId);
    query.addBindValue(limit);
    return readAll(query, error);
}

PageCursor ContactRepository::cursorAfter(const Contact &row)
{
    return PageCursor{ row.name, row.meta.localId };
}

} // namespace branchline
