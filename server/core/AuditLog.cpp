// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditLog.h"

#include "SqlValues.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

QString AuditLog::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString AuditLog::hashOf(qint64 seq, const QString &at, const AuditEntry &entry,
                         const QString &previousHash)
{
    // Fields joined by the ASCII unit separator, which no field can contain unnoticed: a
    // value that moved from one field to the next changes the hash.
    const QChar separator(0x1f);
    const QString canonical = QString::number(seq) + separator + at + separator + entry.actorId
            + separator + entry.action + separator + entry.entity + separator + entry.entityId
            + separator + entry.reason + separator + entry.detail + separator + previousHash;
    return QString::fromLatin1(
            QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex());
}

bool AuditLog::append(QSqlDatabase &db, const AuditEntry &entry, QString *error)
{
    // Updating the head row first takes its lock: concurrent appends, from this server or
    // another instance, queue here and each sees the hash of the one before.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("UPDATE audit_head SET seq = seq + 1 WHERE id = 1"))
        || !query.exec(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1"))
        || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    const qint64 seq = query.value(0).toLongLong();
    const QString previous = query.value(1).toString();
    const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString hash = hashOf(seq, at, entry, previous);

    query.prepare(QStringLiteral("INSERT INTO audit_log (seq, at, actor_id, action, entity, "
                                 "entity_id, reason, detail, prev_hash, hash) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(seq);
    query.addBindValue(at);
    query.addBindValue(nullableText(entry.actorId));
    query.addBindValue(textValue(entry.action));
    query.addBindValue(textValue(entry.entity));
    query.addBindValue(textValue(entry.entityId));
    query.addBindValue(textValue(entry.reason));
    query.addBindValue(textValue(entry.detail));
    query.addBindValue(previous);
    query.addBindValue(hash);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    query.prepare(QStringLiteral("UPDATE audit_head SET hash = ? WHERE id = 1"));
    query.addBindValue(hash);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

AuditLog::Verification AuditLog::verify(QSqlDatabase &db)
{
    Verification result;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT seq, at, actor_id, action, entity, entity_id, reason, "
                                   "detail, prev_hash, hash FROM audit_log ORDER BY seq"))) {
        result.intact = false;
        result.problem = query.lastError().text();
        return result;
    }
    QString previous = genesisHash();
    qint64 expectedSeq = 1;
    auto broken = [&result](qint64 seq, const QString &problem) {
        result.intact = false;
        result.firstBrokenSeq = seq;
        result.problem = problem;
    };
    while (query.next()) {
        const qint64 seq = query.value(0).toLongLong();
        AuditEntry entry;
        entry.actorId = query.value(2).toString();
        entry.action = query.value(3).toString();
        entry.entity = query.value(4).toString();
        entry.entityId = query.value(5).toString();
        entry.reason = query.value(6).toString();
        entry.detail = query.value(7).toString();
        const QString storedPrevious = query.value(8).toString();
        const QString stored = query.value(9).toString();
        if (seq != expectedSeq) {
            broken(expectedSeq,
                   tr("Entry %1 is missing: the trail jumps from %2 to %3.")
                           .arg(expectedSeq)
                           .arg(expectedSeq - 1)
                           .arg(seq));
            return result;
        }
        if (storedPrevious != previous) {
            broken(seq, tr("Entry %1 does not follow the entry before it.").arg(seq));
            return result;
        }
        if (hashOf(seq, query.value(1).toString(), entry, previous) != stored) {
            broken(seq, tr("Entry %1 was changed after it was written.").arg(seq));
            return result;
        }
        previous = stored;
        ++expectedSeq;
        ++result.rows;
    }
    QSqlQuery head(db);
    if (!head.exec(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1")) || !head.next())
        return result;
    const qint64 headSeq = head.value(0).toLongLong();
    if (headSeq > result.rows) {
        broken(result.rows + 1,
               tr("The newest entries were removed: the trail should hold %1 entries but holds "
                  "%2.")
                       .arg(headSeq)
                       .arg(result.rows));
    } else if (headSeq != result.rows || head.value(1).toString() != previous) {
        broken(result.rows,
               tr("The record of the newest entry does not match entry %1: the trail was "
                  "rewritten.")
                       .arg(result.rows));
    }
    return result;
}

} // namespace branchline::server
