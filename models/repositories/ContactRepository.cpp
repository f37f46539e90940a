// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactRepository.h"

#include "RecordTable.h"
#include "StoredRecord.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

const QString tableName = QStringLiteral("contacts");
const QString ownColumns = StoredRecord<Contact>::columns();

} // namespace

ContactRepository::ContactRepository(const QSqlDatabase &db)
    : RecordRepository(db, tableName, ownColumns, StoredRecord<Contact>::columnsOf,
                       StoredRecord<Contact>::read)
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
