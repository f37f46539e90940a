// SPDX-License-Identifier: GPL-3.0-or-later
#include "MerchantVolumes.h"

#include "MerchantFeedJson.h"
#include "RecordRows.h"
#include "RecordSupport.h"
#include "rules/KycRules.h"
#include "sync/ChangeLog.h"

#include <QDate>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

bool MerchantVolumes::recompute(QSqlDatabase &db, const QString &customerId, const QString &month,
                                QString *error)
{
    const QDate first = QDate::fromString(month + QStringLiteral("-01"), Qt::ISODate);
    if (!first.isValid()) {
        *error = QStringLiteral("not a month: %1").arg(month);
        return false;
    }
    // Days are yyyy-MM-dd text, so the month is a range of text. The sums are cast back to
    // whole numbers: PostgreSQL's SUM of a BIGINT is a NUMERIC.
    QSqlQuery sums(db);
    sums.prepare(QStringLiteral(
            "SELECT CAST(COALESCE(SUM(volume_fen), 0) AS BIGINT), "
            "CAST(COALESCE(SUM(tx_count), 0) AS BIGINT), "
            "CAST(COALESCE(SUM(refund_fen), 0) AS BIGINT), "
            "CAST(COALESCE(SUM(chargeback_count), 0) AS BIGINT) "
            "FROM transaction_aggregates WHERE customer_id = ? AND day >= ? AND day < ?"));
    sums.addBindValue(customerId);
    sums.addBindValue(first.toString(Qt::ISODate));
    sums.addBindValue(first.addMonths(1).toString(Qt::ISODate));
    if (!sums.exec() || !sums.next()) {
        *error = sums.lastError().text();
        return false;
    }
    MerchantVolume volume;
    volume.meta.id = KycRules::volumeId(customerId, month);
    volume.customerId = customerId;
    volume.month = month;
    volume.volumeFen = sums.value(0).toLongLong();
    volume.txCount = sums.value(1).toLongLong();
    volume.refundFen = sums.value(2).toLongLong();
    volume.chargebackCount = sums.value(3).toLongLong();
    sums.finish();

    using Rows = RecordRows<MerchantVolumeJson>;
    MerchantVolume stored;
    bool found = false;
    if (!Rows::load(db, volume.meta.id, &stored, &found, error))
        return false;
    QStringList changed;
    if (found) {
        changed = Rows::changedFields(stored, volume);
        if (changed.isEmpty())
            return true; // the same day posted again: nothing for clients to pull
        volume.meta.createdAt = stored.meta.createdAt;
        if (!Rows::update(db, volume, error))
            return false;
    } else if (!Rows::insert(db, volume, error)) {
        return false;
    }
    // The month reaches whoever may see its merchant, like any change to the merchant.
    ScopeKeys keys;
    if (!MerchantVolumeJson::scopeKeys(db, volume, &keys, error))
        return false;
    qint64 seq = 0;
    return ChangeLog::record(db, MerchantVolumeJson::table(), volume.meta.id, changed, keys, keys,
                             QString(), &seq, error);
}

} // namespace branchline::server
