// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactRepository.h"

#include "RecordTable.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

const QString table = QStringLiteral("contacts");
const QString columns = QStringLiteral("customer_id, name, title, phone, email, is_primary, notes");

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

ContactRepository::ContactRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

SaveResult ContactRepository::insert(Contact &contact)
{
    return RecordTable(m_db, table).save(contact, true, columnsOf);
}

SaveResult ContactRepository::update(Contact &contact)
{
    return RecordTable(m_db, table).save(contact, false, columnsOf);
}

SaveResult ContactRepository::remove(const QString &id)
{
    return RecordTable(m_db, table).remove(id);
}

std::optional<Contact> ContactRepository::find(const QString &id, StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, %2 FROM contacts WHERE id = ? AND deleted = 0")
                          .arg(RecordTable::metaColumns(), columns));
    query.addBindValue(id);
    if (query.exec() && query.next())
        return read(query);
    if (error)
        *error = query.lastError().isValid()
                ? StoreError::fromSql(query.lastError())
                : StoreError::make(StoreError::Kind::RecordNotFound, id);
    return std::nullopt;
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
                    .arg(RecordTable::metaColumns(), columns));
    query.addBindValue(customerId);
    query.addBindValue(after.isStart() ? QVariant(QString()) : after.key);
    query.addBindValue(after.localId);
    query.addBindValue(limit);
    QList<Contact> rows;
    if (!query.exec()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return rows;
    }
    while (query.next())
        rows << read(query);
    return rows;
}

PageCursor ContactRepository::cursorAfter(const Contact &row)
{
    return PageCursor{ row.name, row.meta.localId };
}

} // namespace branchline
