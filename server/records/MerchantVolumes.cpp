// SPDX-License-Identifier: GPL-3.0-or-later
#include "MerchantVolumes.h"

#include "MerchantFeedJson.h"
#include "gate/WriteGate.h"
#include "domain/rules/KycRules.h"

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

    // Derived by the server from the transaction feed; the feed's batch is audited as a whole.
    WriteActor actor;
    actor.channel = WriteChannel::System;
    actor.commandFields = MerchantVolumeJson::fields();
    actor.auditedByBatch = true;
    using Gate = WriteGate<MerchantVolumeJson>;
    MerchantVolume stored;
    bool found = false;
    if (!Gate::load(db, actor, volume.meta.id, &stored, &found, true, error))
        return false;
    std::optional<WriteRefusal> refusal;
    if (found) {
        volume.meta = stored.meta;
        QStringList changed;
        if (!Gate::update(db, actor, stored, volume, MerchantVolumeJson::fields(), &refusal,
                          &changed, error))
            return false;
    } else if (!Gate::create(db, actor, volume, MerchantVolumeJson::fields(), &refusal, error)) {
        return false;
    }
    if (refusal) {
        // Sums of whole numbers for a merchant that exists: nothing here can be refused
        // unless the data is broken, which must not pass as a posted month.
        *error = refusal->message;
        return false;
    }
    return true;
}

} // namespace branchline::server
