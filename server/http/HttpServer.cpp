// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpServer.h"

#include "ConnectionLimit.h"
#include "HttpServerState.h"
#include "HttpSession.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <future>
#include <thread>

Q_LOGGING_CATEGORY(lcHttp, "branchline.server.http")

namespace branchline::server {

namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

namespace {

// Out of file descriptors, the accept loop waits before it tries again, longer each time.
constexpr auto acceptPauseFirst = std::chrono::milliseconds(10);
constexpr auto acceptPauseLongest = std::chrono::milliseconds(1000);
// TLS 1.2: forward secrecy (ECDHE) and authenticated encryption (GCM, ChaCha20-Poly1305)
// only; no CBC, no SHA-1, no RSA key exchange. TLS 1.3's suites are all of that kind.
constexpr const char *tls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                     "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                     "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char *tls13Suites =
        "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

class Listener : public std::enable_shared_from_this<Listener>
{
public:
    Listener(net::io_context &context, HttpServerState &state)
        : m_context(context)
        , m_acceptor(net::make_strand(context))
        , m_pause(m_acceptor.get_executor())
        , m_state(state)
    {
    }

    bool listen(const tcp::endpoint &endpoint, QString *error)
    {
        error_code ec;
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
                                [self = shared_from_this()](error_code ec, tcp::socket socket) {
                                    self->onAccept(ec, std::move(socket));
                                });
    }

    void close()
    {
        net::post(m_acceptor.get_executor(), [self = shared_from_this()] {
            error_code ignored;
            self->m_pause.cancel();
            self->m_acceptor.close(ignored);
        });
    }

    quint16 port() const { return m_acceptor.local_endpoint().port(); }

private:
    static bool outOfDescriptors(const error_code &ec)
    {
        return ec == net::error::no_descriptors // EMFILE
                || ec == boost::system::errc::too_many_files_open_in_system // ENFILE
                || ec == net::error::no_buffer_space || ec == net::error::no_memory;
    }

    void onAccept(error_code ec, tcp::socket socket)
    {
        if (!m_acceptor.is_open())
            return;
        if (ec && outOfDescriptors(ec)) {
            // Accepting again at once would fail again at once: a spin. Free a descriptor
            // by closing the idlest connection, and wait a little longer each time.
            ++m_state.metrics.acceptErrors;
            if (m_pauseFor == acceptPauseFirst)
                qCWarning(lcHttp) << "cannot accept connections:" << ec.message().c_str()
                                  << "- closing idle ones and pausing";
            m_state.evictIdlest(1);
            m_pause.expires_after(m_pauseFor);
            m_pauseFor = std::min<std::chrono::milliseconds>(m_pauseFor * 2, acceptPauseLongest);
            m_pause.async_wait([self = shared_from_this()](error_code waitError) {
                if (!waitError)
                    self->accept();
            });
            return;
        }
        if (!ec) {
            m_pauseFor = acceptPauseFirst;
            if (m_state.stopping) {
                // not served: the socket closes as it goes
            } else if (!m_state.makeRoom()) {
                ++m_state.metrics.refusedConnections; // full, and every connection is busy
            } else {
                serveConnection(std::move(socket), m_state);
            }
        }
        accept();
    }

    net::io_context &m_context;
    tcp::acceptor m_acceptor;
    net::steady_timer m_pause;
    std::chrono::milliseconds m_pauseFor = acceptPauseFirst;
    HttpServerState &m_state;
};

// TLS 1.2 or later, with the ciphers above only.
bool configureTls(ssl::context &tls, const HttpServerSettings &settings, QString *error)
{
    error_code ec;
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2
                            | ssl::context::no_sslv3 | ssl::context::no_tlsv1
                            | ssl::context::no_tlsv1_1 | ssl::context::no_compression,
                    ec);
    if (!ec) {
        SSL_CTX *native = tls.native_handle();
        SSL_CTX_set_options(native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
        if (SSL_CTX_set_cipher_list(native, tls12Ciphers) != 1
            || SSL_CTX_set_ciphersuites(native, tls13Suites) != 1)
            ec = error_code(static_cast<int>(ERR_get_error()), net::error::get_ssl_category());
    }
    if (!ec)
        tls.use_certificate_chain_file(settings.certificateFile.toStdString(), ec);
    if (!ec)
        tls.use_private_key_file(settings.privateKeyFile.toStdString(), ssl::context::pem, ec);
    if (ec) {
        *error = QCoreApplication::translate("HttpServer",
                                             "The TLS certificate or key cannot be used: %1")
                         .arg(QString::fromStdString(ec.message()));
        return false;
    }
    return true;
}

} // namespace

struct HttpServer::Impl
{
    Impl(const Router &router, HttpServerSettings settings)
        : state(router, std::move(settings))
        , context(std::max(1, state.settings.ioThreads))
        , work(net::make_work_guard(context))
    {
    }

    HttpServerState state;
    net::io_context context;
    net::executor_work_guard<net::io_context::executor_type> work;
    // After the context: queued handlers hold connections, which must go before it does.
    std::optional<net::thread_pool> workers;
    std::optional<net::thread_pool> quick;
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

int HttpServer::maxConnections() const
{
    return d->state.maxConnections;
}

void HttpServer::setSocketAuthenticator(SocketAuthenticator authenticate)
{
    d->state.authenticateSocket = std::move(authenticate);
}

void HttpServer::setSessionCheck(SessionCheck check)
{
    d->state.sessionCheck = std::move(check);
}

void HttpServer::broadcast(const QByteArray &text)
{
    const auto message = std::make_shared<const std::string>(text.constData(),
                                                             static_cast<std::size_t>(text.size()));
    for (const auto &socket : d->state.openSockets())
        socket->send(message); // only posts: the writes happen on each socket's strand
}

void HttpServer::closeSessions(const QStringList &sessionIds)
{
    const QSet<QString> ended(sessionIds.cbegin(), sessionIds.cend());
    for (const auto &socket : d->state.openSockets())
        if (ended.contains(socket->sessionId()))
            socket->endSession();
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
        if (!configureTls(*d->state.tls, settings, error))
            return false;
    }
    error_code ec;
    const auto address = net::ip::make_address(settings.address.toStdString(), ec);
    if (ec) {
        *error = QCoreApplication::translate("HttpServer", "\"%1\" is not an IP address.")
                         .arg(settings.address);
        return false;
    }
    const int threads = std::max(1, settings.threads);
    const ConnectionLimit limit(settings.maxConnections, threads + settings.ioThreads + 1);
    d->state.maxConnections = limit.connections();
    if (limit.lowered())
        qCWarning(lcHttp).noquote() << limit.explanation();
    d->listener = std::make_shared<Listener>(d->context, d->state);
    QString listenError;
    if (!d->listener->listen(tcp::endpoint(address, settings.port), &listenError)) {
        *error = QCoreApplication::translate("HttpServer", "Cannot listen on %1 port %2: %3")
                         .arg(settings.address)
                         .arg(settings.port)
                         .arg(listenError);
        return false;
    }
    d->workers.emplace(static_cast<std::size_t>(threads));
    d->quick.emplace(1);
    d->state.workers = &*d->workers;
    d->state.quick = &*d->quick;
    d->listener->accept();
    for (int i = 0; i < std::max(1, settings.ioThreads); ++i)
        d->threads.emplace_back([this] { d->context.run(); });
    qCInfo(lcHttp) << "listening on" << settings.address << port() << (usesTls() ? "(TLS)" : "")
                   << "with" << threads << "request threads, at most" << d->state.maxConnections
                   << "connections";
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
    for (const auto &connection : d->state.openConnections())
        connection->closeIfIdle();
    for (const auto &socket : d->state.openSockets())
        socket->closeIfIdle();
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
    // Handlers still running finish (their answers go nowhere); queued ones never start.
    for (auto *pool : { &d->workers, &d->quick }) {
        (*pool)->stop();
        (*pool)->join();
    }
    qCInfo(lcHttp) << "stopped";
}

void HttpServer::runUntilSignalled(int graceMs)
{
    std::promise<void> signalled;
    net::signal_set stopSignals(d->context, SIGINT, SIGTERM);
    stopSignals.async_wait([&signalled](error_code, int) { signalled.set_value(); });
    signalled.get_future().wait();
    stop(graceMs);
}

} // namespace branchline::server
