// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QUrl>

namespace branchline {

// branchline-server as a child process on a SQLite file, for the sync benchmark. Seeding a
// million timeline entries takes about a minute, so seeded files are cached by size and
// seed in `cacheDir` and copied for each run.
class BenchServer
{
public:
    BenchServer(QString program, QString workDir, QString cacheDir);
    ~BenchServer();

    bool prepare(qint64 customers, qint64 activities, QString *error);
    bool start(QString *error);
    void stop();
    QUrl url() const;
    // CPU seconds the server process has used so far (user + system), from /proc.
    double cpuSeconds() const;
    QString databasePath() const;
    // The key folder of the cached databases (their audit and data keys): it stays with the
    // cache, so every copy opens, verifies and serves.
    QString keyDirectory() const;

    static QString demoPassword();

private:
    bool run(const QStringList &arguments, const QByteArray &input, QString *error);

    QString m_program;
    QString m_workDir;
    QString m_cacheDir;
    quint16 m_port = 0;
    QProcess m_process;
};

} // namespace branchline
