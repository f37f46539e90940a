// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Accounts.h"
#include "core/Authenticator.h"
#include "core/Database.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace branchline::server::test {

// Adds the two engines as data rows: every server test runs on SQLite and on PostgreSQL.
void addEngineRows();

// branchline-server's command line run in this process, `input` as its standard input: its
// exit status and what it wrote to standard output and error.
struct CliRun
{
    int status = 0;
    QString out;
    QString err;
};
CliRun runServerCli(const QStringList &arguments, const QString &input = QString());

// A fresh, migrated database of the engine named by the current data row: a new SQLite
// file, or a new PostgreSQL database on the server scripts/with-postgres.sh started
// (dropped again afterwards). No PostgreSQL is a test failure with the reason, never a skip.
class ServerFixture
{
public:
    explicit ServerFixture(const QString &engine);
    ~ServerFixture();

    bool isReady() const { return m_ready; }
    QString failure() const { return m_failure; }
    Database &database() { return *m_database; }
    QString url() const { return m_url; }
    // The key folder the fixture made and installed as the process's KeyRing: a command run
    // on its database names it with --key-dir, as the database's keys are settled with it
    // (PiiUpgrade).
    QString keyDirectory() const { return m_dir.filePath(QStringLiteral("keys")); }
    // Another Database on the same storage, as a second server instance would open it.
    std::unique_ptr<Database> secondInstance() const;

private:
    QTemporaryDir m_dir;
    QString m_url;
    QString m_pgDatabase;
    std::unique_ptr<Database> m_database;
    bool m_ready = false;
    QString m_failure;
};

// An empty database of the engine named by the current data row, not migrated: a new
// SQLite file in `dir`, or a new PostgreSQL database (dropped again afterwards). The upgrade
// tests build an older schema in it.
class ScratchDatabase
{
public:
    ScratchDatabase(const QString &engine, const QTemporaryDir &dir);
    ~ScratchDatabase();
    bool isReady() const { return !m_url.isEmpty(); }
    QString failure() const { return m_failure; }
    QString url() const { return m_url; }

private:
    QString m_url;
    QString m_pgDatabase;
    QString m_failure;
};

// Runs the server's own migration scripts 1..`upTo` and records that schema version, as the
// server of that version left its database (migrations are never edited once released).
bool applyMigrationsUpTo(Database &database, int upTo, QString *error);

// The small organisation the record tests share: 浙江分行 (a region) with 杭州西湖支行 below
// it, and 南京支行 outside it; a rep in each branch, the region's manager, a risk officer
// and an admin.
struct Organisation
{
    Branch region;
    Branch xihu;
    Branch nanjing;
    Caller rep; // in 杭州西湖支行
    Caller otherRep; // in 南京支行
    Caller manager; // of 浙江分行
    Caller risk;
    Caller admin;
};

// Adds the branches and the users to `database`; false with `error` set if it could not.
bool makeOrganisation(Database &database, Organisation *organisation, QString *error);

// Adds a user for each of `callers` (same id, login, role and branch): records may be owned
// only by users who exist.
bool addCallerUsers(Database &database, const QList<Caller> &callers, QString *error);

} // namespace branchline::server::test

// Opens a fixture for the current data row or fails the test with the reason.
#define SERVER_FIXTURE(name) \
    QFETCH(QString, engine); \
    branchline::server::test::ServerFixture name(engine); \
    QVERIFY2(name.isReady(), qPrintable(name.failure()))
