// SPDX-License-Identifier: GPL-3.0-or-later
// The "changes available" poke (sync rule 16) over loopback, with Qt's WebSocket client: a
// signed-in socket hears of changes made through this instance or through another one on
// the same database, a socket without a valid token is never opened, what clients send is
// limited, a client that does not read is dropped, /metrics counts the open and the dropped
// sockets, many idle sockets cost the HTTP side nothing, and a stop closes them all.
#include "ServerFixture.h"
#include "api/ApiContext.h"
#include "records/CustomerService.h"
#include "sync/ChangeLog.h"
#include "sync/SyncNotifier.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QWebSocket>

#include <thread>

using namespace branchline;
using namespace branchline::server;

namespace {

constexpr char password[] = "Xihu-Longjing-2026";

// One server instance, wired as ServeCommand wires it.
struct Instance
{
    explicit Instance(Database &db)
        : hasher(PasswordHasher::Strength::Minimum)
        , accounts(db, hasher)
        , authenticator(db, hasher)
        , context{ db, authenticator, accounts, nullptr }
        , notifier(db,
                   [this](qint64 head) { server->broadcast(SyncNotifier::changesMessage(head)); })
    {
        addSystemRoutes(router, context);
        addAuthRoutes(router, context);
        addRecordRoutes(router, context);
        addSyncRoutes(router, context);
        HttpServerSettings settings;
        settings.port = 0;
        server = std::make_unique<HttpServer>(router, settings);
        context.metrics = &server->metrics();
        connectSessionSockets(*server, authenticator, accounts);
    }

    bool start(QString *error)
    {
        if (!server->start(error))
            return false;
        notifier.start();
        return true;
    }

    // A new user, signed in on one device: its access token.
    QByteArray signIn(const QString &login)
    {
        UserAccount user;
        user.login = login;
        user.displayName = QStringLiteral("王力");
        QStringList problems;
        QString error;
        if (!accounts.addUser(user, password, QString(), &problems, &error))
            return {};
        return authenticator.login(login, password, "d1").accessToken.toLatin1();
    }

    PasswordHasher hasher;
    Accounts accounts;
    Authenticator authenticator;
    ApiContext context;
    Router router;
    std::unique_ptr<HttpServer> server;
    SyncNotifier notifier; // after the server: stops before it goes
};

struct Reply
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QJsonObject json;
};

// One request on its own connection; `raw` is everything before the blank line.
Reply exchange(quint16 port, const QByteArray &raw, const QByteArray &body = {})
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(raw + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
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
    reply.head = data.left(end);
    reply.body = data.mid(end + 4);
    reply.json = QJsonDocument::fromJson(reply.body).object();
    return reply;
}

Reply call(quint16 port, const QByteArray &method, const QByteArray &path,
           const QByteArray &body = {}, const QByteArray &token = {})
{
    QByteArray raw = method + ' ' + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
    if (!token.isEmpty())
        raw += "Authorization: Bearer " + token + "\r\n";
    return exchange(port, raw, body);
}

// One sample of /metrics, as a Prometheus scraper reads it; -1 if it is not there.
qint64 metric(quint16 port, const QByteArray &name)
{
    const Reply reply = call(port, "GET", "/metrics");
    const QByteArray prefix = name + ' ';
    for (const QByteArray &line : reply.body.split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).toLongLong();
    return -1;
}

QByteArray upgradeRequest(const QByteArray &token)
{
    QByteArray raw = "GET /api/v1/sync/events HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n";
    if (!token.isEmpty())
        raw += "Authorization: Bearer " + token + "\r\n";
    return raw;
}

std::unique_ptr<QWebSocket> openSocket(quint16 port, const QByteArray &token)
{
    auto socket = std::make_unique<QWebSocket>();
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/sync/events").arg(port)));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    socket->open(request);
    return socket;
}

qint64 logHead(Database &database)
{
    QSqlDatabase db = database.connection();
    SyncHead head;
    QString error;
    return ChangeLog::head(db, &head, &error) ? head.lastSeq : -1;
}

// The first message a socket received, as a "changes" poke: its head, or -1.
qint64 pokedHead(const QSignalSpy &received)
{
    if (received.isEmpty())
        return -1;
    const QJsonObject message =
            QJsonDocument::fromJson(received.first().first().toString().toUtf8()).object();
    if (message.value("type").toString() != QStringLiteral("changes"))
        return -1;
    return message.value("head").toInteger(-1);
}

} // namespace

class TestSyncPoke : public QObject
{
    Q_OBJECT

private slots:
    void announcesChangesThroughTheApi_data() { test::addEngineRows(); }
    void announcesChangesThroughTheApi();
    void announcesChangesOfAnotherInstance_data() { test::addEngineRows(); }
    void announcesChangesOfAnotherInstance();
    void refusesSocketsWithoutValidToken_data() { test::addEngineRows(); }
    void refusesSocketsWithoutValidToken();
    void limitsWhatClientsSend_data() { test::addEngineRows(); }
    void limitsWhatClientsSend();
    void dropsSocketsThatDoNotRead_data() { test::addEngineRows(); }
    void dropsSocketsThatDoNotRead();
    void stopsGracefullyWithSocketsOpen_data() { test::addEngineRows(); }
    void stopsGracefullyWithSocketsOpen();
    void holdsManyIdleSockets_data() { test::addEngineRows(); }
    void holdsManyIdleSockets();
};

void TestSyncPoke::announcesChangesThroughTheApi()
{
    SERVER_FIXTURE(fixture);
    Instance instance(fixture.database());
    // Signed up before the notifier starts: a new user moves the log head too.
    const QByteArray token = instance.signIn("rep");
    QString error;
    QVERIFY2(instance.start(&error), qPrintable(error));
    QVERIFY(!token.isEmpty());

    auto socket = openSocket(instance.server->port(), token);
    QSignalSpy received(socket.get(), &QWebSocket::textMessageReceived);
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::ConnectedState, 5000);
    QCOMPARE(instance.server->metrics().webSockets.load(), 1);
    QCOMPARE(metric(instance.server->port(), "branchline_http_open_websockets"), 1);
    QCOMPARE(metric(instance.server->port(), "branchline_http_dropped_websockets_total"), 0);
    QVERIFY(!received.wait(500)); // nothing changed, nothing said

    const Reply created = call(instance.server->port(), "POST", "/api/v1/customers",
                               R"({"legal_name":"杭州西湖茶叶有限公司"})", token);
    QCOMPARE(created.status, 201);
    QVERIFY(received.count() > 0 || received.wait(2000));
    QCOMPARE(pokedHead(received), logHead(fixture.database()));
}

void TestSyncPoke::announcesChangesOfAnotherInstance()
{
    SERVER_FIXTURE(fixture);
    Instance instance(fixture.database());
    const QByteArray token = instance.signIn("rep");
    QString error;
    QVERIFY2(instance.start(&error), qPrintable(error));
    auto socket = openSocket(instance.server->port(), token);
    QSignalSpy received(socket.get(), &QWebSocket::textMessageReceived);
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::ConnectedState, 5000);

    // Written through another instance's storage: this one never sees the request.
    std::unique_ptr<Database> other = fixture.secondInstance();
    const std::optional<Caller> caller = instance.authenticator.authenticate(token);
    QVERIFY(caller);
    const RecordOutcome outcome = CustomerService(*other).create(
            *caller, QJsonObject{ { "legal_name", QStringLiteral("南京商户有限公司") } });
    QCOMPARE(outcome.status, 201);
    QVERIFY(received.wait(2000));
    QCOMPARE(pokedHead(received), logHead(*other));
}

void TestSyncPoke::refusesSocketsWithoutValidToken()
{
    SERVER_FIXTURE(fixture);
    Instance instance(fixture.database());
    const QByteArray token = instance.signIn("rep");
    QString error;
    QVERIFY2(instance.start(&error), qPrintable(error));
    const quint16 port = instance.server->port();

    // A plain 401 JSON answer, never a 101.
    Reply reply = exchange(port, upgradeRequest({}));
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.json.value("code").toString(), QStringLiteral("unauthenticated"));
    reply = exchange(port, upgradeRequest("not-a-token"));
    QCOMPARE(reply.status, 401);
    QVERIFY(!reply.head.toLower().contains("upgrade"));
    // The path is a WebSocket only.
    reply = call(port, "GET", "/api/v1/sync/events", {}, token);
    QCOMPARE(reply.status, 426);
    QCOMPARE(reply.json.value("code").toString(), QStringLiteral("upgrade_required"));
    QVERIFY(reply.head.toLower().contains("\r\nupgrade: websocket"));
    QCOMPARE(call(port, "POST", "/api/v1/sync/events", {}, token).status, 405);

    QByteArray signedOut =
            instance.authenticator.login("rep", password, "d2").accessToken.toLatin1();
    QVERIFY(instance.authenticator.logout(QString::fromLatin1(signedOut)));
    for (const QByteArray &bad : { QByteArray(), QByteArray("not-a-token"), signedOut }) {
        auto socket = openSocket(port, bad);
        QSignalSpy connected(socket.get(), &QWebSocket::connected);
        QSignalSpy failed(socket.get(),
                          qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 5000);
        QTRY_COMPARE(socket->state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(connected.count(), 0);
    }
    QCOMPARE(instance.server->metrics().webSockets.load(), 0);

    auto socket = openSocket(port, token); // the valid token still opens one
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::ConnectedState, 5000);
}

void TestSyncPoke::limitsWhatClientsSend()
{
    SERVER_FIXTURE(fixture);
    Instance instance(fixture.database());
    QString error;
    QVERIFY2(instance.start(&error), qPrintable(error));
    auto socket = openSocket(instance.server->port(), instance.signIn("rep"));
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::ConnectedState, 5000);
    QSignalSpy closed(socket.get(), &QWebSocket::disconnected);

    QSignalSpy pong(socket.get(), &QWebSocket::pong);
    socket->sendTextMessage(QStringLiteral("still here")); // small: ignored
    socket->ping(); // Beast answers pings itself
    QVERIFY(pong.wait(2000));
    QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);

    socket->sendTextMessage(QString(5000, QLatin1Char('x'))); // over the 4 KiB limit
    QVERIFY(closed.wait(3000));
    QCOMPARE(socket->closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QTRY_COMPARE(instance.server->metrics().webSockets.load(), 0);
    QCOMPARE(metric(instance.server->port(), "branchline_http_open_websockets"), 0);
    // Closed for what it sent, not for failing to read.
    QCOMPARE(metric(instance.server->port(), "branchline_http_dropped_websockets_total"), 0);
}

void TestSyncPoke::dropsSocketsThatDoNotRead()
{
    SERVER_FIXTURE(fixture);
    Instance instance(fixture.database());
    const QByteArray token = instance.signIn("rep");
    QString error;
    QVERIFY2(instance.start(&error), qPrintable(error));

    // A hand-made client that completes the handshake, then stops reading.
    QTcpSocket stalled;
    stalled.setReadBufferSize(1024);
    stalled.connectToHost(QStringLiteral("127.0.0.1"), instance.server->port());
    QVERIFY(stalled.waitForConnected(5000));
    stalled.write(upgradeRequest(token) + "\r\n");
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") && stalled.waitForReadyRead(5000))
        answer += stalled.read(1024);
    QVERIFY2(answer.startsWith("HTTP/1.1 101"), answer.constData());
    auto reader = openSocket(instance.server->port(), token); // and one that reads
    QSignalSpy received(reader.get(), &QWebSocket::textMessageReceived);
    QTRY_COMPARE_WITH_TIMEOUT(instance.server->metrics().webSockets.load(), 2, 5000);

    // Enough to fill the kernel's buffers many times over, then the server's queue.
    const QByteArray big(1024 * 1024, 'x');
    for (int i = 0; i < 64 && instance.server->metrics().droppedSockets.load() == 0; ++i) {
        instance.server->broadcast(big);
        QTest::qWait(20);
    }
    QTRY_COMPARE_WITH_TIMEOUT(instance.server->metrics().droppedSockets.load(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(instance.server->metrics().webSockets.load(), 1, 5000);
    QCOMPARE(reader->state(), QAbstractSocket::ConnectedState);
    QTRY_VERIFY(received.count() > 0);
    QCOMPARE(metric(instance.server->port(), "branchline_http_dropped_websockets_total"), 1);
    QCOMPARE(metric(instance.server->port(), "branchline_http_open_websockets"), 1);
}

void TestSyncPoke::stopsGracefullyWithSocketsOpen()
{
    SERVER_FIXTURE(fixture);
    Instance instance(fixture.database());
    const QByteArray token = instance.signIn("rep");
    QString error;
    QVERIFY2(instance.start(&error), qPrintable(error));
    const quint16 port = instance.server->port();
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    for (int i = 0; i < 5; ++i)
        sockets.push_back(openSocket(port, token));
    QTRY_COMPARE_WITH_TIMEOUT(instance.server->metrics().webSockets.load(), 5, 5000);
    for (const auto &socket : sockets)
        QTRY_COMPARE(socket->state(), QAbstractSocket::ConnectedState);

    // The clients answer the close frames from this thread's event loop, as real clients
    // would from theirs, while stop() waits for them on another.
    QElapsedTimer timer;
    timer.start();
    std::atomic<bool> stopped{ false };
    std::thread stopper([&] {
        instance.server->stop(5000);
        stopped = true;
    });
    while (!stopped && timer.elapsed() < 8000)
        QTest::qWait(10);
    stopper.join(); // stop() gives up after its 5 s grace in any case
    QVERIFY2(timer.elapsed() < 3000, QByteArray::number(timer.elapsed()).constData());
    for (const auto &socket : sockets) {
        QTRY_COMPARE(socket->state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(socket->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    }
    QCOMPARE(instance.server->metrics().openConnections.load(), 0);
    instance.server->broadcast("{}"); // harmless once stopped
}

void TestSyncPoke::holdsManyIdleSockets()
{
    SERVER_FIXTURE(fixture);
    Instance instance(fixture.database());
    const QByteArray token = instance.signIn("rep");
    QString error;
    QVERIFY2(instance.start(&error), qPrintable(error));
    const quint16 port = instance.server->port();

    constexpr int idle = 200;
    int pokes = 0;
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    for (int i = 0; i < idle; ++i) {
        sockets.push_back(openSocket(port, token));
        connect(sockets.back().get(), &QWebSocket::textMessageReceived, this,
                [&pokes](const QString &) { ++pokes; });
    }
    QTRY_COMPARE_WITH_TIMEOUT(instance.server->metrics().webSockets.load(), idle, 20000);
    // Four threads, two hundred sockets: a plain request is still answered at once.
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(call(port, "GET", "/healthz").status, 200);
    QVERIFY(timer.elapsed() < 1000);

    QCOMPARE(call(port, "POST", "/api/v1/customers", R"({"legal_name":"商户"})", token).status,
             201);
    QTRY_COMPARE_WITH_TIMEOUT(pokes, idle, 5000);
}

QTEST_GUILESS_MAIN(TestSyncPoke)
#include "tst_syncpoke.moc"
