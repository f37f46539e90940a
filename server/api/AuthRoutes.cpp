// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-in over HTTP: login, refresh, logout, and an admin's revocation of a device.
#include "ApiContext.h"
#include "domain/rules/TextLimits.h"

#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAuthRoutes, "branchline.server.api.auth")

namespace branchline::server {

namespace {

HttpResponse grantResponse(const Authenticator::Grant &grant)
{
    switch (grant.status) {
    case Authenticator::Status::Ok:
        return HttpResponse::json(
                200,
                QJsonObject{
                        { QStringLiteral("access_token"), grant.accessToken },
                        { QStringLiteral("refresh_token"), grant.refreshToken },
                        { QStringLiteral("token_type"), QStringLiteral("Bearer") },
                        { QStringLiteral("access_expires_at"),
                          grant.accessExpiresAt.toString(Qt::ISODateWithMs) },
                        { QStringLiteral("refresh_expires_at"),
                          grant.refreshExpiresAt.toString(Qt::ISODateWithMs) },
                        { QStringLiteral("user_id"), grant.userId },
                });
    case Authenticator::Status::BadCredentials:
        return HttpResponse::error(401, QStringLiteral("bad_credentials"), grant.message);
    case Authenticator::Status::Throttled: {
        HttpResponse response =
                HttpResponse::error(429, QStringLiteral("too_many_attempts"), grant.message);
        response.headers.append(
                qMakePair(QByteArray("Retry-After"), QByteArray::number(grant.retryAfterSeconds)));
        return response;
    }
    case Authenticator::Status::InvalidRequest:
        return HttpResponse::error(400, QStringLiteral("invalid_field"), grant.message);
    case Authenticator::Status::Disabled:
        return HttpResponse::error(403, QStringLiteral("account_disabled"), grant.message);
    case Authenticator::Status::InvalidToken:
        return HttpResponse::error(401, QStringLiteral("invalid_token"), grant.message);
    case Authenticator::Status::Error:
        break;
    }
    return HttpResponse::error(500, QStringLiteral("internal_error"), grant.message);
}

// Reads required string fields from a JSON body, or says which one is missing.
bool requireStrings(const HttpRequest &request, const QStringList &names, QJsonObject *body,
                    HttpResponse *refusal)
{
    QString problem;
    if (!request.jsonObject(body, &problem)) {
        *refusal = HttpResponse::error(400, QStringLiteral("malformed_body"), problem);
        return false;
    }
    for (const QString &name : names) {
        if (!body->value(name).isString() || body->value(name).toString().isEmpty()) {
            *refusal = HttpResponse::error(
                    400, QStringLiteral("missing_field"),
                    QCoreApplication::translate("Api",
                                                "The field \"%1\" is required and must "
                                                "be a non-empty string.")
                            .arg(name));
            return false;
        }
    }
    return true;
}

} // namespace

void connectSessionSockets(HttpServer &server, Authenticator &authenticator, Accounts &accounts)
{
    server.setSocketAuthenticator(
            [&authenticator](const QString &accessToken) -> std::optional<QString> {
                const std::optional<Caller> caller = authenticator.authenticate(accessToken);
                if (!caller)
                    return std::nullopt;
                return caller->sessionId;
            });
    server.setSessionCheck([&authenticator](const QString &sessionId) {
        return authenticator.isSessionActive(sessionId);
    });
    const SessionsEnded closeSockets = [&server](const QStringList &sessionIds) {
        server.closeSessions(sessionIds);
    };
    authenticator.setSessionsEnded(closeSockets);
    accounts.setSessionsEnded(closeSockets);
}

void addAuthRoutes(Router &router, ApiContext &context)
{
    router.add("POST", QStringLiteral("/api/v1/auth/login"),
               QStringLiteral("Sign in with login, password and device id"),
               [&context](const HttpRequest &request, const PathParameters &) {
                   QJsonObject body;
                   HttpResponse refusal;
                   if (!requireStrings(request,
                                       { QStringLiteral("login"), QStringLiteral("password"),
                                         QStringLiteral("device_id") },
                                       &body, &refusal))
                       return refusal;
                   // Blank or too long fields are a 400 naming the field, before anything is
                   // looked up, counted or stored.
                   return grantResponse(context.authenticator.login(
                           body.value(QStringLiteral("login")).toString(),
                           body.value(QStringLiteral("password")).toString(),
                           body.value(QStringLiteral("device_id")).toString(),
                           request.remoteAddress));
               });
    router.add(
            "POST", QStringLiteral("/api/v1/auth/refresh"),
            QStringLiteral("Exchange a refresh token for new tokens"),
            [&context](const HttpRequest &request, const PathParameters &) {
                QJsonObject body;
                HttpResponse refusal;
                if (!requireStrings(
                            request,
                            { QStringLiteral("refresh_token"), QStringLiteral("device_id") }, &body,
                            &refusal))
                    return refusal;
                if (!TextLimits::fits(body.value(QStringLiteral("device_id")).toString(),
                                      TextLimits::deviceId))
                    return HttpResponse::error(
                            400, QStringLiteral("invalid_field"),
                            QCoreApplication::translate(
                                    "Api", "The field \"%1\" is too long: at most %2 characters.")
                                    .arg(QStringLiteral("device_id"))
                                    .arg(TextLimits::deviceId));
                return grantResponse(context.authenticator.refresh(
                        body.value(QStringLiteral("refresh_token")).toString(),
                        body.value(QStringLiteral("device_id")).toString()));
            });
    router.add("POST", QStringLiteral("/api/v1/auth/logout"),
               QStringLiteral("End this device's session"),
               [&context](const HttpRequest &request, const PathParameters &) {
                   if (!context.authenticator.logout(request.bearerToken()))
                       return HttpResponse::error(
                               401, QStringLiteral("invalid_token"),
                               QCoreApplication::translate("Api",
                                                           "This session has already "
                                                           "ended."));
                   return HttpResponse::json(200,
                                             QJsonObject{ { QStringLiteral("status"),
                                                            QStringLiteral("signed_out") } });
               });
    router.add(
            "POST", QStringLiteral("/api/v1/admin/users/{id}/devices/{device}/revoke"),
            QStringLiteral("End every session of a user on one device (admin)"),
            [&context](const HttpRequest &request, const PathParameters &parameters) {
                HttpResponse refusal;
                const std::optional<Caller> caller = context.caller(request, &refusal);
                if (!caller)
                    return refusal;
                if (caller->role != Role::Admin)
                    return HttpResponse::error(
                            403, QStringLiteral("forbidden"),
                            QCoreApplication::translate("Api",
                                                        "Only an administrator may end "
                                                        "a user's sessions on a device."));
                QString error;
                if (!context.authenticator.revokeDevice(parameters.value(QStringLiteral("id")),
                                                        parameters.value(QStringLiteral("device")),
                                                        caller->userId, &error)) {
                    qCWarning(lcAuthRoutes) << "revoking a device failed:" << error;
                    return HttpResponse::error(
                            500, QStringLiteral("internal_error"),
                            QCoreApplication::translate("Api",
                                                        "The sessions could not be ended. "
                                                        "Try again later."));
                }
                return HttpResponse::json(
                        200,
                        QJsonObject{ { QStringLiteral("status"), QStringLiteral("revoked") } });
            });
}

} // namespace branchline::server
