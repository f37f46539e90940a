// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QPointer>
#include <QUrl>

#include <atomic>
#include <memory>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace branchline::sync {

// The answer to one request: an HTTP status and JSON body, or a network failure (status 0).
struct HttpAnswer
{
    int status = 0;
    QJsonObject body;
    QString networkError; // translated; set when no HTTP answer arrived
    qint64 bytes = 0;

    bool transient() const { return status == 0 || status >= 500 || status == 429; }
    QString message() const; // the server's message, or the network error
};

// Talks to the Branchline server for the sync engine: sign-in, token refresh and JSON
// POSTs with a deadline. Each call waits for its answer on a local event loop, so it is
// meant for the sync worker's thread, never the GUI thread. Tokens are kept in memory
// only and never logged.
class SyncClient
{
    Q_DECLARE_TR_FUNCTIONS(SyncClient)

public:
    explicit SyncClient(QUrl server, QString deviceId);
    ~SyncClient();

    HttpAnswer signIn(const QString &login, const QString &password);
    // Exchanges the refresh token for new tokens; false when the session is over.
    bool refresh();
    void setTokens(const QString &accessToken, const QString &refreshToken);
    QString accessToken() const { return m_accessToken; }
    QString refreshToken() const { return m_refreshToken; }
    QString userId() const { return m_userId; }

    // POSTs `body` with the access token; a 401 is answered by one refresh and a retry.
    HttpAnswer post(const QString &path, const QJsonObject &body);
    // GETs `path` with the access token and the query `parameters` (each key and value
    // percent-encoded whole, so a free text such as a reason arrives as typed); a 401 is
    // answered by one refresh and a retry, as post() does.
    HttpAnswer get(const QString &path, const QList<std::pair<QString, QString>> &parameters);

    // The same in two steps, so that work can be done while the server answers (the
    // engine applies one page while the next is on its way). Every InFlight must end in
    // await() or discard().
    struct InFlight
    {
        QNetworkReply *reply = nullptr;
        QString path;
        QJsonObject body;
        qint64 payloadBytes = 0;
    };
    InFlight postLater(const QString &path, const QJsonObject &body);
    HttpAnswer await(InFlight &request);
    void discard(InFlight &request);

    // Aborts the request in flight and every later one until reset (any thread).
    void cancel();
    void resetCancel() { m_cancelled = false; }
    bool cancelled() const { return m_cancelled; }
    int timeoutMs = 60000;

private:
    HttpAnswer send(const QString &path, const QJsonObject &body, bool authorised);
    InFlight begin(const QString &path, const QJsonObject &body, bool authorised);
    InFlight beginGet(const QString &path, const QList<std::pair<QString, QString>> &parameters);
    HttpAnswer finish(InFlight &request);

    QUrl m_server;
    QString m_deviceId;
    QString m_accessToken;
    QString m_refreshToken;
    QString m_userId;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::atomic<bool> m_cancelled{ false };
    std::atomic<QNetworkReply *> m_inFlight{ nullptr };
};

} // namespace branchline::sync
