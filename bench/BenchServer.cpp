// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <unistd.h>

namespace branchline {

BenchServer::BenchServer(QString program, QString workDir, QString cacheDir)
    : m_program(std::move(program))
    , m_workDir(std::move(workDir))
    , m_cacheDir(std::move(cacheDir))
{
}

BenchServer::~BenchServer()
{
    stop();
}

QString BenchServer::demoPassword()
{
    return QStringLiteral("Demo-Password-2026");
}

QString BenchServer::databasePath() const
{
    return m_workDir + QStringLiteral("/server.db");
}

QString BenchServer::keyDirectory() const
{
    // Where seed-demo made them, beside the cached databases: every copy needs the same, to
    // open its personal data and verify its audit trail.
    return m_cacheDir + QStringLiteral("/keys");
}

QUrl BenchServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

bool BenchServer::run(const QStringList &arguments, const QByteArray &input, QString *error)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(m_program, arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30 * 60 * 1000) || process.exitCode() != 0) {
        *error = QStringLiteral("%1 %2 failed: %3")
                         .arg(m_program, arguments.join(QLatin1Char(' ')),
                              QString::fromUtf8(process.readAll()));
        return false;
    }
    return true;
}

bool BenchServer::prepare(qint64 customers, qint64 activities, QString *error)
{
    QDir().mkpath(m_cacheDir);
    // "-e1": personal data sealed as the server stores it since migration 11, under the
    // keys in <cache>/keys, which the server is started with.
    const QString cached = QStringLiteral("%1/server-%2-%3-seed7-e1.db")
                                   .arg(m_cacheDir)
                                   .arg(customers)
                                   .arg(activities);
    if (!QFile::exists(cached)) {
        const QString building = cached + QStringLiteral(".part");
        QFile::remove(building);
        if (!run({ QStringLiteral("seed-demo"), QStringLiteral("--database"), building,
                   QStringLiteral("--key-dir"), keyDirectory(), QStringLiteral("--customers"),
                   QString::number(customers), QStringLiteral("--activities"),
                   QString::number(activities), QStringLiteral("--seed"), QStringLiteral("7") },
                 demoPassword().toUtf8() + '\n', error))
            return false;
        // A cleanly closed SQLite database has folded its write-ahead log in; one left
        // behind would hold rows, so it travels with the file.
        QFile::rename(building + QStringLiteral("-wal"), cached + QStringLiteral("-wal"));
        if (!QFile::rename(building, cached)) {
            *error = QStringLiteral("cannot keep the seeded database in %1").arg(cached);
            return false;
        }
    }
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(databasePath() + suffix);
    QFile::copy(cached + QStringLiteral("-wal"), databasePath() + QStringLiteral("-wal"));
    if (!QFile::copy(cached, databasePath())) {
        *error = QStringLiteral("cannot copy %1").arg(cached);
        return false;
    }
    return true;
}

bool BenchServer::start(QString *error)
{
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost);
        m_port = probe.serverPort();
    }
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.setStandardOutputFile(m_workDir + QStringLiteral("/server.log"));
    m_process.start(m_program,
                    { QStringLiteral("--database"), databasePath(), QStringLiteral("--key-dir"),
                      keyDirectory(), QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:%1").arg(m_port), QStringLiteral("serve") });
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 30000) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (socket.waitForConnected(200))
            return true;
        if (m_process.state() == QProcess::NotRunning)
            break;
        QThread::msleep(100);
    }
    *error = QStringLiteral("the server did not start");
    return false;
}

double BenchServer::cpuSeconds() const
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(m_process.processId()));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    // Fields 14 and 15 (utime, stime) in clock ticks; the command name before them is in
    // parentheses and may hold spaces, so count from the closing one.
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

void BenchServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000))
        m_process.kill();
    m_process.waitForFinished(5000);
}

} // namespace branchline
