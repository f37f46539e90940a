// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerDatabase.h"
#include "ServerProcess.h"

#include <QTemporaryDir>

#include <memory>

namespace branchline::test {

// A real branchline-server for one test function: a temporary folder, a database of the
// engine (its own PostgreSQL database, or an SQLite file), seed-demo with `customers`
// customers, and the process serving it. Everything goes with the object.
class SeededServer
{
public:
    SeededServer(const QString &engine, int customers);

    // Serving; failure() says why not.
    bool isRunning() const { return m_running; }
    QString failure() const { return m_failure; }

    QUrl url() const { return m_process->url(); }
    // A crash, and a start again on the same database and port.
    void kill() { m_process->kill(); }
    bool start() { return m_process->start(); }
    // A file in the test's temporary folder (the devices' stores).
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerDatabase> m_database;
    std::unique_ptr<ServerProcess> m_process;
    bool m_running = false;
    QString m_failure;
};

} // namespace branchline::test
