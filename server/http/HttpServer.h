// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace branchline::server {

class Router;

struct HttpServerSettings
{
    QString address = QStringLiteral("127.0.0.1");
    quint16 port = 8080; // 0: any free port (tests)
    int threads = 4; // handlers block on the database, so a few run side by side
    qint64 bodyLimit = 4 * 1024 * 1024;
    int readTimeoutSeconds = 30; // to receive one whole request
    int idleTimeoutSeconds = 75; // a kept-alive connection waiting for its next request
    QString certificateFile; // PEM; with a key, the server speaks only TLS
    QString privateKeyFile;
};

// Counters for /metrics, updated by the connection code.
struct HttpMetrics
{
    std::atomic<qint64> requests{ 0 };
    std::atomic<qint64> responses2xx{ 0 };
    std::atomic<qint64> responses4xx{ 0 };
    std::atomic<qint64> responses5xx{ 0 };
    std::atomic<qint64> inFlight{ 0 };
    std::atomic<qint64> openConnections{ 0 }; // WebSockets included
    std::atomic<qint64> webSockets{ 0 };
    std::atomic<qint64> droppedSockets{ 0 }; // closed because the client did not read
    std::atomic<qint64> rejectedBodies{ 0 };
    std::atomic<qint64> handlerMicroseconds{ 0 };
};

// Whether an access token may open the sync events socket. A callback, so that http/
// knows nothing of sign-in.
using SocketAuthenticator = std::function<bool(const QString &accessToken)>;

// HTTP/1.1 on Boost.Beast: asynchronous accept and reads, so thousands of idle kept-alive
// connections cost no thread each; a body limit (413), header and read/idle timeouts,
// optional TLS, and a graceful stop that lets requests in progress finish. A WebSocket
// upgrade request (GET with Upgrade) on /api/v1/sync/events opens a socket the server only
// sends on (docs/sync.md); every other request, there too, goes to the router.
class HttpServer
{
public:
    static constexpr const char *eventsPath = "/api/v1/sync/events";

    HttpServer(const Router &router, HttpServerSettings settings);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    bool start(QString *error);
    quint16 port() const;
    bool usesTls() const;
    HttpMetrics &metrics();

    // Opens the events socket to upgrade requests whose bearer token `authenticate`
    // accepts (checked before the upgrade); without it every upgrade gets a 401. Call
    // before start().
    void setSocketAuthenticator(SocketAuthenticator authenticate);
    // Sends `text` to every open events socket. Any thread; never blocks on a client: a
    // socket whose client falls a few messages behind is closed (it syncs on its timer).
    void broadcast(const QByteArray &text);

    // Stops accepting, closes idle connections and events sockets (a WebSocket close), lets
    // requests in progress finish for up to `graceMs`, then ends. Safe to call twice.
    void stop(int graceMs = 10000);
    // Blocks until SIGTERM or SIGINT arrives, then stops gracefully.
    void runUntilSignalled(int graceMs = 10000);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace branchline::server
