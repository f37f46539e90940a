// SPDX-License-Identifier: GPL-3.0-or-later
// The only file that includes Boost.Beast: its templates are compiled once, here.
#include "HttpSession.h"

#include "HttpServerState.h"
#include "Router.h"

#include <QUrl>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <chrono>
#include <deque>
#include <optional>
#include <type_traits>

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

// Whether the body's framing is one this server reads. Transfer-Encoding other than a single
// "chunked" (gzip, identity, a list, twice) is not: guessing would leave the body to be read
// as the next request, which a proxy in front frames differently (request smuggling).
bool framingUnderstood(const http::request<http::string_body> &message)
{
    int encodings = 0;
    for (const auto &field : message) {
        if (field.name() != http::field::transfer_encoding)
            continue;
        QByteArray value(field.value().data(), static_cast<int>(field.value().size()));
        if (++encodings > 1 || value.trimmed().toLower() != "chunked")
            return false;
    }
    return true;
}

// The sync events WebSocket, taken over from an HTTP session whose upgrade request carried
// an accepted token. It costs no thread while idle: one pending read, a timer for the
// session check, and writes queued so that only one is ever in flight.
template<bool Tls>
class EventSocket : public EventSocketBase, public std::enable_shared_from_this<EventSocket<Tls>>
{
    using Inner = std::conditional_t<Tls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

public:
    EventSocket(Inner &&inner, HttpServerState &state, QString sessionId)
        : m_ws(std::move(inner))
        , m_executor(m_ws.get_executor())
        , m_state(state)
        , m_sessionId(std::move(sessionId))
        , m_check(m_executor)
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
        net::post(m_executor, [self = this->shared_from_this()] {
            self->close(websocket::close_code::going_away);
        });
    }

    void endSession() override
    {
        net::post(m_executor, [self = this->shared_from_this()] { self->sessionEnded(); });
    }

    const QString &sessionId() const override { return m_sessionId; }

private:
    void onAccept(beast::error_code ec)
    {
        if (ec)
            return;
        m_open = true;
        if (m_closing || m_state.stopping) {
            m_closing = false;
            return close(m_state.stopping
                                 ? websocket::close_reason(websocket::close_code::going_away)
                                 : m_closeReason);
        }
        read();
        scheduleCheck();
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
        if (ec) {
            m_closing = true;
            m_check.cancel(); // its handler holds the socket alive
            return;
        }
        m_buffer.consume(m_buffer.size()); // nothing a client sends is needed
        read();
    }

    // The session may have been ended where no one told this instance (another instance
    // on the database, the command line): asked again now and then, on a request thread.
    void scheduleCheck()
    {
        if (!m_state.sessionCheck || m_closing || !m_state.workers)
            return;
        m_check.expires_after(std::chrono::seconds(m_state.settings.sessionCheckSeconds));
        m_check.async_wait([self = this->shared_from_this()](beast::error_code ec) {
            if (ec || self->m_closing)
                return;
            net::post(*self->m_state.workers, [self] {
                bool active = true;
                try {
                    active = self->m_state.sessionCheck(self->m_sessionId);
                } catch (const std::exception &e) {
                    qCWarning(lcHttp) << "checking a socket's session failed:" << e.what();
                }
                net::post(self->m_executor, [self, active] {
                    if (active)
                        self->scheduleCheck();
                    else
                        self->sessionEnded();
                });
            });
        });
    }

    void sessionEnded()
    {
        close(websocket::close_reason(websocket::close_code::policy_error, "session ended"));
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
            m_check.cancel();
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

    void close(const websocket::close_reason &reason)
    {
        if (m_closing)
            return;
        m_closing = true;
        m_check.cancel();
        if (!m_open) {
            m_closeReason = reason; // onAccept closes it once the handshake is done
            return;
        }
        m_ws.async_close(reason, [self = this->shared_from_this()](beast::error_code) {});
    }

    websocket::stream<Inner> m_ws;
    net::any_io_executor m_executor;
    HttpServerState &m_state;
    const QString m_sessionId;
    net::steady_timer m_check;
    beast::flat_buffer m_buffer;
    std::deque<std::shared_ptr<const std::string>> m_queue; // front: the write in flight
    websocket::close_reason m_closeReason{ websocket::close_code::going_away };
    bool m_open = false; // these only on the strand
    bool m_closing = false;
};

template<bool Tls>
class Session : public HttpConnection, public std::enable_shared_from_this<Session<Tls>>
{
    using Stream = std::conditional_t<Tls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

public:
    template<typename... TlsContext>
    Session(tcp::socket &&socket, HttpServerState &state, TlsContext &...context)
        : m_stream(std::move(socket), context...)
        , m_executor(m_stream.get_executor())
        , m_state(state)
    {
        beast::error_code ignored;
        const auto endpoint = beast::get_lowest_layer(m_stream).socket().remote_endpoint(ignored);
        m_peer = QString::fromStdString(endpoint.address().to_string());
        ++m_state.metrics.openConnections;
    }

    ~Session() override
    {
        if (evicting)
            --m_state.evictionsPending;
        --m_state.metrics.openConnections;
    }

    void run()
    {
        net::dispatch(m_stream.get_executor(),
                      beast::bind_front_handler(&Session::start, this->shared_from_this()));
    }

    void closeIfIdle() override
    {
        // m_executor, not m_stream's: after an upgrade the stream belongs to an EventSocket.
        net::post(m_executor, [self = this->shared_from_this()] {
            if (!self->busy)
                beast::get_lowest_layer(self->m_stream).cancel();
        });
    }

    void evict() override
    {
        net::post(m_executor, [self = this->shared_from_this()] {
            if (self->busy) { // a request came in meanwhile: it is answered after all
                self->evicting = false;
                --self->m_state.evictionsPending;
                return;
            }
            ++self->m_state.metrics.evictedConnections;
            // At once, without TLS's close_notify: the descriptor is what is short.
            beast::error_code ignored;
            beast::get_lowest_layer(self->m_stream).socket().close(ignored);
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
            return; // not TLS, a refused cipher, or a failed handshake: nothing to answer
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

    static HttpResponse refusal(int status, const char *code, const QString &message)
    {
        return HttpResponse::error(status, QString::fromLatin1(code), message);
    }

    void onRead(beast::error_code ec, std::size_t)
    {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout
            || ec == net::error::operation_aborted || ec == net::error::eof)
            return close();
        if (ec == http::error::body_limit) {
            ++m_state.metrics.rejectedBodies;
            return respond(refusal(413, "body_too_large",
                                   QCoreApplication::translate("HttpServer",
                                                               "The request body is larger than "
                                                               "the %1 bytes this server accepts.")
                                           .arg(m_state.settings.bodyLimit)),
                           false);
        }
        if (ec == http::error::header_limit)
            return respond(refusal(431, "headers_too_large",
                                   QCoreApplication::translate(
                                           "HttpServer", "The request headers are too large.")),
                           false);
        if (ec) {
            if (ec.category() == http::make_error_code(http::error::bad_method).category()
                || !m_parser->is_header_done())
                return respond(refusal(400, "malformed_request",
                                       QCoreApplication::translate(
                                               "HttpServer", "The request is not valid HTTP/1.1.")),
                               false);
            return close();
        }

        busy = true;
        lastActive = steadyMilliseconds();
        ++m_state.metrics.requests;
        const http::request<http::string_body> &message = m_parser->get();
        if (!framingUnderstood(message))
            return respond(refusal(501, "transfer_encoding_not_supported",
                                   QCoreApplication::translate(
                                           "HttpServer",
                                           "This server reads request bodies sent whole or "
                                           "with Transfer-Encoding: chunked, nothing else.")),
                           false);
        const auto forwardedFor = message["X-Forwarded-For"];
        HttpRequest request = toRequest(
                message,
                m_state.clientAddress.resolve(
                        m_peer,
                        QByteArray(forwardedFor.data(), static_cast<int>(forwardedFor.size()))));
        // An upgrade on the events path becomes a socket; anything else there is the router's
        // (its route answers a plain GET with 426).
        if (request.path == QLatin1String(HttpServer::eventsPath) && websocket::is_upgrade(message))
            return openSocket(request);
        handle(std::move(request), message.keep_alive());
    }

    // On a request thread (a quick route on the quick one), never on this I/O thread; the
    // answer is written back here. The tracked executor keeps the I/O threads running
    // (through a stop's grace period too) until the answer is posted.
    void handle(HttpRequest request, bool keepAlive)
    {
        net::thread_pool &pool =
                m_state.router.isQuick(request) ? *m_state.quick : *m_state.workers;
        ++m_state.metrics.queued;
        net::post(pool,
                  [self = this->shared_from_this(), request = std::move(request), keepAlive,
                   back = net::prefer(m_executor, net::execution::outstanding_work.tracked)] {
                      --self->m_state.metrics.queued;
                      ++self->m_state.metrics.inFlight;
                      const auto started = std::chrono::steady_clock::now();
                      HttpResponse response = self->m_state.router.dispatch(request);
                      self->m_state.metrics.handlerMicroseconds +=
                              std::chrono::duration_cast<std::chrono::microseconds>(
                                      std::chrono::steady_clock::now() - started)
                                      .count();
                      --self->m_state.metrics.inFlight;
                      net::post(back, [self, response = std::move(response), keepAlive] {
                          self->respond(response, keepAlive);
                      });
                  });
    }

    // The token is checked before the upgrade (on a request thread: it reads the
    // database), so a refused client gets a plain JSON 401 and never a socket. busy stays
    // set: the stream is the EventSocket's from here.
    void openSocket(const HttpRequest &request)
    {
        const QString token = request.bearerToken();
        if (m_state.stopping || token.isEmpty() || !m_state.authenticateSocket)
            return upgrade(std::nullopt);
        ++m_state.metrics.queued;
        net::post(*m_state.workers,
                  [self = this->shared_from_this(), token,
                   back = net::prefer(m_executor, net::execution::outstanding_work.tracked)] {
                      --self->m_state.metrics.queued;
                      std::optional<QString> session;
                      try {
                          session = self->m_state.authenticateSocket(token);
                      } catch (const std::exception &e) {
                          qCWarning(lcHttp) << "checking a socket's token failed:" << e.what();
                      }
                      net::post(back, [self, session] { self->upgrade(session); });
                  });
    }

    void upgrade(const std::optional<QString> &session)
    {
        if (m_state.stopping)
            return respond(
                    refusal(503, "stopping",
                            QCoreApplication::translate("HttpServer", "The server is stopping.")),
                    false);
        if (!session) {
            HttpResponse refused =
                    refusal(401, "unauthenticated",
                            QCoreApplication::translate("HttpServer",
                                                        "Sign in first: the request has no valid "
                                                        "access token, or it has expired."));
            refused.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
            return respond(refused, false);
        }
        auto socket = std::make_shared<EventSocket<Tls>>(std::move(m_stream), m_state, *session);
        m_state.track(std::static_pointer_cast<EventSocketBase>(socket));
        socket->accept(m_parser->get());
    }

    void respond(const HttpResponse &response, bool keepAlive)
    {
        busy = true;
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
        lastActive = steadyMilliseconds();
        busy = false;
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
    HttpServerState &m_state;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    http::response<http::string_body> m_response;
    QString m_peer;
    int m_served = 0; // only touched on the session's strand
};

} // namespace

void serveConnection(tcp::socket &&socket, HttpServerState &state)
{
    if (state.tls) {
        auto session = std::make_shared<Session<true>>(std::move(socket), state, *state.tls);
        state.track(std::static_pointer_cast<HttpConnection>(session));
        session->run();
    } else {
        auto session = std::make_shared<Session<false>>(std::move(socket), state);
        state.track(std::static_pointer_cast<HttpConnection>(session));
        session->run();
    }
}

} // namespace branchline::server
