// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientAddress.h"
#include "HttpServer.h"

#include <QLoggingCategory>

#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

// The insides of HttpServer that its connections share. No Beast here: only
// HttpSession.cpp instantiates Beast's templates.
namespace branchline::server {

class Router;

inline qint64 steadyMilliseconds()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

// An HTTP connection, as the connection limit and a stop see it.
class HttpConnection
{
public:
    virtual ~HttpConnection() = default;
    // On stop: closes the connection unless it is handling a request.
    virtual void closeIfIdle() = 0;
    // To make room: closes the connection now unless it is handling a request.
    virtual void evict() = 0;

    std::atomic<bool> busy{ false }; // a request is read and being handled or answered
    std::atomic<qint64> lastActive{ steadyMilliseconds() };
    std::atomic<bool> evicting{ false };
};

// An events socket: the server only ever sends on it.
class EventSocketBase
{
public:
    virtual ~EventSocketBase() = default;
    virtual void send(const std::shared_ptr<const std::string> &text) = 0;
    virtual void closeIfIdle() = 0; // on stop
    virtual void endSession() = 0; // its session ended
    virtual const QString &sessionId() const = 0;
};

struct HttpServerState
{
    HttpServerState(const Router &r, HttpServerSettings s);

    const Router &router;
    HttpServerSettings settings;
    ClientAddress clientAddress;
    int maxConnections; // the limit in force (start() may lower it)
    HttpMetrics metrics;
    std::atomic<bool> stopping{ false };
    std::optional<boost::asio::ssl::context> tls;
    SocketAuthenticator authenticateSocket;
    SessionCheck sessionCheck;
    boost::asio::thread_pool *workers = nullptr; // handlers, socket sign-in and session checks
    boost::asio::thread_pool *quick = nullptr; // the quick routes
    std::mutex mutex; // guards the two lists
    std::vector<std::weak_ptr<HttpConnection>> connections;
    std::vector<std::weak_ptr<EventSocketBase>> sockets;
    std::atomic<qint64> evictionsPending{ 0 }; // evicted, not yet gone

    void track(const std::shared_ptr<HttpConnection> &connection);
    void track(const std::shared_ptr<EventSocketBase> &socket);
    std::vector<std::shared_ptr<HttpConnection>> openConnections();
    std::vector<std::shared_ptr<EventSocketBase>> openSockets();

    // Closes up to `count` connections that wait for a request, the longest waiting first;
    // how many it closed.
    qint64 evictIdlest(qint64 count);
    // Room for one more connection: true if there is, or was made by evicting idle ones.
    bool makeRoom();
};

} // namespace branchline::server
