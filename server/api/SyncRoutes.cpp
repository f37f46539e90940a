// SPDX-License-Identifier: GPL-3.0-or-later
// /api/v1/sync/pull, /api/v1/sync/push and the events socket (docs/sync.md).
#include "ApiContext.h"
#include "sync/SyncNotifier.h"
#include "sync/SyncService.h"

#include <QJsonArray>

#include <memory>

namespace branchline::server {

namespace {

template<typename Call>
Handler syncHandler(ApiContext &context, Call call)
{
    return [&context, call](const HttpRequest &request, const PathParameters &) {
        HttpResponse refusal;
        const std::optional<Caller> caller = context.caller(request, &refusal);
        if (!caller)
            return refusal;
        QJsonObject body;
        QString problem;
        if (!request.jsonObject(&body, &problem))
            return HttpResponse::error(400, QStringLiteral("malformed_body"), problem);
        const RecordOutcome outcome = call(*caller, body);
        return HttpResponse::json(outcome.status, outcome.body);
    };
}

QJsonObject schemaOf(const QString &type)
{
    return QJsonObject{ { QStringLiteral("type"), type } };
}

QJsonObject described(const QString &description)
{
    return QJsonObject{ { QStringLiteral("description"), description } };
}

// A required request header; `only`, when given, is the one value it may have.
QJsonObject headerParameter(const QString &name, const QString &description,
                            const QString &only = QString())
{
    QJsonObject schema = schemaOf(QStringLiteral("string"));
    if (!only.isEmpty())
        schema.insert(QStringLiteral("enum"), QJsonArray{ only });
    QJsonObject parameter = described(description);
    parameter.insert(QStringLiteral("name"), name);
    parameter.insert(QStringLiteral("in"), QStringLiteral("header"));
    parameter.insert(QStringLiteral("required"), true);
    parameter.insert(QStringLiteral("schema"), schema);
    return parameter;
}

// OpenAPI 3 has no WebSocket operation: the events socket is described as the GET it starts
// with, answered by 101 Switching Protocols, and its one message in an extension field.
QJsonObject eventsOperation()
{
    QJsonObject head =
            described(QStringLiteral("The change log's head (its last seq) after the change"));
    head.insert(QStringLiteral("type"), QStringLiteral("integer"));
    head.insert(QStringLiteral("format"), QStringLiteral("int64"));
    QJsonObject type = schemaOf(QStringLiteral("string"));
    type.insert(QStringLiteral("enum"), QJsonArray{ QStringLiteral("changes") });
    QJsonObject payload = schemaOf(QStringLiteral("object"));
    payload.insert(QStringLiteral("required"),
                   QJsonArray{ QStringLiteral("type"), QStringLiteral("head") });
    payload.insert(
            QStringLiteral("properties"),
            QJsonObject{ { QStringLiteral("type"), type }, { QStringLiteral("head"), head } });
    QJsonObject changes = described(QStringLiteral(
            "Server to client, as a text frame, whenever the change log head moves on any "
            "instance: the client answers with a sync round (push, then pull)."));
    changes.insert(QStringLiteral("payload"), payload);
    changes.insert(QStringLiteral("example"),
                   QJsonDocument::fromJson(SyncNotifier::changesMessage(1234)).object());

    const QJsonObject switching = described(QStringLiteral(
            "Switching Protocols: the WebSocket is open. The server only sends (see "
            "x-websocket-messages); the client sends nothing but pings, pongs and a close. A "
            "message over 4 KiB closes the socket (1009), a client that falls behind in "
            "reading is dropped, and a stopping server closes with 1001 (going away). Without "
            "the socket a client still syncs on its timer."));
    return QJsonObject{
        { QStringLiteral("description"),
          QStringLiteral("Upgrades to a WebSocket (RFC 6455). The bearer access token in the "
                         "Authorization header is checked before the upgrade, so a refused "
                         "client gets a plain JSON error and never a socket.") },
        { QStringLiteral("security"),
          QJsonArray{ QJsonObject{ { QStringLiteral("bearer"), QJsonArray() } } } },
        { QStringLiteral("parameters"),
          QJsonArray{ headerParameter(QStringLiteral("Upgrade"), QStringLiteral("The protocol"),
                                      QStringLiteral("websocket")),
                      headerParameter(QStringLiteral("Connection"),
                                      QStringLiteral("Lists Upgrade among its tokens")),
                      headerParameter(QStringLiteral("Sec-WebSocket-Key"),
                                      QStringLiteral("A random 16-byte nonce in base64")),
                      headerParameter(QStringLiteral("Sec-WebSocket-Version"),
                                      QStringLiteral("The WebSocket protocol version"),
                                      QStringLiteral("13")) } },
        { QStringLiteral("responses"),
          QJsonObject{
                  { QStringLiteral("101"), switching },
                  { QStringLiteral("401"),
                    described(QStringLiteral("No valid access token: no socket is opened")) },
                  { QStringLiteral("426"),
                    described(QStringLiteral("A request without the WebSocket upgrade")) },
                  { QStringLiteral("503"), described(QStringLiteral("The server is stopping")) },
                  { QStringLiteral("default"),
                    described(QStringLiteral("An error: {code, message}")) } } },
        { QStringLiteral("x-websocket-messages"),
          QJsonObject{ { QStringLiteral("changes"), changes } } },
    };
}

} // namespace

void addSyncRoutes(Router &router, ApiContext &context)
{
    auto service = std::make_shared<SyncService>(context.database);
    router.add("POST", QStringLiteral("/api/v1/sync/pull"),
               QStringLiteral("A page of changes in the caller's scope: a snapshot, then the "
                              "change log's tail, with stored mutation results"),
               syncHandler(context, [service](const Caller &caller, const QJsonObject &body) {
                   return service->pull(caller, body);
               }));
    router.add("POST", QStringLiteral("/api/v1/sync/push"),
               QStringLiteral("Numbered mutations applied exactly once, merged per field; "
                              "conflicts go to the journal"),
               syncHandler(context, [service](const Caller &caller, const QJsonObject &body) {
                   return service->push(caller, body);
               }));
    // HttpServer takes the upgrade requests; what reaches the router here is not one.
    router.add(
            "GET", QString::fromLatin1(HttpServer::eventsPath),
            QStringLiteral("A WebSocket on which the server says when there are changes to pull"),
            [](const HttpRequest &, const PathParameters &) {
                HttpResponse refusal = HttpResponse::error(
                        426, QStringLiteral("upgrade_required"),
                        QCoreApplication::translate("Api",
                                                    "The sync events come over a WebSocket only."));
                refusal.headers.append(qMakePair(QByteArray("Upgrade"), QByteArray("websocket")));
                return refusal;
            },
            eventsOperation());
}

} // namespace branchline::server
