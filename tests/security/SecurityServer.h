// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApprovalFixture.h"
#include "api/ApiContext.h"
#include "core/PasswordHasher.h"

#include <QJsonObject>

#include <memory>

namespace branchline::server::test {

// One HTTP answer: status and JSON body.
struct Answer
{
    int status = 0;
    QJsonObject json;
    QByteArray raw;
};

// The real server in this process, over loopback, for the attacks of tests/security: every
// route `serve` serves (addApiRoutes), on a database of the current data row's engine, with
// the approval tests' organisation plus a sibling of 杭州西湖支行 under 浙江分行:
//
//   总行 hq (risk, admin)
//   ├── 浙江分行 zj (zjmgr)
//   │   ├── 杭州西湖支行 xihu (xmgr, rep)
//   │   └── 宁波支行 ningbo (nbrep)           the sibling branch
//   └── 江苏分行 js
//       └── 南京支行 nanjing (njmgr, rep2)     the other region
//
// Everyone is signed in over HTTP; calls carry their bearer token.
class SecurityServer
{
public:
    explicit SecurityServer(const QString &engine);
    ~SecurityServer();

    bool isReady() const { return m_ready; }
    QString failure() const { return m_failure; }

    ServerFixture &fixture() { return *m_fixture; }
    Database &database() { return m_fixture->database(); }
    const ApprovalOrg &org() const { return m_org; }
    const Branch &ningbo() const { return m_ningbo; }
    const Caller &nbrep() const { return m_nbrep; }
    const Router &router() const { return *m_router; }
    // The caller signed in as `login` (rep, nbrep, rep2, xmgr, zjmgr, njmgr, risk, admin).
    Caller caller(const QString &login) const;

    // `method path` with a JSON body, as `login` (empty: no token).
    Answer call(const QString &login, const QByteArray &method, const QString &path,
                const QJsonObject &body = {});
    // The same with raw bytes as the body and extra headers.
    Answer callRaw(const QString &login, const QByteArray &method, const QString &path,
                   const QByteArray &body, const QByteArray &extraHeaders = {});
    // One mutation pushed over HTTP from `login`'s own device (its own client id, numbered
    // in order); the server's result for it.
    sync::MutationResult push(const QString &login, sync::Mutation mutation);
    // Everything `login` pulls from a fresh snapshot over HTTP: table -> id -> row.
    QHash<QString, QHash<QString, QJsonObject>> pullAll(const QString &login);

private:
    bool signIn(const QString &login);

    std::unique_ptr<ServerFixture> m_fixture;
    ApprovalOrg m_org;
    Branch m_ningbo;
    Caller m_nbrep;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<Accounts> m_accounts;
    std::unique_ptr<Authenticator> m_authenticator;
    std::unique_ptr<ApiContext> m_context;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<HttpServer> m_server;
    QHash<QString, QString> m_tokens;
    QHash<QString, QString> m_clients; // login -> sync client id
    QHash<QString, qint64> m_nextMutation;
    bool m_ready = false;
    QString m_failure;
};

} // namespace branchline::server::test

// Opens a SecurityServer for the current data row or fails the test with the reason.
#define SECURITY_SERVER(name) \
    QFETCH(QString, engine); \
    branchline::server::test::SecurityServer name(engine); \
    QVERIFY2(name.isReady(), qPrintable(name.failure()))
