// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"

namespace branchline::server {

// Brings the server database to the latest schema: numbered steps, forward only, each in
// one transaction, with an engine-specific script per step. Several instances starting at
// once take turns (an advisory lock on PostgreSQL, the write lock on SQLite). An SQLite
// file is copied before its first change. Then, on every start, PiiUpgrade checks the key
// folder against the database and seals any personal data still stored in clear.
class ServerMigrator
{
    Q_DECLARE_TR_FUNCTIONS(ServerMigrator)

public:
    struct Step
    {
        int version;
        const char *name; // the script is migrations/<NNNN>_<name>.sql
    };

    explicit ServerMigrator(const Database &database);

    static const QList<Step> &steps();
    static int latestVersion() { return steps().last().version; }
    // A step's script as one engine runs it (SqlScript::forEngine over its one source).
    static bool script(const Step &step, bool postgres, QString *script, QString *error);

    // Brings the schema up to date, settles the audit key (AuditKeys::prepare) and then the
    // personal data's keys and values (PiiUpgrade), which audits what it does: every start
    // runs all three, in this order.
    bool migrate(QString *error);
    int currentVersion() const { return m_version; }
    // The number of the audit key made by migrate() (0: none was needed).
    int createdAuditKey() const { return m_createdAuditKey; }
    QString backupPath() const { return m_backupPath; }

private:
    bool readVersion(QSqlDatabase &db, int *version, QString *error) const;
    bool apply(QSqlDatabase &db, const Step &step, QString *error) const;
    bool backupSqlite(int fromVersion, QString *error);
    bool settleKeys(QString *error);

    const Database &m_database;
    int m_version = 0;
    int m_createdAuditKey = 0;
    QString m_backupPath;
};

} // namespace branchline::server
