// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncEvents.h"

#include "Backoff.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcSyncEvents, "branchline.sync.events")

namespace branchline::sync {

SyncEvents::SyncEvents(QUrl server, QObject *parent)
    : QObject(parent)
    , m_url(std::move(server))
{
    m_url.setScheme(m_url.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                             : QStringLiteral("ws"));
    m_url.setPath(QStringLiteral("/api/v1/sync/events"));
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &SyncEvents::open);
}

SyncEvents::~SyncEvents()
{
    stop();
}

void SyncEvents::connectWith(const QString &accessToken)
{
    m_accessToken = accessToken;
    m_stopped = false;
    m_failures = 0;
    open();
}

void SyncEvents::setAccessToken(const QString &accessToken)
{
    m_accessToken = accessToken;
}

void SyncEvents::stop()
{
    m_stopped = true;
    m_reconnect.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket.reset();
    }
    setConnected(false);
}

void SyncEvents::open()
{
    if (m_stopped)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    m_socket = std::make_unique<QWebSocket>();
    connect(m_socket.get(), &QWebSocket::connected, this, &SyncEvents::onConnected);
    // A failed attempt may report an error without a disconnect: both end the attempt.
    connect(m_socket.get(), &QWebSocket::disconnected, this, &SyncEvents::onDisconnected);
    connect(m_socket.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &SyncEvents::onDisconnected);
    m_attemptOpen = true;
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &SyncEvents::onMessage);
    QNetworkRequest request(m_url);
    request.setRawHeader("Authorization", "Bearer " + m_accessToken.toLatin1());
    m_socket->open(request);
}

void SyncEvents::onConnected()
{
    m_failures = 0;
    setConnected(true);
}

void SyncEvents::onDisconnected()
{
    if (!m_attemptOpen)
        return;
    m_attemptOpen = false;
    const bool wasConnected = m_connected;
    setConnected(false);
    if (m_stopped)
        return;
    // An attempt that never connected: the network is down or the token expired (the
    // server refuses the upgrade). The owner's next round tells which, and refreshes the
    // token through setAccessToken().
    if (!wasConnected)
        emit attemptFailed(++m_failures);
    m_reconnect.start(backoffDelayMs(m_failures, reconnectBaseMs, reconnectMaxMs));
}

void SyncEvents::onMessage(const QString &message)
{
    const QJsonObject object = QJsonDocument::fromJson(message.toUtf8()).object();
    if (object.value(QStringLiteral("type")).toString() == QLatin1String("changes"))
        emit changes(object.value(QStringLiteral("head")).toInteger());
}

void SyncEvents::setConnected(bool connected)
{
    if (m_connected == connected)
        return;
    m_connected = connected;
    qCInfo(lcSyncEvents) << (connected ? "events socket connected" : "events socket closed");
    emit connectedChanged(connected);
}

} // namespace branchline::sync
