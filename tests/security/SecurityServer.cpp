// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecurityServer.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>

namespace branchline::server::test {

namespace {

// Reads one Content-Length framed HTTP response.
Answer readAnswer(QTcpSocket &socket)
{
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000) {
        const int end = int(data.indexOf("\r\n\r\n"));
        if (end >= 0) {
            int length = 0;
            for (const QByteArray &line : data.left(end).split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toInt();
            if (data.size() >= end + 4 + length) {
                Answer answer;
                answer.status = data.mid(9, 3).toInt();
                answer.raw = data.mid(end + 4, length);
                answer.json = QJsonDocument::fromJson(answer.raw).object();
                return answer;
            }
        }
        if (!socket.waitForReadyRead(200) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        data += socket.readAll();
    }
    return Answer();
}

} // namespace

SecurityServer::SecurityServer(const QString &engine)
    : m_fixture(std::make_unique<ServerFixture>(engine))
{
    if (!m_fixture->isReady()) {
        m_failure = m_fixture->failure();
        return;
    }
    if (!makeApprovalOrg(database(), &m_org, &m_failure))
        return;
    m_hasher = std::make_unique<PasswordHasher>(PasswordHasher::Strength::Minimum);
    m_accounts = std::make_unique<Accounts>(database(), *m_hasher);
    m_ningbo = Branch{ QString(), m_org.zj.id, QStringLiteral("宁波支行"), QStringLiteral("branch"),
                       QStringLiteral("宁波") };
    if (!m_accounts->addBranch(m_ningbo, QString(), &m_failure))
        return;
    UserAccount nbrep;
    nbrep.login = QStringLiteral("nbrep");
    nbrep.displayName = QStringLiteral("孙丽");
    nbrep.role = Role::SalesRep;
    nbrep.branchId = m_ningbo.id;
    QStringList problems;
    if (!m_accounts->addUser(nbrep, approvalPassword(), QString(), &problems, &m_failure))
        return;
    m_nbrep = Caller{ nbrep.id, nbrep.login, Role::SalesRep, m_ningbo.id, {}, {} };

    m_authenticator = std::make_unique<Authenticator>(database(), *m_hasher);
    m_context = std::make_unique<ApiContext>(
            ApiContext{ database(), *m_authenticator, *m_accounts, nullptr });
    m_router = std::make_unique<Router>();
    addApiRoutes(*m_router, *m_context);
    HttpServerSettings settings;
    settings.port = 0;
    settings.threads = 2;
    m_server = std::make_unique<HttpServer>(*m_router, settings);
    m_context->metrics = &m_server->metrics();
    if (!m_server->start(&m_failure))
        return;
    for (const char *login : { "rep", "nbrep", "rep2", "xmgr", "zjmgr", "njmgr", "risk", "admin" })
        if (!signIn(QString::fromLatin1(login)))
            return;
    m_ready = true;
}

SecurityServer::~SecurityServer()
{
    m_server.reset();
}

bool SecurityServer::signIn(const QString &login)
{
    const Answer answer = call(QString(), "POST", QStringLiteral("/api/v1/auth/login"),
                               QJsonObject{ { "login", login },
                                            { "password", approvalPassword() },
                                            { "device_id", QString(login + QStringLiteral("-laptop")) } });
    if (answer.status != 200) {
        m_failure = QStringLiteral("%1 could not sign in: %2 %3")
                            .arg(login)
                            .arg(answer.status)
                            .arg(QString::fromUtf8(answer.raw));
        return false;
    }
    m_tokens.insert(login, answer.json.value("access_token").toString());
    return true;
}

Caller SecurityServer::caller(const QString &login) const
{
    const QHash<QString, Caller> all{ { "rep", m_org.rep },     { "rep2", m_org.rep2 },
                                      { "xmgr", m_org.xmgr },   { "zjmgr", m_org.zjmgr },
                                      { "njmgr", m_org.njmgr }, { "risk", m_org.risk },
                                      { "admin", m_org.admin }, { "nbrep", m_nbrep } };
    return all.value(login);
}

Answer SecurityServer::call(const QString &login, const QByteArray &method, const QString &path,
                            const QJsonObject &body)
{
    const QByteArray bytes =
            body.isEmpty() && method != "POST" ? QByteArray() : QJsonDocument(body).toJson();
    return callRaw(login, method, path, bytes, "Content-Type: application/json\r\n");
}

Answer SecurityServer::callRaw(const QString &login, const QByteArray &method,
                               const QString &path, const QByteArray &body,
                               const QByteArray &extraHeaders)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
    if (!socket.waitForConnected(5000))
        return Answer();
    QByteArray request = method + ' ' + QUrl(path).toEncoded() + " HTTP/1.1\r\nHost: localhost\r\n";
    if (!login.isEmpty())
        request += "Authorization: Bearer " + m_tokens.value(login).toLatin1() + "\r\n";
    request += extraHeaders + "Content-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: close\r\n\r\n" + body;
    socket.write(request);
    socket.flush();
    return readAnswer(socket);
}

sync::MutationResult SecurityServer::push(const QString &login, sync::Mutation mutation)
{
    if (!m_clients.contains(login)) {
        m_clients.insert(login, newId());
        m_nextMutation.insert(login, 1);
    }
    mutation.number = m_nextMutation.value(login);
    const sync::PushRequest request{ m_clients.value(login), { mutation }, 1 };
    const Answer answer = call(login, "POST", QStringLiteral("/api/v1/sync/push"),
                               sync::withVersions(request.toJson()));
    QString problem;
    const sync::PushResponse response =
            sync::PushResponse::fromJson(answer.json, &problem).value_or(sync::PushResponse{});
    if (response.results.isEmpty()) {
        sync::MutationResult failed;
        failed.outcome = sync::Outcome::Rejected;
        failed.code = QStringLiteral("http_%1").arg(answer.status);
        failed.message = QString::fromUtf8(answer.raw);
        return failed;
    }
    m_nextMutation.insert(login, mutation.number + 1);
    return response.results.last();
}

QHash<QString, QHash<QString, QJsonObject>> SecurityServer::pullAll(const QString &login)
{
    QHash<QString, QHash<QString, QJsonObject>> rows;
    sync::PullRequest request;
    request.clientId = newId();
    for (int page = 0; page < 1000; ++page) {
        const Answer answer = call(login, "POST", QStringLiteral("/api/v1/sync/pull"),
                                   sync::withVersions(request.toJson()));
        QString problem;
        const std::optional<sync::PullPage> pulled = sync::PullPage::fromJson(answer.json, &problem);
        if (!pulled)
            break;
        for (const sync::Change &change : pulled->changes) {
            if (change.op == sync::Change::Op::Remove)
                rows[change.table].remove(change.id);
            else
                rows[change.table].insert(change.id, change.row);
        }
        request.cursor = pulled->cursor;
        if (!pulled->more)
            break;
    }
    return rows;
}

} // namespace branchline::server::test
