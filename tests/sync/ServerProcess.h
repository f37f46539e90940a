// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

namespace branchline::test {

// branchline-server as a child process on the given database URL: it can be killed outright,
// as a crash would, and started again on the same storage and port.
class ServerProcess
{
public:
    explicit ServerProcess(QString databaseUrl);
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    // seed-demo into the (empty) database: the demo users, `customers` customers and two
    // timeline entries each. False with the program's output in `error` when it failed.
    bool seed(int customers, QString *error);
    // Serve HTTPS with this PEM certificate and key from the next start() on.
    void useTls(const QString &certificate, const QString &key);
    // Starts serving and waits until the port accepts connections. The first start moves to
    // another free port when the chosen one was taken meanwhile (tests run side by side);
    // a restart keeps its port, where the clients look for it.
    bool start();
    // No graceful stop: a crash.
    void kill();

    quint16 port() const { return m_port; }
    QUrl url() const;

private:
    // The server's key folder: beside an SQLite file by default; for PostgreSQL one of this
    // process's own (the default, ./branchline-data/keys, would be shared by every test).
    QStringList keyArguments() const;
    // One attempt on m_port: true once this process, not another, accepts connections.
    bool startOnce();
    static quint16 freePort();

    QString m_database;
    QTemporaryDir m_keys;
    quint16 m_port = 0;
    bool m_startedOnce = false;
    QString m_tlsCertificate;
    QString m_tlsKey;
    QProcess m_process;
};

// The password seed-demo gives every demo user.
QString demoPassword();

} // namespace branchline::test
