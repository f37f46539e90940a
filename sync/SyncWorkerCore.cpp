// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncWorkerCore.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QThread>
#include <QUuid>

#include <utility>

Q_LOGGING_CATEGORY(lcSyncWorker, "branchline.sync.worker")

namespace branchline::sync {

namespace {

// A person waits for a reveal's answer; a round's minute would be long for that.
constexpr int revealTimeoutMs = 20000;

QString revealProblem(const HttpAnswer &answer, bool cancelled)
{
    const QString code = answer.body.value(QStringLiteral("code")).toString();
    switch (answer.status) {
    case 0:
        return cancelled
                ? SyncWorkerCore::tr("The request was cancelled; the value stays masked.")
                : SyncWorkerCore::tr("The value stays masked. %1").arg(answer.networkError);
    case 400:
        if (code == QLatin1String("reason_required"))
            return SyncWorkerCore::tr("The server needs a longer reason before it shows personal "
                                      "data.");
        break;
    case 401:
        return SyncWorkerCore::tr("Your session with the server has ended: sign in again to see "
                                  "the full value.");
    case 403:
        if (code == QLatin1String("reveal_not_allowed"))
            return SyncWorkerCore::tr("Your role may not see this personal data unmasked, so it "
                                      "stays masked.");
        return SyncWorkerCore::tr("The server does not allow you to see this: %1")
                .arg(answer.message());
    case 404:
        return SyncWorkerCore::tr("The server has no such customer for you: it may not have "
                                  "reached the server yet, or it is no longer in your scope.");
    default:
        break;
    }
    return SyncWorkerCore::tr("The server could not show the full value: %1").arg(answer.message());
}

} // namespace

SyncWorkerCore::SyncWorkerCore(SyncSettings settings)
    : m_settings(std::move(settings))
{
}

SyncWorkerCore::~SyncWorkerCore() = default;

void SyncWorkerCore::open(SecretBytes key, LocalStore::KeyKind kind)
{
    m_connectionName =
            QStringLiteral("branchline-sync-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
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
    connect(m_events.get(), &SyncEvents::connectedChanged, this, [this](bool connected) {
        updateOnline();
        // Pokes sent while the socket was down reached nobody: a socket that comes back
        // catches up with a round (its first connect follows the sign-in's round anyway).
        if (connected && std::exchange(m_socketWasUp, true))
            requestRound();
    });
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
    // A cancel or sign-out before must not refuse this request (the client stays cancelled
    // until reset, and only a round used to reset it).
    if (!m_running)
        m_engine->resetCancel();
    ++m_busy;
    const HttpAnswer answer = m_client->signIn(login, password);
    --m_busy;
    if (m_shutdown) {
        // The worker is being destroyed (its shutdown came through the request's event
        // loop): nobody listens any more.
        closeIfShutDown();
        return;
    }
    if (answer.status != 200) {
        emit signInRefused(answer.status, answer.body.value(QStringLiteral("code")).toString(),
                           answer.message());
        emit signedIn(false, answer.message(), QString());
        runReveals();
        return;
    }
    startSession(m_client->userId());
    emit signedIn(true, QString(), m_client->userId());
    runReveals();
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
    // Started from the event loop, never inside the caller: a poke or a failed socket
    // attempt calls this from the socket's own signal, and a round that ends by closing or
    // reopening the socket deleted it under that signal; signIn() answers before the round.
    if (!std::exchange(m_roundQueued, true))
        QMetaObject::invokeMethod(this, &SyncWorkerCore::startRequestedRound, Qt::QueuedConnection);
}

void SyncWorkerCore::startRequestedRound()
{
    m_roundQueued = false;
    if (!m_signedIn || m_shutdown)
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    // Through the event loop of a sign-in's request: that sign-in asks for a round itself.
    // Through a reveal's: the round follows the reveals (runReveals()).
    if (m_busy > 0) {
        m_roundDeferred = true;
        return;
    }
    runRounds();
}

void SyncWorkerCore::runRounds()
{
    m_running = true;
    ++m_busy;
    m_soon->stop();
    m_engine->resetCancel();
    emit roundStarted();
    SyncOutcome outcome;
    SyncSummary total; // the rounds run back to back are reported as one
    do {
        m_again = false;
        outcome = m_engine->runRound();
        total.add(outcome.summary);
    } while (m_again && outcome.status == SyncOutcome::Status::Done && !m_shutdown);
    outcome.summary = total;
    m_running = false;
    --m_busy;
    afterRound(outcome);
    runReveals();
    closeIfShutDown();
}

void SyncWorkerCore::afterRound(const SyncOutcome &outcome)
{
    using Status = SyncOutcome::Status;
    reportTokens();
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

void SyncWorkerCore::reportTokens()
{
    if (m_client->refreshToken() != m_refreshToken) {
        m_refreshToken = m_client->refreshToken();
        emit refreshTokenChanged(m_refreshToken);
    }
    m_events->setAccessToken(m_client->accessToken());
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
    // A running round stops. Not otherwise: a cancel aborts whatever request is in flight
    // when it arrives, which would be the logout below.
    if (m_running)
        cancel();
    // The server's session ends too, so a copy of the refresh token left anywhere is
    // worthless. Best effort: offline (or during a round) it simply expires.
    if (m_client && !m_running && !m_client->refreshToken().isEmpty()) {
        m_engine->resetCancel();
        const int timeout = m_client->timeoutMs;
        m_client->timeoutMs = 5000;
        ++m_busy;
        const HttpAnswer answer =
                m_client->post(QStringLiteral("/api/v1/auth/logout"), QJsonObject());
        --m_busy;
        m_client->timeoutMs = timeout;
        if (answer.status != 200)
            qCInfo(lcSyncWorker) << "the server session was not ended at sign-out:"
                                 << answer.status;
    }
    m_signedIn = false;
    if (m_periodic)
        m_periodic->stop();
    if (m_events)
        m_events->stop();
    if (m_client)
        m_client->setTokens(QString(), QString());
    // The session ended here: the keychain's copy of the refresh token goes too.
    if (!m_refreshToken.isEmpty()) {
        m_refreshToken.clear();
        emit refreshTokenChanged(QString());
    }
    updateOnline();
    runReveals(); // any asked for meanwhile are refused: signed out
    closeIfShutDown(); // the worker may have been destroyed during the logout request
}

void SyncWorkerCore::reveal(quint64 requestId, const QString &customerId, const QStringList &fields,
                            const QString &reason)
{
    m_reveals.append({ requestId, customerId, fields, reason });
    runReveals();
    closeIfShutDown();
}

void SyncWorkerCore::runReveals()
{
    // A round or sign-in waiting for its answer below owns the client (its request in
    // flight, a token refresh that rotates the refresh token): the reveals follow it, which
    // is soon, as rounds are short once the first sync is done.
    if (m_busy > 0)
        return;
    while (!m_reveals.isEmpty() && !m_shutdown)
        answerReveal(m_reveals.takeFirst());
    if (std::exchange(m_roundDeferred, false))
        requestRound();
}

void SyncWorkerCore::answerReveal(const RevealRequest &request)
{
    if (!m_signedIn || !m_client) {
        emit revealed(request.id, {},
                      tr("You are not signed in to the server, so the value stays masked."));
        return;
    }
    m_engine->resetCancel(); // no round runs (runReveals()); an earlier cancel is over
    const int timeout = std::exchange(m_client->timeoutMs, revealTimeoutMs);
    ++m_busy;
    const HttpAnswer answer =
            m_client->get(QStringLiteral("/api/v1/customers/") + request.customerId,
                          { { QStringLiteral("reveal"), request.fields.join(QLatin1Char(',')) },
                            { QStringLiteral("reason"), request.reason } });
    --m_busy;
    if (m_shutdown)
        return; // the worker is going away: nobody listens
    m_client->timeoutMs = timeout;
    reportTokens(); // a 401 refreshed them
    // The status only: the values and the reason are personal data.
    qCInfo(lcSyncWorker) << "reveal answered with status" << answer.status;
    if (answer.status == 200) {
        QHash<QString, QString> values;
        for (const QString &field : request.fields)
            values.insert(field, answer.body.value(field).toString());
        emit revealed(request.id, values, QString());
        return;
    }
    const bool cancelled = answer.status == 0 && m_client->cancelled();
    // No answer, or the session is over: a round finds out which and says so (offline, or
    // sign in again).
    if ((answer.status == 0 && !cancelled) || answer.status == 401)
        requestRound();
    emit revealed(request.id, {}, revealProblem(answer, cancelled));
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
    closeIfShutDown();
}

void SyncWorkerCore::closeIfShutDown()
{
    // Not while a request waits on the stack below (a round, a sign-in): closing would
    // delete the client under it. The outermost of them closes when it returns.
    if (m_shutdown && m_busy == 0)
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
