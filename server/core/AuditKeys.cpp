// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditKeys.h"

#include "AuditLog.h"
#include "KeyRing.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <sodium.h>

Q_LOGGING_CATEGORY(lcAuditKeys, "branchline.server.audit")

namespace branchline::server {

namespace {

// The highest audit key the trail says it is kept with: the head's (raised by a rotation)
// or the newest entry's. Both are single rows, so this stays cheap on any trail.
bool keyInUse(QSqlDatabase &db, int *number, QString *error)
{
    *number = 0;
    QSqlQuery query(db);
    for (const QString &sql :
         { QStringLiteral("SELECT key_number FROM audit_head WHERE id = 1"),
           QStringLiteral("SELECT key_number FROM audit_log ORDER BY seq DESC LIMIT 1") }) {
        if (!query.exec(sql)) {
            *error = query.lastError().text();
            return false;
        }
        if (query.next())
            *number = std::max(*number, query.value(0).toInt());
    }
    return true;
}

} // namespace

bool AuditKeys::prepare(const Database &database, int *created, QString *error)
{
    *created = 0;
    const std::shared_ptr<const KeyRing> ring = KeyRing::installed();
    if (!ring) {
        *error = tr("No key folder is open.");
        return false;
    }
    QSqlDatabase db = database.connection(error);
    if (!db.isOpen())
        return false;
    int inUse = 0;
    if (!keyInUse(db, &inUse, error))
        return false;
    const int have = ring->current(KeyRing::Purpose::Audit).number;
    if (inUse > 0 && have == 0) {
        *error = tr("The audit trail is kept with audit key %1, but the key folder %2 holds no "
                    "audit key: the folder is missing or was moved. Restore it from its backup, "
                    "or set key_dir (--key-dir) to where it is. A new key is not made, for the "
                    "trail could not be verified across it.")
                         .arg(inUse)
                         .arg(ring->directory());
        return false;
    }
    if (inUse > have) {
        *error = tr("The audit trail is kept with audit key %1, but the key folder %2 holds audit "
                    "keys only up to %3: it is an old copy. Every instance needs the same key "
                    "folder, with every key.")
                         .arg(inUse)
                         .arg(ring->directory())
                         .arg(have);
        return false;
    }
    if (have > 0)
        return true;

    auto updated = std::make_shared<KeyRing>();
    if (!updated->open(ring->directory(), error))
        return false;
    if (!updated->has(KeyRing::Purpose::Audit)) {
        KeyRing::Key key;
        QString createError;
        if (!updated->create(KeyRing::Purpose::Audit, &key, &createError)) {
            // Another process starting beside this one may have made it first.
            updated = std::make_shared<KeyRing>();
            if (!updated->open(ring->directory(), error))
                return false;
            if (!updated->has(KeyRing::Purpose::Audit)) {
                *error = createError;
                return false;
            }
        } else {
            *created = key.number;
            sodium_memzero(key.bytes.data(), key.bytes.size());
            qCInfo(lcAuditKeys).noquote() << QStringLiteral("made audit key %1 in %2")
                                                     .arg(key.number)
                                                     .arg(ring->directory());
        }
    }
    KeyRing::install(std::move(updated));
    return true;
}

bool AuditKeys::rotate(const Database &database, int *newKeyNumber, QString *error)
{
    const std::shared_ptr<const KeyRing> ring = KeyRing::installed();
    if (!ring || !ring->has(KeyRing::Purpose::Audit)) {
        *error = tr("No audit key is loaded, so there is none to rotate.");
        return false;
    }
    auto next = std::make_shared<KeyRing>();
    if (!next->open(ring->directory(), error))
        return false;
    const int number = next->current(KeyRing::Purpose::Audit).number + 1;
    KeyRing::Key created;
    const bool ok = database.inTransaction(
            [&](QSqlDatabase &tx, QString *txError) {
                // Made under the key in use, so the chain vouches for the change of key.
                if (!AuditLog::appendKeyRotation(tx, number, txError))
                    return false;
                // After the entry, so a failed append leaves no key behind; a key file
                // another process made under this number meanwhile makes create() fail.
                return next->create(KeyRing::Purpose::Audit, &created, txError);
            },
            error);
    sodium_memzero(created.bytes.data(), created.bytes.size());
    if (!ok)
        return false;
    KeyRing::install(std::move(next));
    *newKeyNumber = number;
    qCInfo(lcAuditKeys).noquote() << QStringLiteral("rotated the audit key to %1 in %2")
                                             .arg(number)
                                             .arg(ring->directory());
    return true;
}

} // namespace branchline::server
