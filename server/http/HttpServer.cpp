// SPDX-License-Identifier: GPL-3.0-or-later
// The only file that includes Boost.Beast: its templates are compiled once, here.
#include "HttpServer.h"

#include "Router.h"

#include <QLoggingCategory>
#include <QUrl>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <chrono>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

Q_LOGGING_CATEGORY(lcHttp, "branchline.server.http")

namespace branchline::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

constexpr std::uint32_t headerLimit = 16 * 1024;
// Clients have nothing to say on the events socket but pongs and keep-alives.
constexpr std::size_t socketMessageLimit = 4 * 1024;
// Pokes only say "pull now": a client this far behind gains nothing from more of them.
constexpr std::size_t socketQueueLimit = 8;
// A socket silent this long is pinged, and closed if it stays silent as long again.
constexpr int socketIdleSeconds = 60;

class SessionBase
{
public:
    virtual ~SessionBase() = default;
    virtual void closeIfIdle() = 0;
};

// An events socket: the server only ever sends on it.
class SocketBase : public SessionBase
{
public:
    virtual void send(const std::shared_ptr<const std::string> &text) = 0;
};

template<typename T>
void trackIn(std::vector<std::weak_ptr<T>> &list, const std::shared_ptr<T> &item)
{
    // Forget the ended ones while we are here, so the list never grows without bound.
    list.erase(std::remove_if(list.begin(), list.end(),
                              [](const std::weak_ptr<T> &s) { return s.expired(); }),
               list.end());
    list.push_back(item);
}

// What every connection shares.
struct ServerState
{
    ServerState(const Router &r, HttpServerSettings s)
        : router(r)
        , settings(std::move(s))
    {
    }

    const Router &router;
    HttpServerSettings settings;
    HttpMetrics metrics;
    std::atomic<bool> stopping{ false };
    std::optional<ssl::context> tls;
    SocketAuthenticator authenticateSocket;
    std::mutex sessionsMutex;
    std::vector<std::weak_ptr<SessionBase>> sessions;
    std::vector<std::weak_ptr<SocketBase>> sockets;

    void track(const std::shared_ptr<SessionBase> &session)
    {
        std::lock_guard<std::mutex> lock(sessionsMutex);
        trackIn(sessions, session);
    }

    void track(const std::shared_ptr<SocketBase> &socket)
    {
        std::lock_guard<std::mutex> lock(sessionsMutex);
        trackIn(sockets, socket);
    }
};

HttpRequest toRequest(const http::request<http::string_body> &message, const QString &remote)
{
    HttpRequest request;
    request.method = QByteArray(message.method_string().data(),
                                static_cast<int>(message.method_string().size()));
    const QByteArray target(message.target().data(), static_cast<int>(message.target().size()));
    const QUrl url = QUrl::fromEncoded(target);
    request.path = url.path(QUrl::FullyDecoded);
    request.query = QUrlQuery(url);
    for (const auto &field : message) {
        const QByteArray name(field.name_string().data(),
                              static_cast<int>(field.name_string().size()));
        request.headers.insert(
                name.toLower(),
                QByteArray(field.value().data(), static_cast<int>(field.value().size())));
    }
    request.body = QByteArray(message.body().data(), static_cast<int>(message.body().size()));
    request.remoteAddress = remote;
    return request;
}

// The sync events WebSocket, taken over from an HTTP session whose upgrade request carried
// an accepted token. It costs no thread while idle: one pending read, and writes queued so
// that only one is ever in flight.
template<bool Tls>
class EventSocket : public SocketBase, public std::enable_shared_from_this<EventSocket<Tls>>
{
    using Inner = std::conditional_t<Tls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

public:
    EventSocket(Inner &&inner, ServerState &state)
        : m_ws(std::move(inner))
        , m_executor(m_ws.get_executor())
        , m_state(state)
    {
        ++m_state.metrics.openConnections;
        ++m_state.metrics.webSockets;
    }

    ~EventSocket() override
    {
        --m_state.metrics.webSockets;
        --m_state.metrics.openConnections;
    }

    // On the strand, with the upgrade request read and its token accepted.
    void accept(const http::request<http::string_body> &request)
    {
        beast::get_lowest_layer(m_ws).expires_never(); // the WebSocket's own timeouts rule now
        auto timeout = websocket::stream_base::timeout::suggested(beast::role_type::server);
        timeout.handshake_timeout = std::chrono::seconds(m_state.settings.readTimeoutSeconds);
        timeout.idle_timeout = std::chrono::seconds(socketIdleSeconds);
        timeout.keep_alive_pings = true;
        m_ws.set_option(timeout);
        m_ws.set_option(websocket::stream_base::decorator([](websocket::response_type &response) {
            response.set(http::field::server, "branchline-server");
        }));
        m_ws.read_message_max(socketMessageLimit);
        m_ws.text(true);
        m_ws.async_accept(
                request,
                beast::bind_front_handler(&EventSocket::onAccept, this->shared_from_this()));
    }

    void send(const std::shared_ptr<const std::string> &text) override
    {
        net::post(m_executor, [self = this->shared_from_this(), text] { self->enqueue(text); });
    }

    // On stop: a close frame, then the socket ends when the client answers it.
    void closeIfIdle() override
    {
        net::post(m_executor, [self = this->shared_from_this()] { self->close(); });
    }

private:
    void onAccept(beast::error_code ec)
    {
        if (ec)
            return;
        m_open = true;
        if (m_closing || m_state.stopping) {
            m_closing = false;
            return close();
        }
        read();
        if (!m_queue.empty())
            write();
    }

    void read()
    {
        m_ws.async_read(m_buffer,
                        beast::bind_front_handler(&EventSocket::onRead, this->shared_from_this()));
    }

    void onRead(beast::error_code ec, std::size_t)
    {
        // Closed by the client or by stop(), timed out, or too big a message (Beast answers
        // that with close code 1009): the socket ends with its last handler.
        if (ec)
            return;
        m_buffer.consume(m_buffer.size()); // nothing a client sends is needed
        read();
    }

    void enqueue(const std::shared_ptr<const std::string> &text)
    {
        if (m_closing)
            return;
        if (m_queue.size() >= socketQueueLimit) {
            // The client does not read: holding ever more for it would let one client grow
            // the server without bound. Dropped, it still syncs on its timer.
            ++m_state.metrics.droppedSockets;
            m_closing = true;
            beast::error_code ignored;
            beast::get_lowest_layer(m_ws).socket().close(ignored);
            return;
        }
        m_queue.push_back(text);
        if (m_open && m_queue.size() == 1)
            write();
    }

    void write()
    {
        m_ws.async_write(
                net::buffer(*m_queue.front()),
                beast::bind_front_handler(&EventSocket::onWrite, this->shared_from_this()));
    }

    void onWrite(beast::error_code ec, std::size_t)
    {
        if (ec) {
            m_queue.clear();
            return;
        }
        m_queue.pop_front();
        if (!m_queue.empty() && !m_closing)
            write();
    }

    void close()
    {
        if (m_closing)
            return;
        m_closing = true;
        if (!m_open)
            return; // onAccept closes it once the handshake is done
        m_ws.async_close(websocket::close_code::going_away,
                         [self = this->shared_from_this()](beast::error_code) {});
    }

    websocket::stream<Inner> m_ws;
    net::any_io_executor m_executor;
    ServerState &m_state;
    beast::flat_buffer m_buffer;
    std::deque<std::shared_ptr<const std::string>> m_queue; // front: the write in flight
    bool m_open = false; // these only on the strand
    bool m_closing = false;
};

template<bool Tls>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Tls>>
{
    using Stream = std::conditional_t<Tls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

public:
    template<typename... TlsContext>
    Session(tcp::socket &&socket, ServerState &state, TlsContext &...context)
        : m_stream(std::move(socket), context...)
        , m_executor(m_stream.get_executor())
        , m_state(state)
    {
        beast::error_code ignored;
        const auto endpoint = beast::get_lowest_layer(m_stream).socket().remote_endpoint(ignored);
        m_remote = QString::fromStdString(endpoint.address().to_string());
        ++m_state.metrics.openConnections;
    }

    ~Session() override { --m_state.metrics.openConnections; }

    void run()
    {
        net::dispatch(m_stream.get_executor(),
                      beast::bind_front_handler(&Session::start, this->shared_from_this()));
    }

    void closeIfIdle() override
    {
        // m_executor, not m_stream's: after an upgrade the stream belongs to an EventSocket.
        net::post(m_executor, [self = this->shared_from_this()] {
            if (!self->m_busy)
                beast::get_lowest_layer(self->m_stream).cancel();
        });
    }

private:
    void start()
    {
        if constexpr (Tls) {
            beast::get_lowest_layer(m_stream).expires_after(
                    std::chrono::seconds(m_state.settings.readTimeoutSeconds));
            m_stream.async_handshake(
                    ssl::stream_base::server,
                    beast::bind_front_handler(&Session::onHandshake, this->shared_from_this()));
        } else {
            read();
        }
    }

    void onHandshake(beast::error_code ec)
    {
        if (ec)
            return; // not TLS, or a failed handshake: nothing to answer
        read();
    }

    void read()
    {
        m_parser.emplace();
        m_parser->body_limit(static_cast<std::uint64_t>(m_state.settings.bodyLimit));
        m_parser->header_limit(headerLimit);
        beast::get_lowest_layer(m_stream).expires_after(
                std::chrono::seconds(m_served == 0 ? m_state.settings.readTimeoutSeconds
                                                   : m_state.settings.idleTimeoutSeconds));
        http::async_read(m_stream, m_buffer, *m_parser,
                         beast::bind_front_handler(&Session::onRead, this->shared_from_this()));
    }

    void onRead(beast::error_code ec, std::size_t)
    {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout
            || ec == net::error::operation_aborted || ec == net::error::eof)
            return close();
        if (ec == http::error::body_limit) {
            ++m_state.metrics.rejectedBodies;
            return respond(HttpResponse::error(
                                   413, QStringLiteral("body_too_large"),
                                   QCoreApplication::translate("HttpServer",
                                                               "The request body is larger than "
                                                               "the %1 bytes this server accepts.")
                                           .arg(m_state.settings.bodyLimit)),
                           false);
        }
        if (ec == http::error::header_limit) {
            return respond(HttpResponse::error(
                                   431, QStringLiteral("headers_too_large"),
                                   QCoreApplication::translate(
                                           "HttpServer", "The request headers are too large.")),
                           false);
        }
        if (ec) {
            if (ec.category() == http::make_error_code(http::error::bad_method).category()
                || !m_parser->is_header_done())
                return respond(HttpResponse::error(
                                       400, QStringLiteral("malformed_request"),
                                       QCoreApplication::translate(
                                               "HttpServer", "The request is not valid HTTP/1.1.")),
                               false);
            return close();
        }

        m_busy = true;
        ++m_state.metrics.requests;
        const http::request<http::string_body> &message = m_parser->get();
        const HttpRequest request = toRequest(message, m_remote);
        // An upgrade on the events path becomes a socket; anything else there is the router's
        // (its route answers a plain GET with 426).
        if (request.path == QLatin1String(HttpServer::eventsPath) && websocket::is_upgrade(message))
            return openSocket(request);
        ++m_state.metrics.inFlight;
        const auto started = std::chrono::steady_clock::now();
        const HttpResponse response = m_state.router.dispatch(request);
        m_state.metrics.handlerMicroseconds +=
                std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
        --m_state.metrics.inFlight;
        respond(response, message.keep_alive());
    }

    // The token is checked before the upgrade, so a refused client gets a plain JSON 401
    // and never a socket. m_busy stays set: the stream is the EventSocket's from here.
    void openSocket(const HttpRequest &request)
    {
        const http::request<http::string_body> &message = m_parser->get();
        if (m_state.stopping)
            return respond(HttpResponse::error(503, QStringLiteral("stopping"),
                                               QCoreApplication::translate(
                                                       "HttpServer", "The server is stopping.")),
                           false);
        const QString token = request.bearerToken();
        bool accepted = false;
        try {
            accepted = !token.isEmpty() && m_state.authenticateSocket
                    && m_state.authenticateSocket(token);
        } catch (const std::exception &e) {
            qCWarning(lcHttp) << "checking a socket's token failed:" << e.what();
        }
        if (!accepted) {
            HttpResponse refusal = HttpResponse::error(
                    401, QStringLiteral("unauthenticated"),
                    QCoreApplication::translate("HttpServer",
                                                "Sign in first: the request has no valid "
                                                "access token, or it has expired."));
            refusal.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
            return respond(refusal, false);
        }
        auto socket = std::make_shared<EventSocket<Tls>>(std::move(m_stream), m_state);
        m_state.track(std::static_pointer_cast<SocketBase>(socket));
        socket->accept(message);
    }

    void respond(const HttpResponse &response, bool keepAlive)
    {
        m_busy = true;
        if (response.status >= 500)
            ++m_state.metrics.responses5xx;
        else if (response.status >= 400)
            ++m_state.metrics.responses4xx;
        else
            ++m_state.metrics.responses2xx;
        keepAlive = keepAlive && !m_state.stopping;
        m_response = {};
        m_response.version(11);
        m_response.result(static_cast<unsigned>(response.status));
        m_response.set(http::field::server, "branchline-server");
        m_response.set(http::field::content_type,
                       std::string(response.contentType.constData(),
                                   static_cast<std::size_t>(response.contentType.size())));
        m_response.set(http::field::cache_control, "no-store");
        for (const auto &header : response.headers)
            m_response.set(std::string(header.first.constData(),
                                       static_cast<std::size_t>(header.first.size())),
                           std::string(header.second.constData(),
                                       static_cast<std::size_t>(header.second.size())));
        m_response.body().assign(response.body.constData(),
                                 static_cast<std::size_t>(response.body.size()));
        m_response.keep_alive(keepAlive);
        m_response.prepare_payload();
        // A response to HEAD has the head alone (RFC 9110, 9.3.2): content sent anyway would be
        // read as the start of the next response on the connection.
        if (m_parser && m_parser->get().method() == http::verb::head)
            m_response.body().clear();
        beast::get_lowest_layer(m_stream).expires_after(
                std::chrono::seconds(m_state.settings.readTimeoutSeconds));
        http::async_write(
                m_stream, m_response,
                beast::bind_front_handler(&Session::onWrite, this->shared_from_this(), keepAlive));
    }

    void onWrite(bool keepAlive, beast::error_code ec, std::size_t)
    {
        m_busy = false;
        ++m_served;
        if (ec || !keepAlive || m_state.stopping)
            return close();
        read();
    }

    void close()
    {
        beast::error_code ignored;
        if constexpr (Tls) {
            beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(5));
            m_stream.async_shutdown([self = this->shared_from_this()](beast::error_code) {
                beast::error_code unused;
                beast::get_lowest_layer(self->m_stream).socket().close(unused);
            });
        } else {
            m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
            m_stream.socket().close(ignored);
        }
    }

    Stream m_stream;
    net::any_io_executor m_executor;
    ServerState &m_state;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    http::response<http::string_body> m_response;
    QString m_remote;
    bool m_busy = false; // only touched on the session's strand
    int m_served = 0;
};

class Listener : public std::enable_shared_from_this<Listener>
{
public:
    Listener(net::io_context &context, ServerState &state)
        : m_context(context)
        , m_acceptor(net::make_strand(context))
        , m_state(state)
    {
    }

    bool listen(const tcp::endpoint &endpoint, QString *error)
    {
        beast::error_code ec;
        m_acceptor.open(endpoint.protocol(), ec);
        if (!ec)
            m_acceptor.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec)
            m_acceptor.bind(endpoint, ec);
        if (!ec)
            m_acceptor.listen(net::socket_base::max_listen_connections, ec);
        if (ec) {
            *error = QString::fromStdString(ec.message());
            return false;
        }
        return true;
    }

    void accept()
    {
        m_acceptor.async_accept(net::make_strand(m_context),
                                beast::bind_front_handler(&Listener::onAccept, shared_from_this()));
    }

    void close()
    {
        net::post(m_acceptor.get_executor(), [self = shared_from_this()] {
            beast::error_code ignored;
            self->m_acceptor.close(ignored);
        });
    }

    quint16 port() const { return m_acceptor.local_endpoint().port(); }

private:
    void onAccept(beast::error_code ec, tcp::socket socket)
    {
        if (!m_acceptor.is_open())
            return;
        if (!ec && !m_state.stopping) {
            if (m_state.tls) {
                auto session =
                        std::make_shared<Session<true>>(std::move(socket), m_state, *m_state.tls);
                m_state.track(session);
                session->run();
            } else {
                auto session = std::make_shared<Session<false>>(std::move(socket), m_state);
                m_state.track(session);
                session->run();
            }
        }
        accept();
    }

    net::io_context &m_context;
    tcp::acceptor m_acceptor;
    ServerState &m_state;
};

} // namespace

struct HttpServer::Impl
{
    Impl(const Router &router, HttpServerSettings settings)
        : state(router, std::move(settings))
        , context(std::max(1, state.settings.threads))
        , work(net::make_work_guard(context))
    {
    }

    ServerState state;
    net::io_context context;
    net::executor_work_guard<net::io_context::executor_type> work;
    std::shared_ptr<Listener> listener;
    std::vector<std::thread> threads;
    bool stopped = false;
};

HttpServer::HttpServer(const Router &router, HttpServerSettings settings)
    : d(std::make_unique<Impl>(router, std::move(settings)))
{
}

HttpServer::~HttpServer()
{
    stop(0);
}

HttpMetrics &HttpServer::metrics()
{
    return d->state.metrics;
}

void HttpServer::setSocketAuthenticator(SocketAuthenticator authenticate)
{
    d->state.authenticateSocket = std::move(authenticate);
}

void HttpServer::broadcast(const QByteArray &text)
{
    const auto message = std::make_shared<const std::string>(text.constData(),
                                                             static_cast<std::size_t>(text.size()));
    std::vector<std::shared_ptr<SocketBase>> open;
    {
        std::lock_guard<std::mutex> lock(d->state.sessionsMutex);
        open.reserve(d->state.sockets.size());
        for (const auto &weak : d->state.sockets)
            if (auto socket = weak.lock())
                open.push_back(std::move(socket));
    }
    for (const auto &socket : open)
        socket->send(message); // only posts: the writes happen on each socket's strand
}

bool HttpServer::usesTls() const
{
    return d->state.tls.has_value();
}

bool HttpServer::start(QString *error)
{
    const HttpServerSettings &settings = d->state.settings;
    if (!settings.certificateFile.isEmpty() || !settings.privateKeyFile.isEmpty()) {
        d->state.tls.emplace(ssl::context::tls_server);
        beast::error_code ec;
        d->state.tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2
                                          | ssl::context::no_sslv3 | ssl::context::no_tlsv1
                                          | ssl::context::no_tlsv1_1,
                                  ec);
        if (!ec)
            d->state.tls->use_certificate_chain_file(settings.certificateFile.toStdString(), ec);
        if (!ec)
            d->state.tls->use_private_key_file(settings.privateKeyFile.toStdString(),
                                               ssl::context::pem, ec);
        if (ec) {
            *error = QCoreApplication::translate("HttpServer",
                                                 "The TLS certificate or key cannot be used: %1")
                             .arg(QString::fromStdString(ec.message()));
            return false;
        }
    }
    beast::error_code ec;
    const auto address = net::ip::make_address(settings.address.toStdString(), ec);
    if (ec) {
        *error = QCoreApplication::translate("HttpServer", "\"%1\" is not an IP address.")
                         .arg(settings.address);
        return false;
    }
    d->listener = std::make_shared<Listener>(d->context, d->state);
    QString listenError;
    if (!d->listener->listen(tcp::endpoint(address, settings.port), &listenError)) {
        *error = QCoreApplication::translate("HttpServer", "Cannot listen on %1 port %2: %3")
                         .arg(settings.address)
                         .arg(settings.port)
                         .arg(listenError);
        return false;
    }
    d->listener->accept();
    for (int i = 0; i < std::max(1, settings.threads); ++i)
        d->threads.emplace_back([this] { d->context.run(); });
    qCInfo(lcHttp) << "listening on" << settings.address << port() << (usesTls() ? "(TLS)" : "");
    return true;
}

quint16 HttpServer::port() const
{
    return d->listener ? d->listener->port() : 0;
}

void HttpServer::stop(int graceMs)
{
    if (d->stopped || d->threads.empty())
        return;
    d->stopped = true;
    d->state.stopping = true;
    d->listener->close();
    {
        std::lock_guard<std::mutex> lock(d->state.sessionsMutex);
        for (const auto &weak : d->state.sessions)
            if (auto session = weak.lock())
                session->closeIfIdle();
        for (const auto &weak : d->state.sockets)
            if (auto socket = weak.lock())
                socket->closeIfIdle();
    }
    d->work.reset();
    // Sessions busy with a request finish it and close; if any is still going when the
    // grace period ends, the context is stopped under it.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(graceMs);
    while (d->state.metrics.openConnections > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    d->context.stop();
    for (std::thread &thread : d->threads)
        thread.join();
    d->threads.clear();
    qCInfo(lcHttp) << "stopped";
}

void HttpServer::runUntilSignalled(int graceMs)
{
    std::promise<void> signalled;
    net::signal_set stopSignals(d->context, SIGINT, SIGTERM);
    stopSignals.async_wait([&signalled](beast::error_code, int) { signalled.set_value(); });
    signalled.get_future().wait();
    stop(graceMs);
}

} // namespace branchline::server
