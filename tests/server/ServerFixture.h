// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Database.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace branchline::server::test {

// Adds the two engines as data rows: every server test runs on SQLite and on PostgreSQL.
void addEngineRows();

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

} // namespace branchline::server::test

// Opens a fixture for the current data row or fails the test with the reason.
#define SERVER_FIXTURE(name) \
    QFETCH(QString, engine); \
    branchline::server::test::ServerFixture name(engine); \
    QVERIFY2(name.isReady(), qPrintable(name.failure()))
