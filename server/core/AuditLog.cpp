// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditLog.h"

#include "AuditChain.h"
#include "AuditVerifier.h"
#include "Database.h"
#include "KeyRing.h"
#include "SqlValues.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <sodium.h>

namespace branchline::server {

namespace {

// The key an entry written now is made with: the newest of the process's ring, which is
// read again from the key folder when another instance has rotated to a key this process
// has not seen yet (the head names it).
bool keyAtLeast(int atLeast, KeyRing::Key *key, QString *error)
{
    const std::shared_ptr<const KeyRing> ring = KeyRing::installed();
    if (!ring || !ring->has(KeyRing::Purpose::Audit)) {
        *error = AuditLog::tr("The audit trail cannot be written: no audit key is loaded (the "
                              "key folder is missing or holds no audit key). Nothing was saved.");
        return false;
    }
    *key = ring->current(KeyRing::Purpose::Audit);
    if (key->number >= atLeast)
        return true;
    auto reread = std::make_shared<KeyRing>();
    QString why;
    if (reread->open(ring->directory(), &why)
        && reread->current(KeyRing::Purpose::Audit).number >= atLeast) {
        *key = reread->current(KeyRing::Purpose::Audit);
        KeyRing::install(std::move(reread));
        return true;
    }
    *error = AuditLog::tr("The audit trail cannot be written: it is kept with audit key %1, which "
                          "is not in the key folder %2. Every instance needs the same key folder. "
                          "%3")
                     .arg(atLeast)
                     .arg(ring->directory(), why);
    return false;
}

AuditRow rowOf(const AuditEntry &entry)
{
    AuditRow row;
    row.actorId = nullableText(entry.actorId);
    row.action = textValue(entry.action);
    row.entity = textValue(entry.entity);
    row.entityId = textValue(entry.entityId);
    row.reason = textValue(entry.reason);
    row.detail = textValue(entry.detail);
    return row;
}

} // namespace

bool AuditLog::append(QSqlDatabase &db, const AuditEntry &entry, QString *error)
{
    return write(db, entry, 0, error);
}

bool AuditLog::appendKeyRotation(QSqlDatabase &db, int newKeyNumber, QString *error)
{
    const AuditEntry entry{ QString(),
                            QStringLiteral("audit.key_rotated"),
                            QStringLiteral("audit_log"),
                            QString(),
                            QString(),
                            QStringLiteral("{\"new_key\":%1}").arg(newKeyNumber) };
    return write(db, entry, newKeyNumber, error);
}

bool AuditLog::write(QSqlDatabase &db, const AuditEntry &entry, int nextKeyNumber, QString *error)
{
    // Reading the head locks it (FOR UPDATE; SQLite's BEGIN IMMEDIATE has already taken the
    // write lock): concurrent appends, from this server or another instance, queue here and
    // each sees the link of the one before.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT seq, hash, key_number FROM audit_head WHERE id = 1")
                    + Database::forUpdate(db))) {
        *error = query.lastError().text();
        return false;
    }
    if (!query.next()) {
        *error = tr("The audit trail cannot be written: its head (audit_head) is missing, so the "
                    "trail was tampered with. Run branchline-server verify-audit.");
        return false;
    }
    qint64 seq = query.value(0).toLongLong();
    QString previous = query.value(1).toString();
    const int headKey = query.value(2).toInt();
    query.finish();

    KeyRing::Key key;
    if (!keyAtLeast(headKey, &key, error))
        return false;
    const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QList<AuditRow> rows;
    if (headKey == 0 && seq > 0) {
        // The first keyed entry after the upgrade: its MAC covers the last SHA-256 link, so
        // the entries from before can no longer be re-chained unnoticed.
        rows << rowOf({ QString(), QStringLiteral("audit.keyed"), QStringLiteral("audit_log"),
                        QString(), QString(), QStringLiteral("{\"legacy_entries\":%1}").arg(seq) });
    }
    rows << rowOf(entry);

    query.prepare(QStringLiteral("INSERT INTO audit_log (seq, at, actor_id, action, entity, "
                                 "entity_id, reason, detail, key_number, prev_hash, hash) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    bool ok = true;
    for (AuditRow &row : rows) {
        row.seq = ++seq;
        row.at = at;
        row.keyNumber = key.number;
        row.previous = previous;
        row.link = AuditChain::mac(key, row);
        for (const QVariant &value :
             { QVariant(row.seq), QVariant(row.at), row.actorId, QVariant(row.action),
               QVariant(row.entity), QVariant(row.entityId), QVariant(row.reason),
               QVariant(row.detail), QVariant(row.keyNumber), QVariant(row.previous),
               QVariant(row.link) })
            query.addBindValue(value);
        if (!query.exec()) {
            ok = false;
            break;
        }
        previous = row.link;
    }
    if (ok) {
        query.prepare(QStringLiteral(
                "UPDATE audit_head SET seq = ?, hash = ?, at = ?, key_number = ? WHERE id = 1"));
        query.addBindValue(seq);
        query.addBindValue(previous);
        query.addBindValue(at);
        query.addBindValue(std::max(key.number, nextKeyNumber));
        ok = query.exec();
    }
    sodium_memzero(key.bytes.data(), key.bytes.size());
    if (!ok)
        *error = query.lastError().text();
    return ok;
}

AuditLog::Verification AuditLog::verify(QSqlDatabase &db, const AuditAnchor *anchor)
{
    return AuditVerifier(KeyRing::installed()).verify(db, anchor);
}

} // namespace branchline::server
