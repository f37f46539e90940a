// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncClient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace branchline::sync {

QString HttpAnswer::message() const
{
    if (!networkError.isEmpty())
        return networkError;
    const QString text = body.value(QStringLiteral("message")).toString();
    return text.isEmpty() ? SyncClient::tr("The server answered with status %1.").arg(status)
                          : text;
}

SyncClient::SyncClient(QUrl server, QString deviceId)
    : m_server(std::move(server))
    , m_deviceId(std::move(deviceId))
    , m_network(std::make_unique<QNetworkAccessManager>())
{
}

SyncClient::~SyncClient() = default;

void SyncClient::setTokens(const QString &accessToken, const QString &refreshToken)
{
    m_accessToken = accessToken;
    m_refreshToken = refreshToken;
}

HttpAnswer SyncClient::signIn(const QString &login, const QString &password)
{
    HttpAnswer answer = send(QStringLiteral("/api/v1/auth/login"),
                             { { QStringLiteral("login"), login },
                               { QStringLiteral("password"), password },
                               { QStringLiteral("device_id"), m_deviceId } },
                             false);
    if (answer.status == 200) {
        m_accessToken = answer.body.value(QStringLiteral("access_token")).toString();
        m_refreshToken = answer.body.value(QStringLiteral("refresh_token")).toString();
        m_userId = answer.body.value(QStringLiteral("user_id")).toString();
    }
    return answer;
}

bool SyncClient::refresh()
{
    if (m_refreshToken.isEmpty())
        return false;
    const HttpAnswer answer = send(QStringLiteral("/api/v1/auth/refresh"),
                                   { { QStringLiteral("refresh_token"), m_refreshToken },
                                     { QStringLiteral("device_id"), m_deviceId } },
                                   false);
    if (answer.status != 200)
        return false;
    m_accessToken = answer.body.value(QStringLiteral("access_token")).toString();
    m_refreshToken = answer.body.value(QStringLiteral("refresh_token")).toString();
    return true;
}

HttpAnswer SyncClient::post(const QString &path, const QJsonObject &body)
{
    InFlight request = postLater(path, body);
    return await(request);
}

HttpAnswer SyncClient::get(const QString &path,
                           const QList<std::pair<QString, QString>> &parameters)
{
    InFlight request = beginGet(path, parameters);
    HttpAnswer answer = finish(request);
    if (answer.status == 401 && refresh()) {
        request = beginGet(path, parameters);
        answer = finish(request);
    }
    return answer;
}

void SyncClient::cancel()
{
    m_cancelled = true;
    // The abort runs on the client's own thread, where the reply in flight cannot be
    // deleted under it.
    QMetaObject::invokeMethod(
            m_network.get(),
            [this] {
                if (QNetworkReply *reply = m_inFlight.load())
                    reply->abort();
            },
            Qt::QueuedConnection);
}

HttpAnswer SyncClient::send(const QString &path, const QJsonObject &body, bool authorised)
{
    InFlight request = begin(path, body, authorised);
    return finish(request);
}

SyncClient::InFlight SyncClient::begin(const QString &path, const QJsonObject &body,
                                       bool authorised)
{
    InFlight request;
    request.path = path;
    request.body = body;
    if (m_cancelled)
        return request;
    QUrl url = m_server;
    url.setPath(path);
    QNetworkRequest http(url);
    http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (authorised)
        http.setRawHeader("Authorization", "Bearer " + m_accessToken.toLatin1());
    http.setTransferTimeout(timeoutMs);
    const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.payloadBytes = payload.size();
    request.reply = m_network->post(http, payload);
    m_inFlight = request.reply;
    return request;
}

SyncClient::InFlight SyncClient::beginGet(const QString &path,
                                          const QList<std::pair<QString, QString>> &parameters)
{
    InFlight request;
    request.path = path;
    if (m_cancelled)
        return request;
    // Encoded by hand: QUrlQuery takes "%41" in a value as an encoded "A" and leaves a '+'
    // that a proxy may read as a space.
    QByteArray query;
    for (const auto &parameter : parameters) {
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(parameter.first) + '='
                + QUrl::toPercentEncoding(parameter.second);
    }
    QUrl url = m_server;
    url.setPath(path);
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    QNetworkRequest http(url);
    http.setRawHeader("Authorization", "Bearer " + m_accessToken.toLatin1());
    http.setTransferTimeout(timeoutMs);
    request.reply = m_network->get(http);
    m_inFlight = request.reply;
    return request;
}

HttpAnswer SyncClient::finish(InFlight &request)
{
    HttpAnswer answer;
    QNetworkReply *reply = request.reply;
    request.reply = nullptr;
    if (!reply) {
        answer.networkError = tr("Sync was cancelled.");
        return answer;
    }
    m_inFlight = reply;
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    m_inFlight = nullptr;
    // An aborted reply is closed: nothing to read.
    const QByteArray data = reply->isOpen() ? reply->readAll() : QByteArray();
    answer.bytes = request.payloadBytes + data.size();
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (answer.status == 0) {
        answer.networkError = m_cancelled
                ? tr("Sync was cancelled.")
                : tr("The server could not be reached: %1").arg(reply->errorString());
    } else {
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            // A truncated or garbled answer is a transport failure: it is retried.
            answer.status = 0;
            answer.networkError = tr("The server's answer was incomplete or damaged.");
        } else {
            answer.body = document.object();
        }
    }
    reply->deleteLater();
    return answer;
}

SyncClient::InFlight SyncClient::postLater(const QString &path, const QJsonObject &body)
{
    return begin(path, body, true);
}

HttpAnswer SyncClient::await(InFlight &request)
{
    const QString path = request.path;
    const QJsonObject body = request.body;
    HttpAnswer answer = finish(request);
    if (answer.status == 401 && refresh())
        answer = send(path, body, true);
    return answer;
}

void SyncClient::discard(InFlight &request)
{
    if (QNetworkReply *reply = request.reply) {
        request.reply = nullptr;
        if (m_inFlight == reply)
            m_inFlight = nullptr;
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace branchline::sync
