// SPDX-License-Identifier: GPL-3.0-or-later
#include "MerchantFeedRepository.h"

#include "RecordTable.h"
#include "records/MerchantEnums.h"

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
                    "SELECT %1, customer_id, serial, model, kind, status, installed_at, "
                    "last_active_day "
                    "FROM terminals WHERE customer_id = ? AND deleted = 0 ORDER BY "
                    "CASE status WHEN 'active' THEN 0 WHEN 'faulty' THEN 1 WHEN 'inactive' THEN 2 "
                    "ELSE 3 END, serial")
                    .arg(RecordTable::metaColumns()));
    query.addBindValue(customerId);
    QList<Terminal> rows;
    if (!run(query, error))
        return rows;
    while (query.next()) {
        Terminal t;
        RecordTable::readMeta(query, 0, &t.meta);
        int i = RecordTable::metaColumnCount;
        t.customerId = query.value(i++).toString();
        t.serial = query.value(i++).toString();
        t.model = query.value(i++).toString();
        t.kind = MerchantEnums::parse<TerminalKind>(query.value(i++).toString())
                         .value_or(TerminalKind::Pos);
        t.status = MerchantEnums::parse<TerminalStatus>(query.value(i++).toString())
                           .value_or(TerminalStatus::Inactive);
        t.installedAt = QDate::fromString(query.value(i++).toString(), Qt::ISODate);
        t.lastActiveDay = QDate::fromString(query.value(i++).toString(), Qt::ISODate);
        rows << t;
    }
    return rows;
}

QList<MerchantVolume> MerchantFeedRepository::lastMonths(const QString &customerId, int months,
                                                         StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, customer_id, month, volume_fen, tx_count, "
                                 "refund_fen, chargeback_count FROM merchant_volumes "
                                 "WHERE customer_id = ? AND deleted = 0 "
                                 "ORDER BY month DESC LIMIT ?")
                          .arg(RecordTable::metaColumns()));
    query.addBindValue(customerId);
    query.addBindValue(qMax(0, months));
    QList<MerchantVolume> rows;
    if (!run(query, error))
        return rows;
    while (query.next()) {
        MerchantVolume v;
        RecordTable::readMeta(query, 0, &v.meta);
        int i = RecordTable::metaColumnCount;
        v.customerId = query.value(i++).toString();
        v.month = query.value(i++).toString();
        v.volumeFen = query.value(i++).toLongLong();
        v.txCount = query.value(i++).toLongLong();
        v.refundFen = query.value(i++).toLongLong();
        v.chargebackCount = query.value(i++).toLongLong();
        rows << v;
    }
    std::reverse(rows.begin(), rows.end());
    return rows;
}

} // namespace branchline
