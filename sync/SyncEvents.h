// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>

class QWebSocket;

namespace branchline::sync {

// The client's end of the server's poke socket (/api/v1/sync/events, rule 16): stays
// connected while signed in, reconnects with backoff when the line drops, and reports
// "the server has changes up to `head`". It only ever triggers a sync round; the data
// always comes through pull, so a lost poke costs latency, never data.
class SyncEvents : public QObject
{
    Q_OBJECT

public:
    explicit SyncEvents(QUrl server, QObject *parent = nullptr);
    ~SyncEvents() override;

    // Connects (again) with this access token; the server checks it before the upgrade.
    void connectWith(const QString &accessToken);
    // The token the next reconnect presents; an open socket stays open.
    void setAccessToken(const QString &accessToken);
    void stop();
    bool isConnected() const { return m_connected; }

    int reconnectBaseMs = 1000;
    int reconnectMaxMs = 60000;

signals:
    void changes(qint64 head);
    void connectedChanged(bool connected);
    // A connection attempt failed (`failures` in a row); it is tried again with backoff.
    void attemptFailed(int failures);

private:
    void open();
    void onConnected();
    void onDisconnected();
    void onMessage(const QString &message);
    void setConnected(bool connected);

    QUrl m_url;
    QString m_accessToken;
    std::unique_ptr<QWebSocket> m_socket;
    QTimer m_reconnect;
    int m_failures = 0;
    bool m_connected = false;
    bool m_attemptOpen = false; // the current socket has not reported its end yet
    bool m_stopped = true;
};

} // namespace branchline::sync
