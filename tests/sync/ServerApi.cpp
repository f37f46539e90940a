// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerApi.h"

#include "ServerProcess.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUuid>

namespace branchline::test {

namespace {

ApiAnswer send(const QUrl &server, const QString &path, const QString &accessToken,
               const QByteArray &verb, const QByteArray &payload)
{
    QNetworkAccessManager network;
    QNetworkRequest request(server.resolved(QUrl(path))); // `path` may carry a query
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + accessToken.toLatin1());
    request.setTransferTimeout(10000); // a hung server fails the case instead of the run
    QNetworkReply *reply = network.sendCustomRequest(request, verb, payload);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    ApiAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.raw = reply->readAll();
    answer.body = QJsonDocument::fromJson(answer.raw).object();
    reply->deleteLater();
    return answer;
}

} // namespace

ApiAnswer apiGet(const QUrl &server, const QString &path, const QString &accessToken)
{
    return send(server, path, accessToken, QByteArrayLiteral("GET"), QByteArray());
}

ApiAnswer apiPost(const QUrl &server, const QString &path, const QString &accessToken,
                  const QJsonObject &body)
{
    return send(server, path, accessToken, QByteArrayLiteral("POST"),
                QJsonDocument(body).toJson(QJsonDocument::Compact));
}

ApiAnswer apiPatch(const QUrl &server, const QString &path, const QString &accessToken,
                   const QJsonObject &body)
{
    return send(server, path, accessToken, QByteArrayLiteral("PATCH"),
                QJsonDocument(body).toJson(QJsonDocument::Compact));
}

int openEventSockets(const QUrl &server)
{
    const ApiAnswer answer = apiGet(server, QStringLiteral("/metrics"), QString());
    if (answer.status != 200)
        return -1;
    const QByteArray name("branchline_http_open_websockets ");
    for (const QByteArray &line : answer.raw.split('\n'))
        if (line.startsWith(name))
            return line.mid(name.size()).toInt();
    return -1;
}

QString apiSignIn(const QUrl &server, const QString &login, QString *userId)
{
    const ApiAnswer answer = apiPost(server, QStringLiteral("/api/v1/auth/login"), QString(),
                                     { { QStringLiteral("login"), login },
                                       { QStringLiteral("password"), demoPassword() },
                                       { QStringLiteral("device_id"),
                                         QUuid::createUuid().toString(QUuid::WithoutBraces) } });
    if (userId)
        *userId = answer.body.value(QStringLiteral("user_id")).toString();
    return answer.body.value(QStringLiteral("access_token")).toString();
}

} // namespace branchline::test
