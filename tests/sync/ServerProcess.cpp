// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerProcess.h"

#include "TestFiles.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace branchline::test {

QString demoPassword()
{
    return QStringLiteral("Demo-Password-2026");
}

ServerProcess::ServerProcess(QString databaseUrl)
    : m_database(std::move(databaseUrl))
{
    // A free port now, kept for restarts, so clients find the server where it was.
    m_port = freePort();
}

quint16 ServerProcess::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

ServerProcess::~ServerProcess()
{
    kill();
}

bool ServerProcess::seed(int customers, QString *error)
{
    QString out;
    QString err;
    const int code = runProgram(
            QStringLiteral(BRANCHLINE_SERVER),
            QStringList{ QStringLiteral("seed-demo"), QStringLiteral("--database"), m_database,
                         QStringLiteral("--customers"), QString::number(customers),
                         QStringLiteral("--activities"), QString::number(customers * 2) }
                    + keyArguments(),
            (demoPassword() + QLatin1Char('\n')).toUtf8(), &out, &err);
    if (code != 0)
        *error = QStringLiteral("seed-demo failed (%1): %2 %3").arg(code).arg(out, err);
    return code == 0;
}

QStringList ServerProcess::keyArguments() const
{
    if (!m_database.startsWith(QLatin1String("postgresql://")))
        return {};
    return { QStringLiteral("--key-dir"), m_keys.filePath(QStringLiteral("keys")) };
}

void ServerProcess::useTls(const QString &certificate, const QString &key)
{
    m_tlsCertificate = certificate;
    m_tlsKey = key;
}

bool ServerProcess::start()
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (startOnce()) {
            m_startedOnce = true;
            return true;
        }
        // The port was free when chosen, but another test's server may have taken it since:
        // ours then exits at once ("Address already in use"). Only a first start may move.
        if (m_startedOnce || m_process.state() != QProcess::NotRunning)
            return false;
        m_port = freePort();
    }
    return false;
}

bool ServerProcess::startOnce()
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList arguments{ QStringLiteral("--database"), m_database, QStringLiteral("--listen"),
                           QStringLiteral("127.0.0.1:%1").arg(m_port) };
    arguments << keyArguments();
    if (!m_tlsCertificate.isEmpty())
        arguments << QStringLiteral("--tls-cert") << m_tlsCertificate << QStringLiteral("--tls-key")
                  << m_tlsKey;
    m_process.start(QStringLiteral(BRANCHLINE_SERVER), arguments);
    if (!m_process.waitForStarted())
        return false;
    for (int i = 0; i < 100 && m_process.state() == QProcess::Running; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (socket.waitForConnected(100)) {
            // Something accepts on the port; it is ours only if ours is still running (one
            // that could not bind exits within milliseconds).
            return !m_process.waitForFinished(100);
        }
        QThread::msleep(50);
    }
    return false;
}

void ServerProcess::kill()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

QUrl ServerProcess::url() const
{
    const QString scheme = m_tlsCertificate.isEmpty() ? QStringLiteral("http")
                                                      : QStringLiteral("https");
    return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(m_port));
}

} // namespace branchline::test
