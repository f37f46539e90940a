// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP front as a client meets it: the real HttpServer on 127.0.0.1 (any free port) with
// the routes branchline-server serves (cli/ServeCommand.cpp), on a fresh SQLite database with
// its keys in a temporary folder. Each input is sent as raw bytes over a new connection, which
// is then half-closed; the answer is read to the end. The process must not crash, the server
// must not stall, and what comes back must be zero or more well-formed HTTP/1.1 responses with
// a Content-Length, JSON where they say JSON, the API's error shape on errors, and never a
// 5xx: bad input is the client's fault, answered with a 4xx.
//
// So that inputs get past sign-in, placeholders in an input are replaced before it is sent,
// each by a value of its own length, so that a Content-Length stays right: @ADMIN_TOKEN_…@
// and @REP_TOKEN_…@ (an administrator's and a sales rep's access token), @PASSWORD_…@ (the
// password of the user "demo-rep"), @API_KEY_…@ (an integration's key, both scopes),
// @EPOCH_…@ (the change log's epoch, for sync cursors), @CUSTOMER_…@ (a customer's id) and
// @BRANCH_…@ (the rep's branch); placeholder() spells them out. A token an input ended
// (sign-out, device revocation) is replaced by a new sign-in.
//
// The database lives for the whole run, so what one input created the next one sees; the
// corpus replay starts from a fresh one.
#include "FuzzCheck.h"
#include "ServerFixture.h"
#include "api/ApiContext.h"
#include "core/PasswordHasher.h"
#include "protocol/SyncProtocol.h"
#include "records/Integrations.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUuid>

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace branchline;
using namespace branchline::server;

namespace {

// Without progress in either direction for this long, the server is taken to hang.
constexpr auto stallLimit = std::chrono::seconds(10);

const QString password = QStringLiteral("Fuzz-Harness-Passw0rd-26");

// "@NAME___…@", `length` bytes long.
QByteArray placeholder(const char *name, qsizetype length)
{
    const QByteArray head = QByteArray("@") + name;
    return head + QByteArray(length - head.size() - 1, '_') + '@';
}

// Where `value` goes in an input.
struct Slot
{
    QByteArray placeholder;
    QByteArray value;
};

Slot slot(const char *name, const QByteArray &value)
{
    return Slot{ placeholder(name, value.size()), value };
}

class FuzzServer
{
public:
    FuzzServer();
    quint16 port() const { return m_server->port(); }
    // The input with its placeholders filled in.
    QByteArray prepare(QByteArray input);

private:
    QString token(const QString &login, Role role, const QString &branchId, QString *current);
    HttpResponse call(const QByteArray &method, const QString &path, const QString &token,
                      const QJsonObject &body) const;

    std::unique_ptr<test::ServerFixture> m_fixture;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<Accounts> m_accounts;
    std::unique_ptr<Authenticator> m_authenticator;
    std::unique_ptr<ApiContext> m_context;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<HttpServer> m_server;
    QString m_branchId;
    QString m_admin;
    QString m_rep;
    QList<Slot> m_slots; // the fixed ones
    QByteArray m_adminToken = placeholder("ADMIN_TOKEN", 43);
    QByteArray m_repToken = placeholder("REP_TOKEN", 43);
    int m_users = 0;
};

FuzzServer::FuzzServer()
{
    m_fixture = std::make_unique<test::ServerFixture>(QStringLiteral("sqlite"));
    FUZZ_CHECK(m_fixture->isReady(), "%s", qPrintable(m_fixture->failure()));
    Database &database = m_fixture->database();
    // The cheapest hash, as the tests use: sign-ins are part of the inputs.
    m_hasher = std::make_unique<PasswordHasher>(PasswordHasher::Strength::Minimum);
    m_accounts = std::make_unique<Accounts>(database, *m_hasher);
    m_authenticator = std::make_unique<Authenticator>(database, *m_hasher);
    m_context = std::make_unique<ApiContext>(
            ApiContext{ database, *m_authenticator, *m_accounts, nullptr });
    // The routes as ServeCommand sets them up.
    m_router = std::make_unique<Router>();
    addSystemRoutes(*m_router, *m_context);
    addAuthRoutes(*m_router, *m_context);
    addRecordRoutes(*m_router, *m_context);
    addIntegrationRoutes(*m_router, *m_context);
    addSyncRoutes(*m_router, *m_context);
    addApprovalRoutes(*m_router, *m_context);

    QString error;
    Branch branch{ QString(), QString(), QStringLiteral("杭州西湖支行"), QStringLiteral("branch"),
                   QStringLiteral("杭州") };
    FUZZ_CHECK(m_accounts->addBranch(branch, QString(), &error), "%s", qPrintable(error));
    m_branchId = branch.id;
    token(QStringLiteral("fuzz-admin"), Role::Admin, QString(), &m_admin);
    token(QStringLiteral("fuzz-rep"), Role::SalesRep, m_branchId, &m_rep);
    // The user of the corpus's sign-ins; the harness never signs in as it, so an input that
    // locks it out locks no token away.
    UserAccount demo{ QString(),
                      QStringLiteral("demo-rep"),
                      QStringLiteral("Demo Rep"),
                      Role::SalesRep,
                      m_branchId,
                      QString(),
                      false,
                      0,
                      {},
                      {} };
    QStringList problems;
    FUZZ_CHECK(m_accounts->addUser(demo, password, QString(), &problems, &error), "%s %s",
               qPrintable(error), qPrintable(problems.join(QLatin1Char(' '))));

    QString key;
    FUZZ_CHECK(Integrations(database).add(
                       QStringLiteral("fuzz"),
                       { QStringLiteral("transactions"), QStringLiteral("leads") }, &key, &error),
               "%s", qPrintable(error));
    m_slots << slot("API_KEY", key.toUtf8()) << slot("PASSWORD", password.toUtf8())
            << slot("BRANCH", m_branchId.toUtf8());

    const HttpResponse created =
            call("POST", QStringLiteral("/api/v1/customers"), m_rep,
                 QJsonObject{ { "legal_name", "杭州西湖茶叶商行" }, { "kind", "merchant" } });
    const QByteArray customer =
            QJsonDocument::fromJson(created.body).object().value("id").toString().toUtf8();
    FUZZ_CHECK(!customer.isEmpty(), "no customer: %s", created.body.constData());
    m_slots << slot("CUSTOMER", customer);
    const HttpResponse pulled =
            call("POST", QStringLiteral("/api/v1/sync/pull"), m_rep,
                 branchline::sync::withVersions(
                         { { "client_id", QUuid::createUuid().toString(QUuid::WithoutBraces) },
                           { "page_size", 1 } }));
    const QByteArray epoch =
            QJsonDocument::fromJson(pulled.body).object().value("epoch").toString().toUtf8();
    FUZZ_CHECK(!epoch.isEmpty(), "no epoch: %s", pulled.body.constData());
    m_slots << slot("EPOCH", epoch);

    HttpServerSettings settings; // branchline-server's defaults, on any free port
    settings.port = 0;
    settings.threads = 2;
    m_server = std::make_unique<HttpServer>(*m_router, settings);
    m_context->metrics = &m_server->metrics();
    Authenticator *authenticator = m_authenticator.get();
    m_server->setSocketAuthenticator(
            [authenticator](const QString &accessToken) -> std::optional<QString> {
                const std::optional<Caller> caller = authenticator->authenticate(accessToken);
                return caller ? std::optional<QString>(caller->sessionId) : std::nullopt;
            });
    FUZZ_CHECK(m_server->start(&error), "%s", qPrintable(error));
}

// A valid access token of `login` in *current, signing in again (or, when the login has been
// locked or disabled, as a new user) if an input ended the last one.
QString FuzzServer::token(const QString &login, Role role, const QString &branchId,
                          QString *current)
{
    if (!current->isEmpty() && m_authenticator->authenticate(*current))
        return *current;
    QString error;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const QString name =
                m_users == 0 ? login : login + QLatin1Char('-') + QString::number(m_users);
        if (!m_accounts->findByLogin(name, &error)) {
            UserAccount user{ QString(), name, name, role, branchId, QString(), false, 0, {}, {} };
            QStringList problems;
            FUZZ_CHECK(m_accounts->addUser(user, password, QString(), &problems, &error), "%s %s",
                       qPrintable(error), qPrintable(problems.join(QLatin1Char(' '))));
        }
        const Authenticator::Grant grant =
                m_authenticator->login(name, password, QStringLiteral("fuzz-harness"));
        if (grant.status == Authenticator::Status::Ok) {
            *current = grant.accessToken;
            return *current;
        }
        ++m_users;
    }
    FUZZ_CHECK(false, "cannot sign in as %s", qPrintable(login));
    return QString();
}

HttpResponse FuzzServer::call(const QByteArray &method, const QString &path, const QString &token,
                              const QJsonObject &body) const
{
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.headers.insert("authorization", "Bearer " + token.toLatin1());
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m_router->dispatch(request);
}

QByteArray FuzzServer::prepare(QByteArray input)
{
    if (!input.contains('@'))
        return input;
    QList<Slot> fills = m_slots;
    if (input.contains(m_adminToken))
        fills << Slot{
            m_adminToken,
            token(QStringLiteral("fuzz-admin"), Role::Admin, QString(), &m_admin).toLatin1()
        };
    if (input.contains(m_repToken))
        fills << Slot{
            m_repToken,
            token(QStringLiteral("fuzz-rep"), Role::SalesRep, m_branchId, &m_rep).toLatin1()
        };
    for (const Slot &s : fills) {
        FUZZ_CHECK(s.value.size() == s.placeholder.size(), "%s is no longer %lld bytes long",
                   s.placeholder.constData(), static_cast<long long>(s.placeholder.size()));
        input.replace(s.placeholder, s.value);
    }
    return input;
}

struct Answer
{
    QByteArray bytes;
    bool stalled = false;
    int error = 0; // errno of a failed read (a reset), 0 for an orderly end
};

// Sends `request` on a new connection, half-closes it and reads until the server closes.
// Reads and writes interleave, so a server answering pipelined requests while the rest is
// still being sent never waits on this end.
Answer exchange(quint16 port, const QByteArray &request)
{
    Answer answer;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    FUZZ_CHECK(fd >= 0, "socket(): %d", errno);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
        FUZZ_CHECK(errno == EINPROGRESS, "connect(): %d", errno);
    qsizetype sent = 0;
    bool writing = true;
    auto progress = std::chrono::steady_clock::now();
    for (;;) {
        if (writing && sent == request.size()) {
            ::shutdown(fd, SHUT_WR);
            writing = false;
        }
        pollfd p{ fd, static_cast<short>(POLLIN | (writing ? POLLOUT : 0)), 0 };
        if (::poll(&p, 1, 250) <= 0) {
            if (std::chrono::steady_clock::now() - progress > stallLimit) {
                answer.stalled = true;
                break;
            }
            continue;
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            char buffer[64 * 1024];
            const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
            if (got == 0)
                break;
            if (got > 0) {
                answer.bytes.append(buffer, qsizetype(got));
                progress = std::chrono::steady_clock::now();
            } else if (errno != EAGAIN && errno != EINTR) {
                answer.error = errno;
                break;
            }
        }
        if (writing && (p.revents & POLLOUT)) {
            const ssize_t put = ::send(fd, request.constData() + sent,
                                       std::size_t(request.size() - sent), MSG_NOSIGNAL);
            if (put > 0) {
                sent += put;
                progress = std::chrono::steady_clock::now();
            } else if (errno != EAGAIN && errno != EINTR) {
                writing = false; // the server stopped reading; its answer is still to be read
            }
        }
    }
    ::close(fd);
    return answer;
}

bool isToken(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c))
              || QByteArray("!#$%&'*+-.^_`|~").contains(c)))
            return false;
    return true;
}

// The server's limit on a request's head (HttpServer.cpp's headerLimit).
constexpr qsizetype headerLimit = 16 * 1024;

// What the server can know of the method of an input's first request.
enum class FirstRequest {
    Other, // not a HEAD request line
    Head, // a HEAD whose head arrives whole: its response has no content
    HeadCutOff, // a HEAD request line whose head never ends within the header limit
};

// Whether `request` starts with a request line that Beast reads as a HEAD's, and whether its
// head ends. The request line must fit in the header limit; its target is any bytes but
// controls, space and DEL (Beast's is_pathchar), UTF-8 and other bytes from 0x80 up included,
// so they are compared as unsigned (as a signed char they are below 0x21).
//
// Beast (1.74, basic_parser::put) parses the request line, and so learns the method, either from
// its first read (at most 512 bytes into an empty flat_buffer) if the line is complete in it, or
// else only once the whole head, up to the empty line, is in. A head that never ends within the
// limit (cut off, or too large) fails with partial_message or header_limit; whether the method
// was known by then depends on how the bytes came in, so such a HEAD is told apart.
FirstRequest firstRequest(const QByteArray &request)
{
    const qsizetype end = request.indexOf("\r\n");
    const QList<QByteArray> parts = request.left(end).split(' ');
    if (end < 0 || end + 2 > headerLimit || parts.size() != 3 || parts.at(0) != "HEAD"
        || parts.at(1).isEmpty() || (parts.at(2) != "HTTP/1.1" && parts.at(2) != "HTTP/1.0"))
        return FirstRequest::Other;
    for (const char c : parts.at(1))
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return FirstRequest::Other;
    const qsizetype headEnd = request.indexOf("\r\n\r\n");
    return headEnd >= 0 && headEnd + 4 <= headerLimit ? FirstRequest::Head
                                                       : FirstRequest::HeadCutOff;
}

// What is wrong with the bytes of one connection's answer; empty when they are well-formed
// HTTP/1.1 responses (what follows a 101 is the WebSocket's). `first`: whether the first
// request is a HEAD, whose response has no content (RFC 9110, 9.3.2) whatever its
// Content-Length says; the requests after it cannot be told apart without parsing them as
// the server does.
QByteArray problemWith(const QByteArray &bytes, FirstRequest first)
{
    qsizetype at = 0;
    for (int index = 0; at < bytes.size(); ++index) {
        const qsizetype headEnd = bytes.indexOf("\r\n\r\n", at);
        if (headEnd < 0)
            return "a response cut off in its head";
        const QByteArray head = bytes.mid(at, headEnd - at);
        at = headEnd + 4;
        const QList<QByteArray> lines = head.split('\n');
        const QByteArray statusLine = lines.first();
        bool numeric = false;
        const int status = statusLine.mid(9, 3).toInt(&numeric);
        if (!statusLine.startsWith("HTTP/1.1 ") || !numeric || status < 100 || status > 599
            || (statusLine.size() > 12 && statusLine.at(12) != ' '))
            return "a bad status line: " + statusLine;
        qsizetype length = -1;
        bool close = false;
        QByteArray contentType;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QByteArray line = lines.at(i);
            if (i + 1 < lines.size()) {
                if (!line.endsWith('\r'))
                    return "a bare line feed in the head";
                line.chop(1);
            }
            for (const char c : line)
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
                    return "a control character in the head: " + line.toPercentEncoding();
            if (i == 0)
                continue;
            const qsizetype colon = line.indexOf(':');
            const QByteArray name = line.left(colon).toLower();
            if (colon < 0 || !isToken(name))
                return "a bad header line: " + line;
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length") {
                bool ok = false;
                if (length >= 0 || (length = value.toLongLong(&ok), !ok) || length < 0)
                    return "a bad or repeated Content-Length: " + value;
            } else if (name == "transfer-encoding") {
                return "a Transfer-Encoding the server never sends";
            } else if (name == "connection") {
                close = value.toLower() == "close";
            } else if (name == "content-type") {
                contentType = value.toLower();
            }
        }
        if (status == 101)
            return {};
        if (status >= 500)
            return "a " + QByteArray::number(status) + " answer: " + bytes.mid(at, 300);
        bool content = true;
        if (index == 0 && first != FirstRequest::Other) {
            content = at < bytes.size() && !bytes.mid(at).startsWith("HTTP/1.1 ");
            // Only the 400 or 431 that ends a connection whose HEAD head never ended may carry
            // content: the server may not have read the request line yet (firstRequest()), and
            // nothing can follow to be misread. Any other content is the server's error.
            const bool unread = first == FirstRequest::HeadCutOff && close
                    && (status == 400 || status == 431);
            if (content && !unread)
                return "content in the response to HEAD: " + bytes.mid(at, 300);
        }
        if (content) {
            if (length < 0)
                return "no Content-Length";
            if (bytes.size() - at < length)
                return "a response cut off in its body";
            const QByteArray body = bytes.mid(at, length);
            at += length;
            if (contentType.startsWith("application/json")) {
                QJsonParseError error;
                const QJsonDocument document = QJsonDocument::fromJson(body, &error);
                if (error.error != QJsonParseError::NoError)
                    return "a body that is not the JSON it claims: " + body.left(300);
                const QJsonObject object = document.object();
                if (status >= 400
                    && (!object.value("code").isString() || !object.value("message").isString()))
                    return "an error without code and message: " + body.left(300);
            }
        }
        if (close && at < bytes.size())
            return "more after a response that closes the connection";
    }
    return {};
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // Leaked on purpose: the server runs until the process ends.
    new QCoreApplication(*argc, *argv);
    QLoggingCategory::setFilterRules(QStringLiteral("branchline.*.info=false\n"
                                                    "branchline.*.debug=false"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static FuzzServer *server = new FuzzServer;
    const QByteArray request =
            server->prepare(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    const Answer answer = exchange(server->port(), request);
    FUZZ_CHECK(!answer.stalled, "no progress for %lld s; had %lld bytes: %s",
               static_cast<long long>(stallLimit.count()),
               static_cast<long long>(answer.bytes.size()), answer.bytes.left(300).constData());
    // BRANCHLINE_FUZZ_VERBOSE=1 shows each answer's status lines, to see what a seed reaches.
    static const bool verbose = qEnvironmentVariableIsSet("BRANCHLINE_FUZZ_VERBOSE");
    if (verbose)
        for (const QByteArray &line : answer.bytes.split('\n'))
            if (line.startsWith("HTTP/1.1 "))
                std::fprintf(stderr, "  %s\n", line.trimmed().constData());
    const QByteArray problem = problemWith(answer.bytes, firstRequest(request));
    FUZZ_CHECK(problem.isEmpty(), "%s (read ended with errno %d)", problem.constData(),
               answer.error);
    return 0;
}
