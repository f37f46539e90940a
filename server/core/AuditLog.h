// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace branchline::server {

struct AuditAnchor;

// One thing that happened: who did what to which record, and why.
struct AuditEntry
{
    QString actorId; // user id; empty for the system itself (stored as NULL)
    QString action; // "login", "login_failed", "user.create", "pii.unmask", ...
    QString entity; // table or kind, e.g. "users", "customers"
    QString entityId;
    QString reason; // given by the person (required to unmask PII)
    QString detail; // JSON with the facts; never a secret
};

// The append-only audit trail, an HMAC-SHA256 chain (AuditChain) under the audit key of the
// process's KeyRing, which is never in the database: someone who can write to the database
// but has not the key can neither change an entry nor re-chain the trail after a change.
// audit_head records the newest entry; removing entries from the end and rewinding the head
// to match is caught against an anchor kept outside the database (AuditAnchor).
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)

public:
    // Appends `entry` inside the caller's transaction (so the change it records and the
    // record of it commit together). Fails, writing nothing, when no audit key is loaded.
    // The first entry after the upgrade to keyed entries is preceded by "audit.keyed", which
    // seals the entries from before.
    static bool append(QSqlDatabase &db, const AuditEntry &entry, QString *error);
    // "audit.key_rotated", made under the current key, naming `newKeyNumber`: entries after
    // it must use that key or a later one, and the head tells every instance so.
    static bool appendKeyRotation(QSqlDatabase &db, int newKeyNumber, QString *error);

    struct Verification
    {
        bool intact = true;
        qint64 rows = 0; // entries checked and found good
        qint64 legacyRows = 0; // of them, entries from before the chain was keyed
        qint64 firstBrokenSeq = 0; // 0 when intact
        QString problem; // translated
    };
    // Checks the whole trail, its head and, when given, that it still holds the entry an
    // anchor recorded. Reads one snapshot (a single statement), so it may run beside a
    // server that is appending; call it outside a transaction.
    static Verification verify(QSqlDatabase &db, const AuditAnchor *anchor = nullptr);

private:
    static bool write(QSqlDatabase &db, const AuditEntry &entry, int nextKeyNumber, QString *error);
};

} // namespace branchline::server
