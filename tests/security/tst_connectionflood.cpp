// SPDX-License-Identifier: GPL-3.0-or-later
// The real branchline-server, as a child process limited to 1,024 file descriptors (a
// default `ulimit -n`), flooded with 1,100 idle connections while wrong passwords are being
// hashed: it keeps under its connection limit by closing the idlest connections, does not
// spin on EMFILE, and /healthz answers within 100 ms.
#include "RawHttp.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

namespace {

constexpr int descriptorLimit = 1024;
constexpr int idleConnections = 1100;

using Reply = branchline::server::test::RawReply;

// A request that gives up after 10 s: the flood must not hold the test up longer.
Reply call(quint16 port, const QByteArray &method, const QByteArray &path,
           const QByteArray &body = {}, const QByteArray &headers = {})
{
    return branchline::server::test::rawRequest(port, method, path, body, headers, 10000);
}

// One value of /metrics, or -1.
qint64 metric(quint16 port, const QByteArray &name)
{
    for (const QByteArray &line : call(port, "GET", "/metrics").body.split('\n'))
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toLongLong();
    return -1;
}

// CPU time the process has used, in clock ticks (user + system), or -1.
qint64 cpuTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 12 ? fields.at(11).toLongLong() + fields.at(12).toLongLong() : -1;
}

} // namespace

class TestConnectionFlood : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void healthzAnswersUnderFlood();
    void cleanup();

private:
    QTemporaryDir m_dir;
    QProcess m_server;
    quint16 m_port = 0;
};

void TestConnectionFlood::initTestCase()
{
    // This process holds the client ends of all the connections: it needs more room.
    rlimit files{};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &files), 0);
    const rlim_t wanted = 4 * idleConnections;
    if (files.rlim_cur < wanted) {
        files.rlim_cur = std::min(wanted, files.rlim_max);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &files), 0);
    }
    QVERIFY2(files.rlim_cur > idleConnections + 200,
             "the test needs a hard limit of open files well above 1,100");
}

void TestConnectionFlood::cleanup()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.terminate();
        if (!m_server.waitForFinished(15000))
            m_server.kill();
    }
}

void TestConnectionFlood::healthzAnswersUnderFlood()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    m_port = probe.serverPort();
    probe.close();
    // Requests name their client in X-Forwarded-For, so the sign-ins below come from many
    // addresses and are all hashed instead of being held back.
    const QString config = m_dir.filePath("server.conf");
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("trusted_proxies = 127.0.0.1\n");
    file.close();
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.setChildProcessModifier([] {
        rlimit files{ descriptorLimit, descriptorLimit };
        setrlimit(RLIMIT_NOFILE, &files);
    });
    m_server.start(QStringLiteral(BRANCHLINE_SERVER),
                   { "serve", "--config", config, "--database", m_dir.filePath("flood.db"),
                     "--listen", QStringLiteral("127.0.0.1:%1").arg(m_port) });
    QVERIFY(m_server.waitForStarted());
    QElapsedTimer timer;
    timer.start();
    while (call(m_port, "GET", "/healthz").status != 200 && timer.elapsed() < 30000)
        QThread::msleep(100);
    QCOMPARE(call(m_port, "GET", "/healthz").status, 200);

    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < idleConnections; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY2(idle.back()->waitForConnected(5000), qPrintable(QString::number(i)));
    }
    QThread::msleep(1000); // the server has taken them all in (or tried to)

    // Idle, the flood costs the server next to no CPU: no accept loop spinning on EMFILE.
    const qint64 before = cpuTicks(m_server.processId());
    QThread::msleep(2000);
    const qint64 spent = cpuTicks(m_server.processId()) - before;
    const qint64 ticksPerSecond = sysconf(_SC_CLK_TCK);
    qInfo("server CPU over 2 s with %d idle connections: %lld%%", idleConnections,
          spent * 100 / (2 * ticksPerSecond));
    QVERIFY2(spent < ticksPerSecond / 5, qPrintable(QString::number(spent))); // < 10 %

    // Wrong passwords hashed on every request thread, from many addresses.
    std::atomic<bool> done{ false };
    std::atomic<int> hashed{ 0 };
    std::vector<std::thread> attackers;
    for (int t = 0; t < 6; ++t) {
        attackers.emplace_back([&, t] {
            for (int i = 0; !done; ++i) {
                const QByteArray body = QStringLiteral(R"({"login":"user%1","password":"guess",)"
                                                       R"("device_id":"bot"})")
                                                .arg(t * 1000 + i)
                                                .toLatin1();
                const Reply reply = call(m_port, "POST", "/api/v1/auth/login", body,
                                         QStringLiteral("X-Forwarded-For: 10.%1.%2.%3\r\n")
                                                 .arg(t)
                                                 .arg(i / 250)
                                                 .arg(i % 250)
                                                 .toLatin1());
                hashed += reply.status == 401;
            }
        });
    }
    QThread::msleep(300);
    qint64 slowest = 0;
    int answered = 0;
    for (int i = 0; i < 20; ++i) {
        const Reply health = call(m_port, "GET", "/healthz");
        answered += health.status == 200;
        slowest = std::max(slowest, health.ms);
        QThread::msleep(50);
    }
    done = true;
    for (std::thread &attacker : attackers)
        attacker.join();
    const qint64 open = metric(m_port, "branchline_http_open_connections");
    const qint64 evicted = metric(m_port, "branchline_http_evicted_connections_total");
    qInfo("/healthz: %d of 20 answered, slowest %lld ms, with %d idle connections and %d wrong "
          "sign-ins hashed; %lld connections open, %lld idle ones closed",
          answered, slowest, idleConnections, int(hashed), open, evicted);
    QCOMPARE(answered, 20);
    QVERIFY2(slowest < 100, qPrintable(QString::number(slowest)));
    QVERIFY(hashed > 0);
    // Under the limit the descriptors allow, the idlest closed to keep it so.
    QVERIFY(open > 0 && open < descriptorLimit - 64);
    QVERIFY(evicted >= idleConnections - open);
}

QTEST_GUILESS_MAIN(TestConnectionFlood)
#include "tst_connectionflood.moc"
