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
        const char *name; // the script is migrations/<engine>/<NNNN>_<name>.sql
    };

    explicit ServerMigrator(const Database &database);

    static const QList<Step> &steps();
    static int latestVersion() { return steps().last().version; }

    bool migrate(QString *error);
    int currentVersion() const { return m_version; }
    QString backupPath() const { return m_backupPath; }

private:
    bool readVersion(QSqlDatabase &db, int *version, QString *error) const;
    bool apply(QSqlDatabase &db, const Step &step, QString *error) const;
    bool backupSqlite(int fromVersion, QString *error);

    const Database &m_database;
    int m_version = 0;
    QString m_backupPath;
};

} // namespace branchline::server
