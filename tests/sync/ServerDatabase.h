// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace branchline::test {

// The storage behind one branchline-server process, for one engine data row: a new SQLite
// file in `folder`, or a new, uniquely named database on the PostgreSQL that
// scripts/with-postgres.sh started (BRANCHLINE_TEST_POSTGRES_URL), dropped again in the
// destructor. No PostgreSQL is a failure with the reason, never a skip.
//
// PostgreSQL is driven with psql, pg_dump and pg_restore as child processes: they take the
// libpq URL exactly as the script exports it (socket folder in ?host=), and the test binary,
// which links SQLCipher, loads no SQL driver of its own for the server's storage.
class ServerDatabase
{
public:
    ServerDatabase(const QString &engine, const QString &folder);
    ~ServerDatabase();
    ServerDatabase(const ServerDatabase &) = delete;
    ServerDatabase &operator=(const ServerDatabase &) = delete;

    bool isReady() const { return m_ready; }
    QString failure() const { return m_failure; }
    bool isPostgres() const { return !m_pgName.isEmpty(); }
    // What `branchline-server --database` takes.
    QString url() const { return m_url; }

    // A backup named `name`, taken while the server is stopped. SQLite: the database file and
    // its write-ahead log, copied (a cold file backup). PostgreSQL: pg_dump in custom format,
    // a logical backup, as an operator takes one.
    bool backUp(const QString &name, QString *error) const;
    // Puts the backup back while the server is stopped. SQLite: the files replace the live
    // ones. PostgreSQL: the database is dropped, created empty under the same name and
    // pg_restore fills it — what restoring a dump onto a rebuilt server does.
    bool restore(const QString &name, QString *error) const;

private:
    bool psql(const QString &sql, QString *error) const;
    bool run(const QString &program, const QStringList &arguments, QString *error) const;
    QString pgProgram(const QString &name) const;

    QString m_folder;
    QString m_url;
    QString m_adminUrl;
    QString m_pgName;
    QString m_pgBin;
    bool m_ready = false;
    QString m_failure;
};

} // namespace branchline::test
