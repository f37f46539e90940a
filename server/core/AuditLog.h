// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace branchline::server {

// One thing that happened: who did what to which record, and why.
struct AuditEntry
{
    QString actorId; // user id; empty for the system itself
    QString action; // "login", "login_failed", "user.create", "pii.unmask", ...
    QString entity; // table or kind, e.g. "users", "customers"
    QString entityId;
    QString reason; // given by the person (required to unmask PII)
    QString detail; // JSON with the facts; never a secret
};

// The append-only, hash-chained audit trail. Each row's hash covers its own fields and the
// previous row's hash, so changing, removing or reordering any row breaks every link after
// it; verify() finds the first broken one.
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)

public:
    // Appends `entry` inside the caller's transaction (so the change it records and the
    // record of it commit together).
    static bool append(QSqlDatabase &db, const AuditEntry &entry, QString *error);

    struct Verification
    {
        bool intact = true;
        qint64 rows = 0;
        qint64 firstBrokenSeq = 0; // 0 when intact
        QString problem; // translated
    };
    static Verification verify(QSqlDatabase &db);

    static QString genesisHash();
    static QString hashOf(qint64 seq, const QString &at, const AuditEntry &entry,
                          const QString &previousHash);
};

} // namespace branchline::server
