// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP front over loopback, spoken to byte by byte: error shapes, limits, keep-alive,
// many idle connections, timeouts, graceful stop, and sign-in through the real API; a
// Transfer-Encoding it cannot read refused (no request smuggling), quick routes answered
// while every request thread is busy, a connection limit that closes the idlest first, and
// TLS 1.2 with AEAD ciphers only.
#include "ServerFixture.h"
#include "api/ApiContext.h"
#include "core/PasswordHasher.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

using namespace branchline;
using namespace branchline::server;

namespace {

struct Reply
{
    int status = 0;
    QByteArray headers;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Reads one HTTP response (Content-Length framed) from a connected socket.
Reply readReply(QTcpSocket &socket, int timeoutMs = 10000)
{
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        const int end = int(data.indexOf("\r\n\r\n"));
        if (end >= 0) {
            const QByteArray head = data.left(end);
            int length = 0;
            for (const QByteArray &line : head.split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toInt();
            if (data.size() >= end + 4 + length) {
                Reply reply;
                reply.status = head.mid(9, 3).toInt();
                reply.headers = head;
                reply.body = data.mid(end + 4, length);
                return reply;
            }
        }
        if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        data += socket.readAll();
    }
    return Reply();
}

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                   const QByteArray &extra = {})
{
    return method + ' ' + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void answersErrorsAsJson();
    void refusesOversizedBodies();
    void refusesMalformedHttp();
    void keepsConnectionsAlive();
    void holdsManyIdleConnections();
    void closesIdleConnections();
    void finishesRequestsInProgressOnStop();
    void signsInOverHttp();
    void openApiListsEveryRoute();
    void refusesUnknownTransferEncoding_data();
    void refusesUnknownTransferEncoding();
    void quickRoutesAnswerWhileEveryThreadIsBusy();
    void limitsConnectionsClosingTheIdlestFirst();
    void offersOnlyAeadCiphersOverTls();

private:
    Reply send(const QByteArray &raw);
    bool connectTo(QTcpSocket &socket);

    std::unique_ptr<test::ServerFixture> m_fixture;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<Accounts> m_accounts;
    std::unique_ptr<Authenticator> m_authenticator;
    std::unique_ptr<ApiContext> m_context;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<HttpServer> m_server;
};

void TestHttpServer::init()
{
    m_fixture = std::make_unique<test::ServerFixture>(QStringLiteral("sqlite"));
    QVERIFY(m_fixture->isReady());
    m_hasher = std::make_unique<PasswordHasher>(PasswordHasher::Strength::Minimum);
    m_accounts = std::make_unique<Accounts>(m_fixture->database(), *m_hasher);
    m_authenticator = std::make_unique<Authenticator>(m_fixture->database(), *m_hasher);
    m_context = std::make_unique<ApiContext>(
            ApiContext{ m_fixture->database(), *m_authenticator, *m_accounts, nullptr });
    m_router = std::make_unique<Router>();
    addSystemRoutes(*m_router, *m_context);
    addAuthRoutes(*m_router, *m_context);
    addRecordRoutes(*m_router, *m_context);
    addIntegrationRoutes(*m_router, *m_context);
    addSyncRoutes(*m_router, *m_context);
    m_router->add("GET", "/test/slow", "A slow handler, for the graceful stop",
                  [](const HttpRequest &, const PathParameters &) {
                      QThread::msleep(800);
                      return HttpResponse::json(200, QJsonObject{ { "done", true } });
                  });
    m_router->add("GET", "/test/throws", "A failing handler",
                  [](const HttpRequest &, const PathParameters &) -> HttpResponse {
                      throw std::runtime_error("boom");
                  });
    HttpServerSettings settings;
    settings.port = 0;
    settings.bodyLimit = 64 * 1024;
    settings.readTimeoutSeconds = 2;
    settings.idleTimeoutSeconds = 2;
    m_server = std::make_unique<HttpServer>(*m_router, settings);
    m_context->metrics = &m_server->metrics();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestHttpServer::cleanup()
{
    m_server.reset();
    m_router.reset();
    m_context.reset();
    m_authenticator.reset();
    m_accounts.reset();
    m_fixture.reset();
}

bool TestHttpServer::connectTo(QTcpSocket &socket)
{
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
    return socket.waitForConnected(5000);
}

Reply TestHttpServer::send(const QByteArray &raw)
{
    QTcpSocket socket;
    if (!connectTo(socket))
        return Reply();
    socket.write(raw);
    socket.flush();
    return readReply(socket);
}

void TestHttpServer::answersErrorsAsJson()
{
    Reply reply = send(request("GET", "/no/such/thing"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().value("code").toString(), QStringLiteral("not_found"));
    reply = send(request("DELETE", "/healthz"));
    QCOMPARE(reply.status, 405);
    QVERIFY(reply.headers.contains("Allow: GET"));
    reply = send(request("POST", "/api/v1/auth/login", "{\"login\": "));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value("code").toString(), QStringLiteral("malformed_body"));
    reply = send(request("POST", "/api/v1/auth/login", "[1, 2]"));
    QCOMPARE(reply.status, 400);
    reply = send(request("POST", "/api/v1/auth/login", "{\"login\": 5}"));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value("code").toString(), QStringLiteral("missing_field"));
    reply = send(request("GET", "/test/throws"));
    QCOMPARE(reply.status, 500);
    QVERIFY(!reply.body.contains("boom")); // internals stay in the log
    QCOMPARE(send(request("GET", "/healthz")).status, 200); // and the process lives on
}

void TestHttpServer::refusesOversizedBodies()
{
    const Reply reply = send(request("POST", "/api/v1/auth/login", QByteArray(65 * 1024, 'x')));
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.json().value("code").toString(), QStringLiteral("body_too_large"));
    QCOMPARE(m_server->metrics().rejectedBodies.load(), 1);
    const Reply headers = send(
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n");
    QCOMPARE(headers.status, 431);
}

void TestHttpServer::refusesMalformedHttp()
{
    QTcpSocket socket;
    QVERIFY(connectTo(socket));
    socket.write("THIS IS NOT HTTP\r\n\r\n");
    const Reply reply = readReply(socket);
    QCOMPARE(reply.status, 400);
    QVERIFY(socket.state() != QAbstractSocket::ConnectedState || socket.waitForDisconnected(3000));
    QCOMPARE(send(request("GET", "/healthz")).status, 200);
}

void TestHttpServer::keepsConnectionsAlive()
{
    QTcpSocket socket;
    QVERIFY(connectTo(socket));
    for (int i = 0; i < 5; ++i) {
        socket.write(request("GET", "/healthz"));
        QCOMPARE(readReply(socket).status, 200);
    }
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    socket.write(request("GET", "/healthz", {}, "Connection: close\r\n"));
    QCOMPARE(readReply(socket).status, 200);
    QVERIFY(socket.state() != QAbstractSocket::ConnectedState || socket.waitForDisconnected(3000));
}

void TestHttpServer::holdsManyIdleConnections()
{
    constexpr int idle = 300;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < idle; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QVERIFY(connectTo(*socket));
        sockets.push_back(std::move(socket));
    }
    QElapsedTimer timer;
    timer.start();
    while (m_server->metrics().openConnections.load() < idle && timer.elapsed() < 5000)
        QThread::msleep(10);
    QVERIFY(m_server->metrics().openConnections.load() >= idle);
    // Four handler threads, three hundred idle connections: a new request is still served.
    const Reply reply = send(request("GET", "/healthz"));
    QCOMPARE(reply.status, 200);
}

void TestHttpServer::closesIdleConnections()
{
    QTcpSocket socket;
    QVERIFY(connectTo(socket));
    socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n"); // never finished: a slow-loris
    QElapsedTimer timer;
    timer.start();
    QVERIFY(socket.waitForDisconnected(6000));
    QVERIFY(timer.elapsed() >= 1500);
}

void TestHttpServer::finishesRequestsInProgressOnStop()
{
    QTcpSocket slow;
    QVERIFY(connectTo(slow));
    slow.write(request("GET", "/test/slow"));
    slow.flush();
    QTcpSocket idle;
    QVERIFY(connectTo(idle));
    QThread::msleep(200); // the slow request is now in its handler
    const quint16 port = m_server->port();
    QElapsedTimer timer;
    timer.start();
    m_server->stop(5000);
    const Reply reply = readReply(slow, 3000);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("done").toBool(), true);
    QVERIFY(timer.elapsed() < 4000);
    QVERIFY(idle.state() != QAbstractSocket::ConnectedState || idle.waitForDisconnected(2000));
    QTcpSocket late;
    late.connectToHost(QStringLiteral("127.0.0.1"), port); // no longer accepting
    QVERIFY(!late.waitForConnected(1000));
}

void TestHttpServer::signsInOverHttp()
{
    UserAccount admin;
    admin.login = "admin";
    admin.displayName = "管理员";
    admin.role = Role::Admin;
    QStringList problems;
    QString error;
    QVERIFY(m_accounts->addUser(admin, "Xihu-Longjing-2026", QString(), &problems, &error));

    Reply reply = send(request("POST", "/api/v1/auth/login",
                               R"({"login":"admin","password":"wrong","device_id":"d1"})"));
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.json().value("code").toString(), QStringLiteral("bad_credentials"));
    reply = send(request("POST", "/api/v1/auth/login",
                         R"({"login":"admin","password":"Xihu-Longjing-2026","device_id":"d1"})"));
    QCOMPARE(reply.status, 200);
    const QByteArray access = reply.json().value("access_token").toString().toLatin1();
    const QByteArray refresh = reply.json().value("refresh_token").toString().toLatin1();
    QCOMPARE(access.size(), 43);

    const QByteArray revoke = "/api/v1/admin/users/" + admin.id.toLatin1() + "/devices/d9/revoke";
    QCOMPARE(send(request("POST", revoke)).status, 401);
    QCOMPARE(send(request("POST", revoke, {}, "Authorization: Bearer " + access + "\r\n")).status,
             200);
    reply = send(request("POST", "/api/v1/auth/refresh",
                         R"({"refresh_token":")" + refresh + R"(","device_id":"d1"})"));
    QCOMPARE(reply.status, 200);
    const QByteArray newAccess = reply.json().value("access_token").toString().toLatin1();
    QCOMPARE(send(request("POST", "/api/v1/auth/logout", {},
                          "Authorization: Bearer " + newAccess + "\r\n"))
                     .status,
             200);
    QCOMPARE(send(request("POST", "/api/v1/auth/logout", {},
                          "Authorization: Bearer " + newAccess + "\r\n"))
                     .status,
             401);
}

void TestHttpServer::openApiListsEveryRoute()
{
    const Reply reply = send(request("GET", "/api/v1/openapi.json"));
    QCOMPARE(reply.status, 200);
    const QJsonObject document = reply.json();
    QCOMPARE(document.value("openapi").toString(), QStringLiteral("3.0.3"));
    const QJsonObject paths = document.value("paths").toObject();
    QStringList upgrading;
    for (const Router::Route &route : m_router->routes()) {
        const QJsonObject operation = paths.value(route.pattern)
                                              .toObject()
                                              .value(QString::fromLatin1(route.method.toLower()))
                                              .toObject();
        QVERIFY2(!operation.isEmpty(), qPrintable(route.pattern));
        QCOMPARE(operation.value("summary").toString(), route.summary);
        // Every route the document lists answers at its method: no 404, no 405.
        const Reply probe = send(request(route.method, route.pattern.toLatin1()));
        QVERIFY2(probe.status != 404 && probe.status != 405, qPrintable(route.pattern));
        const QJsonObject responses = operation.value("responses").toObject();
        QVERIFY2(!responses.isEmpty(), qPrintable(route.pattern));
        if (!responses.contains("101"))
            continue;
        // A WebSocket: a plain request is told to upgrade, and an upgrade without a token
        // is refused before it happens.
        upgrading << route.pattern;
        QCOMPARE(probe.status, 426);
        const Reply refused = send(request(route.method, route.pattern.toLatin1(), {},
                                           "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                           "Sec-WebSocket-Version: 13\r\n"));
        QCOMPARE(refused.status, 401);
        QVERIFY(operation.value("x-websocket-messages").toObject().contains("changes"));
    }
    QCOMPARE(upgrading, QStringList{ QString::fromLatin1(HttpServer::eventsPath) });
}

void TestHttpServer::refusesUnknownTransferEncoding_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("identity") << QByteArray("Transfer-Encoding: identity\r\n")
                              << QByteArray("HTTP/1.1 501");
    QTest::newRow("gzip") << QByteArray("Transfer-Encoding: gzip\r\n")
                          << QByteArray("HTTP/1.1 501");
    QTest::newRow("gzip, chunked")
            << QByteArray("Transfer-Encoding: gzip, chunked\r\n") << QByteArray("HTTP/1.1 501");
    // Beast's parser itself refuses this one as malformed.
    QTest::newRow("twice") << QByteArray(
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n")
                           << QByteArray("HTTP/1.1 400");
}

void TestHttpServer::refusesUnknownTransferEncoding()
{
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, answer);
    // A body this server cannot frame, holding a second request: a proxy in front that reads
    // the body differently would pass that request on unseen. It must never be answered.
    QTcpSocket socket;
    QVERIFY(connectTo(socket));
    socket.write("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n" + encoding + "\r\n"
                 + "5\r\nhello\r\n0\r\n\r\n" + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 5000) {
        socket.waitForReadyRead(100);
        data += socket.readAll();
    }
    data += socket.readAll();
    QVERIFY2(data.startsWith(answer), data.constData());
    QCOMPARE(data.count("HTTP/1.1 "), 1); // the smuggled request got no answer
    QVERIFY(socket.state() != QAbstractSocket::ConnectedState); // closed
    // Chunked alone is read as it should be.
    const Reply chunked = send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n"
                               "2\r\n{}\r\n0\r\n\r\n");
    QCOMPARE(chunked.status, 400);
    QCOMPARE(chunked.json().value("code").toString(), QStringLiteral("missing_field"));
}

void TestHttpServer::quickRoutesAnswerWhileEveryThreadIsBusy()
{
    // More slow requests than request threads (4): every one of them is taken.
    std::vector<std::unique_ptr<QTcpSocket>> slow;
    for (int i = 0; i < 6; ++i) {
        slow.push_back(std::make_unique<QTcpSocket>());
        QVERIFY(connectTo(*slow.back()));
        slow.back()->write(request("GET", "/test/slow"));
        slow.back()->flush();
    }
    QElapsedTimer timer;
    timer.start();
    while (m_server->metrics().inFlight.load() < 4 && timer.elapsed() < 5000)
        QThread::msleep(5);
    QCOMPARE(m_server->metrics().inFlight.load(), 4);
    QCOMPARE(m_server->metrics().queued.load(), 2);
    for (const char *path : { "/healthz", "/metrics" }) {
        timer.restart();
        const Reply reply = send(request("GET", path));
        QCOMPARE(reply.status, 200);
        qInfo("%s answered in %lld ms with every request thread busy", path, timer.elapsed());
        QVERIFY2(timer.elapsed() < 100, qPrintable(QString::number(timer.elapsed())));
    }
    for (const auto &socket : slow)
        QCOMPARE(readReply(*socket, 5000).status, 200);
}

void TestHttpServer::limitsConnectionsClosingTheIdlestFirst()
{
    HttpServerSettings settings;
    settings.port = 0;
    settings.maxConnections = 20;
    HttpServer small(*m_router, settings);
    QString error;
    QVERIFY2(small.start(&error), qPrintable(error));
    QCOMPARE(small.maxConnections(), 20);
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 30; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QStringLiteral("127.0.0.1"), small.port());
        QVERIFY(idle.back()->waitForConnected(5000));
        QTRY_COMPARE(small.metrics().openConnections.load(), std::min<qint64>(i + 1, 20));
    }
    // The ten that waited longest were closed, the newest twenty are open.
    for (int i = 0; i < 30; ++i) {
        QTcpSocket &socket = *idle[static_cast<std::size_t>(i)];
        if (i < 10) {
            QVERIFY2(socket.state() != QAbstractSocket::ConnectedState
                             || socket.waitForDisconnected(2000),
                     qPrintable(QString::number(i)));
        } else {
            socket.waitForReadyRead(10);
            QVERIFY2(socket.state() == QAbstractSocket::ConnectedState,
                     qPrintable(QString::number(i)));
        }
    }
    QCOMPARE(small.metrics().evictedConnections.load(), 10);
    // A new client is still served, and a connection that sent its request is not closed
    // for a newer one.
    QTcpSocket client;
    client.connectToHost(QStringLiteral("127.0.0.1"), small.port());
    QVERIFY(client.waitForConnected(5000));
    client.write(request("GET", "/test/slow"));
    client.flush();
    QTRY_COMPARE(small.metrics().inFlight.load(), 1);
    for (int i = 0; i < 5; ++i) {
        QTcpSocket more;
        more.connectToHost(QStringLiteral("127.0.0.1"), small.port());
        QVERIFY(more.waitForConnected(5000));
        more.write(request("GET", "/healthz"));
        QCOMPARE(readReply(more).status, 200);
    }
    QCOMPARE(readReply(client).status, 200);
}

void TestHttpServer::offersOnlyAeadCiphersOverTls()
{
    QTemporaryDir dir;
    const QString key = dir.filePath("key.pem");
    const QString certificate = dir.filePath("cert.pem");
    QProcess openssl;
    openssl.start("openssl",
                  { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
                    certificate, "-days", "2", "-subj", "/CN=127.0.0.1" });
    QVERIFY(openssl.waitForFinished(60000));
    QCOMPARE(openssl.exitCode(), 0);
    HttpServerSettings settings;
    settings.port = 0;
    settings.certificateFile = certificate;
    settings.privateKeyFile = key;
    HttpServer tls(*m_router, settings);
    QString error;
    QVERIFY2(tls.start(&error), qPrintable(error));

    // What a TLS 1.2 client offering only `cipher` gets: the cipher in use, or none.
    const auto negotiate = [&](const char *cipher) -> QString {
        const QSslCipher offered(QString::fromLatin1(cipher));
        if (offered.isNull())
            return QStringLiteral("(the client cannot offer %1)").arg(cipher);
        QSslSocket socket;
        QSslConfiguration configuration = socket.sslConfiguration();
        configuration.setProtocol(QSsl::TlsV1_2);
        configuration.setCiphers({ offered });
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.setSslConfiguration(configuration);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), tls.port());
        if (!socket.waitForEncrypted(5000))
            return QString();
        socket.write(request("GET", "/healthz"));
        if (readReply(socket).status != 200)
            return QStringLiteral("(no answer)");
        return socket.sessionCipher().name();
    };
    QCOMPARE(negotiate("ECDHE-RSA-AES128-GCM-SHA256"),
             QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"));
    QCOMPARE(negotiate("ECDHE-RSA-CHACHA20-POLY1305"),
             QStringLiteral("ECDHE-RSA-CHACHA20-POLY1305"));
    // CBC with SHA-1, and RSA key exchange without forward secrecy: refused.
    QCOMPARE(negotiate("ECDHE-RSA-AES128-SHA"), QString());
    QCOMPARE(negotiate("ECDHE-RSA-AES256-SHA"), QString());
    QCOMPARE(negotiate("AES128-GCM-SHA256"), QString());
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
