// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace branchline::server {

class Router;

struct HttpServerSettings
{
    QString address = QStringLiteral("127.0.0.1");
    quint16 port = 8080; // 0: any free port (tests)
    // Request threads: handlers block on the database and on password hashes, so a few run
    // side by side, apart from the threads that read and write sockets.
    int threads = 4;
    int ioThreads = 2; // read and write sockets; never run a handler
    qint64 bodyLimit = 4 * 1024 * 1024;
    int readTimeoutSeconds = 30; // to receive one whole request
    int idleTimeoutSeconds = 75; // a kept-alive connection waiting for its next request
    // Open connections at most, events sockets included. A new connection beyond it closes
    // the idlest connection that waits for a request. start() lowers it to what the process's
    // file descriptor limit (RLIMIT_NOFILE, systemd's LimitNOFILE) leaves room for.
    int maxConnections = 10000;
    // How often an events socket checks that its session still goes on (it may have been
    // ended through another instance).
    int sessionCheckSeconds = 60;
    // Reverse proxies whose X-Forwarded-For names the client (ClientAddress).
    QStringList trustedProxies;
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
    std::atomic<qint64> queued{ 0 }; // requests waiting for a request thread
    std::atomic<qint64> evictedConnections{ 0 }; // idle, closed to make room
    std::atomic<qint64> refusedConnections{ 0 }; // closed at once: full and none idle
    std::atomic<qint64> acceptErrors{ 0 }; // out of file descriptors, mostly
};

// The session an access token belongs to, if it may open the sync events socket. Callbacks,
// so that http/ knows nothing of sign-in.
using SocketAuthenticator = std::function<std::optional<QString>(const QString &accessToken)>;
// Whether a session still goes on.
using SessionCheck = std::function<bool(const QString &sessionId)>;

// HTTP/1.1 on Boost.Beast: asynchronous accept and reads on a few I/O threads, so thousands
// of idle kept-alive connections cost no thread each; handlers run on a pool of request
// threads (quick routes on one of their own), so a slow handler never holds up reading,
// writing or /healthz. A connection limit that closes the idlest connection first, a pause
// instead of a spin when file descriptors run out, a body limit (413), header and read/idle
// timeouts, a refusal (501) of any Transfer-Encoding but chunked, optional TLS (1.2 with
// ECDHE and AEAD ciphers only, or 1.3), and a graceful stop that lets requests in progress
// finish. A WebSocket upgrade request (GET with Upgrade) on /api/v1/sync/events opens a
// socket the server only sends on (docs/sync.md); every other request, there too, goes to
// the router.
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
    // The connection limit in force: maxConnections, or less if the file descriptor limit
    // leaves no room for it. Known after start().
    int maxConnections() const;

    // Opens the events socket to upgrade requests whose bearer token `authenticate`
    // accepts (checked before the upgrade); without it every upgrade gets a 401. Call
    // before start().
    void setSocketAuthenticator(SocketAuthenticator authenticate);
    // Asked every sessionCheckSeconds for each events socket: a socket whose session has
    // ended is closed (close code 1008). Call before start().
    void setSessionCheck(SessionCheck check);
    // Closes the events sockets of these sessions at once (close code 1008): they were
    // signed out or revoked. Any thread.
    void closeSessions(const QStringList &sessionIds);
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
