// SPDX-License-Identifier: GPL-3.0-or-later
// /healthz, /metrics and /api/v1/openapi.json.
#include "ApiContext.h"
#include "Version.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

namespace branchline::server {

std::optional<Caller> ApiContext::caller(const HttpRequest &request, HttpResponse *refusal) const
{
    const std::optional<Caller> found = authenticator.authenticate(request.bearerToken());
    if (!found) {
        *refusal = HttpResponse::error(
                401, QStringLiteral("unauthenticated"),
                QCoreApplication::translate("Api",
                                            "Sign in first: the request has no valid "
                                            "access token, or it has expired."));
        refusal->headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
    }
    return found;
}

QJsonObject openApiDocument(const Router &router)
{
    QJsonObject paths;
    for (const Router::Route &route : router.routes()) {
        QJsonObject item = paths.value(route.pattern).toObject();
        QJsonArray parameters;
        for (const QString &segment : route.pattern.split(QLatin1Char('/'))) {
            if (segment.startsWith(QLatin1Char('{')))
                parameters.append(QJsonObject{
                        { QStringLiteral("name"), segment.mid(1, segment.size() - 2) },
                        { QStringLiteral("in"), QStringLiteral("path") },
                        { QStringLiteral("required"), true },
                        { QStringLiteral("schema"),
                          QJsonObject{ { QStringLiteral("type"), QStringLiteral("string") } } } });
        }
        QJsonObject operation{
            { QStringLiteral("summary"), route.summary },
            { QStringLiteral("responses"),
              QJsonObject{
                      { QStringLiteral("200"),
                        QJsonObject{ { QStringLiteral("description"), QStringLiteral("OK") } } },
                      { QStringLiteral("default"),
                        QJsonObject{ { QStringLiteral("description"),
                                       QStringLiteral("An error: {code, message}") } } } } },
        };
        if (!parameters.isEmpty())
            operation.insert(QStringLiteral("parameters"), parameters);
        for (auto it = route.openApi.begin(); it != route.openApi.end(); ++it)
            operation.insert(it.key(), it.value());
        item.insert(QString::fromLatin1(route.method.toLower()), operation);
        paths.insert(route.pattern, item);
    }
    return QJsonObject{
        { QStringLiteral("openapi"), QStringLiteral("3.0.3") },
        { QStringLiteral("info"),
          QJsonObject{ { QStringLiteral("title"), QStringLiteral("Branchline API") },
                       { QStringLiteral("version"), QStringLiteral(BRANCHLINE_VERSION) } } },
        { QStringLiteral("components"),
          QJsonObject{
                  { QStringLiteral("securitySchemes"),
                    QJsonObject{ { QStringLiteral("bearer"),
                                   QJsonObject{ { QStringLiteral("type"), QStringLiteral("http") },
                                                { QStringLiteral("scheme"),
                                                  QStringLiteral("bearer") } } } } } } },
        { QStringLiteral("paths"), paths },
    };
}

void addSystemRoutes(Router &router, ApiContext &context)
{
    // Both quick: a load balancer's probe and a scraper are answered even while every
    // request thread hashes a password or waits on the database.
    router.addQuick(
            "GET", QStringLiteral("/healthz"), QStringLiteral("Liveness and database check"),
            [&context](const HttpRequest &, const PathParameters &) {
                QString error;
                QSqlDatabase db = context.database.connection(&error);
                QSqlQuery query(db);
                if (!db.isOpen() || !query.exec(QStringLiteral("SELECT 1")))
                    return HttpResponse::error(
                            503, QStringLiteral("database_unavailable"),
                            QCoreApplication::translate("Api", "The database does not answer."));
                return HttpResponse::json(
                        200, QJsonObject{ { QStringLiteral("status"), QStringLiteral("ok") } });
            });
    router.addQuick("GET", QStringLiteral("/metrics"), QStringLiteral("Prometheus metrics"),
                    [&context](const HttpRequest &, const PathParameters &) {
                        QByteArray text;
                        auto counter = [&text](const char *name, const char *help, qint64 value,
                                               const char *type = "counter") {
                            text += QByteArray("# HELP ") + name + ' ' + help + '\n';
                            text += QByteArray("# TYPE ") + name + ' ' + type + '\n';
                            text += QByteArray(name) + ' ' + QByteArray::number(value) + '\n';
                        };
                        if (const HttpMetrics *m = context.metrics) {
                            counter("branchline_http_requests_total", "Requests handled.",
                                    m->requests);
                            counter("branchline_http_responses_2xx_total", "Successful responses.",
                                    m->responses2xx);
                            counter("branchline_http_responses_4xx_total", "Client errors.",
                                    m->responses4xx);
                            counter("branchline_http_responses_5xx_total", "Server errors.",
                                    m->responses5xx);
                            counter("branchline_http_rejected_bodies_total",
                                    "Requests refused for their size.", m->rejectedBodies);
                            counter("branchline_http_handler_seconds_total",
                                    "Time spent in handlers, in seconds.",
                                    m->handlerMicroseconds / 1000000);
                            counter("branchline_http_in_flight", "Requests being handled.",
                                    m->inFlight, "gauge");
                            counter("branchline_http_open_connections", "Open connections.",
                                    m->openConnections, "gauge");
                            counter("branchline_http_open_websockets", "Open sync event sockets.",
                                    m->webSockets, "gauge");
                            counter("branchline_http_dropped_websockets_total",
                                    "Sync event sockets closed because the client did not read.",
                                    m->droppedSockets);
                            counter("branchline_http_queued_requests",
                                    "Requests waiting for a request thread.", m->queued, "gauge");
                            counter("branchline_http_evicted_connections_total",
                                    "Idle connections closed to make room under max_connections.",
                                    m->evictedConnections);
                            counter("branchline_http_refused_connections_total",
                                    "Connections closed at once: the limit was reached, none idle.",
                                    m->refusedConnections);
                            counter("branchline_http_accept_errors_total",
                                    "Connections that could not be accepted (out of file "
                                    "descriptors).",
                                    m->acceptErrors);
                        }
                        return HttpResponse::text(200, "text/plain; version=0.0.4", text);
                    });
    router.add("GET", QStringLiteral("/api/v1/openapi.json"),
               QStringLiteral("This API's OpenAPI 3 document"),
               [&router](const HttpRequest &, const PathParameters &) {
                   return HttpResponse::json(200, openApiDocument(router));
               });
}

} // namespace branchline::server
