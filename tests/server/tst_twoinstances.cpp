// SPDX-License-Identifier: GPL-3.0-or-later
// Two server instances on one database, as behind a load balancer: a session made on one is
// valid on the other, a record written through one is read through the other, and both
// append to one unbroken audit trail.
#include "ServerFixture.h"
#include "api/ApiContext.h"
#include "core/AuditLog.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpSocket>

#include <atomic>
#include <thread>

using namespace branchline;
using namespace branchline::server;

namespace {

// One server instance: its own Database (connections), services, router and HTTP front.
struct Instance
{
    explicit Instance(std::unique_ptr<Database> db)
        : database(std::move(db))
        , hasher(PasswordHasher::Strength::Minimum)
        , accounts(*database, hasher)
        , authenticator(*database, hasher)
        , context{ *database, authenticator, accounts, nullptr }
    {
        addSystemRoutes(router, context);
        addAuthRoutes(router, context);
        addRecordRoutes(router, context);
        HttpServerSettings settings;
        settings.port = 0;
        server = std::make_unique<HttpServer>(router, settings);
        context.metrics = &server->metrics();
    }

    std::unique_ptr<Database> database;
    PasswordHasher hasher;
    Accounts accounts;
    Authenticator authenticator;
    ApiContext context;
    Router router;
    std::unique_ptr<HttpServer> server;
};

struct Reply
{
    int status = 0;
    QJsonObject json;
};

Reply call(quint16 port, const QByteArray &method, const QByteArray &path,
           const QByteArray &body = {}, const QByteArray &token = {})
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            + "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token + "\r\n";
    socket.write(request + "\r\n" + body);
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000 && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(100);
        data += socket.readAll();
    }
    data += socket.readAll();
    const int end = int(data.indexOf("\r\n\r\n"));
    Reply reply;
    reply.status = data.mid(9, 3).toInt();
    reply.json = QJsonDocument::fromJson(data.mid(end + 4)).object();
    return reply;
}

} // namespace

class TestTwoInstances : public QObject
{
    Q_OBJECT

private slots:
    void shareOneDatabase_data() { test::addEngineRows(); }
    void shareOneDatabase();
};

void TestTwoInstances::shareOneDatabase()
{
    SERVER_FIXTURE(fixture);
    Instance a(fixture.secondInstance());
    Instance b(fixture.secondInstance());
    QString error;
    QVERIFY2(a.server->start(&error), qPrintable(error));
    QVERIFY2(b.server->start(&error), qPrintable(error));

    UserAccount rep;
    rep.login = "rep";
    rep.displayName = "王力";
    QStringList problems;
    QVERIFY(a.accounts.addUser(rep, "Xihu-Longjing-2026", QString(), &problems, &error));

    // Signed in through A, working through B.
    const Reply login = call(a.server->port(), "POST", "/api/v1/auth/login",
                             R"({"login":"rep","password":"Xihu-Longjing-2026","device_id":"d1"})");
    QCOMPARE(login.status, 200);
    const QByteArray token = login.json.value("access_token").toString().toLatin1();
    const Reply created = call(b.server->port(), "POST", "/api/v1/customers",
                               R"({"legal_name":"杭州西湖茶叶有限公司"})", token);
    QCOMPARE(created.status, 201);
    const QByteArray id = created.json.value("id").toString().toLatin1();
    const Reply read = call(a.server->port(), "GET", "/api/v1/customers/" + id, {}, token);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json.value("legal_name").toString(), QStringLiteral("杭州西湖茶叶有限公司"));

    // Signed out through B: A refuses the token at once; no instance keeps its own state.
    QCOMPARE(call(b.server->port(), "POST", "/api/v1/auth/logout", {}, token).status, 200);
    QCOMPARE(call(a.server->port(), "GET", "/api/v1/customers", {}, token).status, 401);

    // Concurrent writes through both instances, one audit trail.
    const Reply again = call(a.server->port(), "POST", "/api/v1/auth/login",
                             R"({"login":"rep","password":"Xihu-Longjing-2026","device_id":"d2"})");
    const QByteArray second = again.json.value("access_token").toString().toLatin1();
    std::atomic<int> failures{ 0 };
    auto writer = [&](quint16 port, int from) {
        for (int i = 0; i < 15; ++i) {
            const QByteArray body =
                    QStringLiteral(R"({"legal_name":"商户%1"})").arg(from + i).toUtf8();
            if (call(port, "POST", "/api/v1/customers", body, second).status != 201)
                ++failures;
        }
    };
    std::thread left(writer, a.server->port(), 0);
    std::thread right(writer, b.server->port(), 100);
    left.join();
    right.join();
    QCOMPARE(failures.load(), 0);
    const Reply list = call(b.server->port(), "GET", "/api/v1/customers?limit=200", {}, second);
    QCOMPARE(list.json.value("items").toArray().size(), 31);
    QSqlDatabase db = fixture.database().connection();
    const AuditLog::Verification audit = AuditLog::verify(db);
    QVERIFY2(audit.intact, qPrintable(audit.problem));
}

QTEST_GUILESS_MAIN(TestTwoInstances)
#include "tst_twoinstances.moc"
