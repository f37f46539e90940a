// SPDX-License-Identifier: GPL-3.0-or-later
#include "MerchantFeedRepository.h"

#include "RecordTable.h"
#include "StoredRecord.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace branchline {

namespace {

bool run(QSqlQuery &query, StoreError *error)
{
    if (query.exec())
        return true;
    if (error)
        *error = StoreError::fromSql(query.lastError());
    return false;
}

} // namespace

MerchantFeedRepository::MerchantFeedRepository(const QSqlDatabase &db)
    : m_db(db)
{
}

QList<Terminal> MerchantFeedRepository::terminals(const QString &customerId,
                                                  StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // Active, faulty (needs a visit), inactive, retrieved: what the rep acts on comes first.
    query.prepare(
            QStringLiteral(
                    "SELECT %1, %2 FROM terminals WHERE customer_id = ? AND deleted = 0 ORDER BY "
                    "CASE status WHEN 'active' THEN 0 WHEN 'faulty' THEN 1 WHEN 'inactive' THEN 2 "
                    "ELSE 3 END, serial")
                    .arg(RecordTable::metaColumns(), StoredRecord<Terminal>::columns()));
    query.addBindValue(customerId);
    QList<Terminal> rows;
    if (!run(query, error))
        return rows;
    while (query.next())
        rows << StoredRecord<Terminal>::read(query);
    return rows;
}

QList<MerchantVolume> MerchantFeedRepository::lastMonths(const QString &customerId, int months,
                                                         StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(
            QStringLiteral("SELECT %1, %2 FROM merchant_volumes "
                           "WHERE customer_id = ? AND deleted = 0 "
                           "ORDER BY month DESC LIMIT ?")
                    .arg(RecordTable::metaColumns(), StoredRecord<MerchantVolume>::columns()));
    query.addBindValue(customerId);
    query.addBindValue(qMax(0, months));
    QList<MerchantVolume> rows;
    if (!run(query, error))
        return rows;
    while (query.next())
        rows << StoredRecord<MerchantVolume>::read(query);
    std::reverse(rows.begin(), rows.end());
    return rows;
}

} // namespace branchline
