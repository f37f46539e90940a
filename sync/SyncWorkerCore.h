// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SyncClient.h"
#include "SyncEngine.h"
#include "SyncEvents.h"
#include "SyncStore.h"
#include "SyncWorker.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace branchline::sync {

// SyncWorker's inside: every member is used on the worker thread only, except cancel().
class SyncWorkerCore : public QObject
{
    Q_OBJECT

public:
    explicit SyncWorkerCore(SyncSettings settings);
    ~SyncWorkerCore() override;

    void open(SecretBytes key, LocalStore::KeyKind kind);
    void signIn(const QString &login, const QString &password);
    void resume(const QString &userId, const QString &refreshToken);
    void requestRound();
    void requestRoundSoon();
    void confirmLargePurge();
    void signOut();
    void reveal(quint64 requestId, const QString &customerId, const QStringList &fields,
                const QString &reason);
    void cancel(); // any thread
    // Closes everything on the worker thread and ends it; a running round ends first.
    void shutdown();

signals:
    void opened(bool ok, const QString &message);
    void signedIn(bool ok, const QString &message, const QString &userId);
    void signInRefused(int status, const QString &code, const QString &message);
    void refreshTokenChanged(const QString &refreshToken);
    void roundStarted();
    void progress(branchline::sync::SyncPhase phase, qint64 done, qint64 total, qint64 bytes);
    void roundFinished(const branchline::sync::SyncOutcome &outcome);
    void onlineChanged(bool online);
    void revealed(quint64 requestId, const QHash<QString, QString> &values, const QString &error);

private:
    struct RevealRequest
    {
        quint64 id = 0;
        QString customerId;
        QStringList fields;
        QString reason;
    };

    void startRequestedRound();
    void runRounds();
    void afterRound(const SyncOutcome &outcome);
    void startSession(const QString &userId);
    void updateOnline();
    void closeIfShutDown();
    void closeAll();
    // Answers the reveal requests waiting, when no request is on the stack below.
    void runReveals();
    void answerReveal(const RevealRequest &request);
    void reportTokens(); // after requests that may have refreshed the tokens

    SyncSettings m_settings;
    QString m_connectionName;
    std::unique_ptr<SyncStore> m_store;
    std::unique_ptr<SyncClient> m_client;
    std::unique_ptr<SyncEngine> m_engine;
    std::atomic<SyncEngine *> m_engineForCancel{ nullptr }; // cancel() comes from any thread
    std::unique_ptr<SyncEvents> m_events;
    std::unique_ptr<QTimer> m_periodic;
    std::unique_ptr<QTimer> m_soon; // the edit delay, and the backoff after a failure
    QString m_refreshToken; // the last one reported
    bool m_signedIn = false;
    bool m_running = false;
    bool m_roundQueued = false; // startRequestedRound() is on its way
    int m_busy = 0; // requests waiting on the stack (a round, a sign-in): see closeIfShutDown()
    bool m_socketWasUp = false; // the poke socket was connected before (a connect is a reconnect)
    bool m_again = false; // a round was asked for while one ran
    bool m_shutdown = false;
    bool m_reachable = false; // the last round got an answer from the server
    bool m_online = false;
    int m_failures = 0;
    QList<RevealRequest> m_reveals; // waiting for the request on the stack to end
    bool m_roundDeferred = false; // a round was asked for during a reveal's request
};

} // namespace branchline::sync
