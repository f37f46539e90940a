// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncWorkerCore.h"

#include <QLoggingCategory>
#include <QThread>
#include <QUuid>

Q_LOGGING_CATEGORY(lcSyncWorker, "branchline.sync.worker")

namespace branchline::sync {

SyncWorkerCore::SyncWorkerCore(SyncSettings settings)
    : m_settings(std::move(settings))
{
}

SyncWorkerCore::~SyncWorkerCore() = default;

void SyncWorkerCore::open(SecretBytes key, LocalStore::KeyKind kind)
{
    m_connectionName = QStringLiteral("branchline-sync-")
            + QUuid::createUuid().toString(QUuid::WithoutBraces);
    StoreError error;
    QSqlDatabase db = LocalStore::openConnection(m_settings.storePath, m_connectionName,
                                                 std::move(key), kind, false, &error);
    if (!db.isOpen()) {
        emit opened(false, error.message);
        return;
    }
    m_store = std::make_unique<SyncStore>(db);
    m_client = std::make_unique<SyncClient>(m_settings.server, m_settings.deviceId);
    m_engine = std::make_unique<SyncEngine>(*m_store, *m_client);
    m_engine->pageSize = m_settings.pageSize;
    m_engine->backoffMaxMs = m_settings.maxRetryMs;
    m_engineForCancel = m_engine.get();
    connect(m_engine.get(), &SyncEngine::progress, this, &SyncWorkerCore::progress);

    m_events = std::make_unique<SyncEvents>(m_settings.server);
    // A poke means the server has news: a round now (or right after the running one).
    connect(m_events.get(), &SyncEvents::changes, this, &SyncWorkerCore::requestRound);
    connect(m_events.get(), &SyncEvents::connectedChanged, this, &SyncWorkerCore::updateOnline);
    connect(m_events.get(), &SyncEvents::attemptFailed, this, [this](int failures) {
        // The second failure in a row: a round finds out whether the token expired (and
        // refreshes it) or the server is away.
        if (failures == 2)
            requestRound();
    });

    m_periodic = std::make_unique<QTimer>();
    connect(m_periodic.get(), &QTimer::timeout, this, &SyncWorkerCore::requestRound);
    m_soon = std::make_unique<QTimer>();
    m_soon->setSingleShot(true);
    connect(m_soon.get(), &QTimer::timeout, this, &SyncWorkerCore::requestRound);
    emit opened(true, QString());
}

void SyncWorkerCore::signIn(const QString &login, const QString &password)
{
    if (!m_client) {
        emit signedIn(false, tr("The local store is not open."), QString());
        return;
    }
    const HttpAnswer answer = m_client->signIn(login, password);
    if (answer.status != 200) {
        emit signInRefused(answer.status, answer.body.value(QStringLiteral("code")).toString(),
                           answer.message());
        emit signedIn(false, answer.message(), QString());
        return;
    }
    startSession(m_client->userId());
    emit signedIn(true, QString(), m_client->userId());
}

void SyncWorkerCore::resume(const QString &userId, const QString &refreshToken)
{
    if (!m_client)
        return;
    // No access token yet: the first request is answered 401 and refreshes it.
    m_client->setTokens(QString(), refreshToken);
    m_refreshToken = refreshToken;
    startSession(userId);
}

void SyncWorkerCore::startSession(const QString &userId)
{
    m_store->setUserId(userId);
    m_signedIn = true;
    m_failures = 0;
    if (m_client->refreshToken() != m_refreshToken) {
        m_refreshToken = m_client->refreshToken();
        emit refreshTokenChanged(m_refreshToken);
    }
    if (!m_client->accessToken().isEmpty())
        m_events->connectWith(m_client->accessToken());
    m_periodic->start(m_settings.periodicMs);
    // Queued, so signIn() answers before the first round runs: a first sync can take
    // minutes, and the GUI must hear at once that the password was right.
    QMetaObject::invokeMethod(this, &SyncWorkerCore::requestRound, Qt::QueuedConnection);
}

void SyncWorkerCore::requestRoundSoon()
{
    if (m_signedIn && !m_running)
        m_soon->start(m_settings.editDelayMs);
    else
        m_again = m_running;
}

void SyncWorkerCore::requestRound()
{
    if (!m_signedIn || m_shutdown)
        return;
    if (m_running) {
        // The running round is inside a request's event loop; it goes round once more.
        m_again = true;
        return;
    }
    runRounds();
}

void SyncWorkerCore::runRounds()
{
    m_running = true;
    m_soon->stop();
    m_engine->resetCancel();
    emit roundStarted();
    SyncOutcome outcome;
    do {
        m_again = false;
        outcome = m_engine->runRound();
    } while (m_again && outcome.status == SyncOutcome::Status::Done && !m_shutdown);
    m_running = false;
    afterRound(outcome);
    if (m_shutdown)
        closeAll();
}

void SyncWorkerCore::afterRound(const SyncOutcome &outcome)
{
    using Status = SyncOutcome::Status;
    if (m_client->refreshToken() != m_refreshToken) {
        m_refreshToken = m_client->refreshToken();
        emit refreshTokenChanged(m_refreshToken);
    }
    m_events->setAccessToken(m_client->accessToken());
    if (outcome.status != Status::Cancelled)
        m_reachable = outcome.status != Status::Transient;
    switch (outcome.status) {
    case Status::Transient:
        // Retried without waiting for a new edit (rule 7), backing off.
        m_soon->start(m_engine->retryDelayMs(m_failures++));
        break;
    case Status::SignInRequired:
        m_signedIn = false;
        m_periodic->stop();
        m_events->stop();
        m_client->setTokens(QString(), QString());
        m_refreshToken.clear();
        emit refreshTokenChanged(QString());
        break;
    case Status::Done:
        m_failures = 0;
        m_engine->confirmLargePurge = false;
        if (!m_events->isConnected() && !m_shutdown)
            m_events->connectWith(m_client->accessToken());
        break;
    default:
        break;
    }
    emit roundFinished(outcome);
    updateOnline();
}

void SyncWorkerCore::updateOnline()
{
    const bool online = m_signedIn && (m_reachable || (m_events && m_events->isConnected()));
    if (online == m_online)
        return;
    m_online = online;
    emit onlineChanged(online);
}

void SyncWorkerCore::confirmLargePurge()
{
    if (m_engine)
        m_engine->confirmLargePurge = true;
    requestRound();
}

void SyncWorkerCore::signOut()
{
    cancel();
    m_signedIn = false;
    if (m_periodic)
        m_periodic->stop();
    if (m_events)
        m_events->stop();
    if (m_client)
        m_client->setTokens(QString(), QString());
    m_refreshToken.clear();
    updateOnline();
}

void SyncWorkerCore::cancel()
{
    if (SyncEngine *engine = m_engineForCancel.load())
        engine->cancel();
}

void SyncWorkerCore::shutdown()
{
    m_shutdown = true;
    cancel();
    if (!m_running)
        closeAll();
}

void SyncWorkerCore::closeAll()
{
    m_engineForCancel = nullptr;
    m_periodic.reset();
    m_soon.reset();
    m_events.reset();
    m_engine.reset();
    m_client.reset();
    m_store.reset(); // its prepared statements go before the connection
    if (!m_connectionName.isEmpty())
        LocalStore::closeConnection(m_connectionName);
    QThread::currentThread()->quit();
}

} // namespace branchline::sync
