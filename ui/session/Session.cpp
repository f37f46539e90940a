// SPDX-License-Identifier: GPL-3.0-or-later
#include "Session.h"

#include "SyncWorker.h"
#include "accounts/StoredSession.h"
#include "store/StoreStatus.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSession, "branchline.ui.session")

namespace branchline {

namespace {

SignInProblem problemOf(int status, const QString &code)
{
    if (status == 0)
        return SignInProblem::Unreachable;
    if (code == QLatin1String("bad_credentials"))
        return SignInProblem::WrongPassword;
    if (code == QLatin1String("account_locked"))
        return SignInProblem::Locked;
    if (code == QLatin1String("account_disabled"))
        return SignInProblem::Disabled;
    return SignInProblem::Other;
}

} // namespace

Session::Session(Account account, AccountRegistry registry, QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_registry(std::move(registry))
    , m_store(m_account.storePath)
{
    qRegisterMetaType<SignInProblem>();
}

Session::~Session()
{
    stopWorker();
}

QString Session::displayName() const
{
    return m_account.displayName.isEmpty() ? m_account.login : m_account.displayName;
}

bool Session::open(StoreKey key, bool create, QString *error)
{
    QDir().mkpath(QFileInfo(m_account.storePath).absolutePath());
    // The worker gets its own copy: each connection keys itself, and SecretBytes wipes both.
    StoreKey workerKey;
    workerKey.secret = SecretBytes(reinterpret_cast<const char *>(key.secret.data()),
                                   key.secret.size());
    workerKey.kind = key.kind;
    workerKey.protection = key.protection;
    // And the dashboards' query runner its own, so long queries never hold the GUI thread.
    SecretBytes queryKey(reinterpret_cast<const char *>(key.secret.data()), key.secret.size());
    const auto queryKind = key.kind;
    if (!m_store.open(std::move(key.secret), key.kind, create)) {
        if (error)
            *error = m_store.lastError().message;
        qCWarning(lcSession) << "store did not open:" << m_store.lastError().detail;
        return false;
    }
    refreshStatus();
    refreshProfile();
    startWorker(std::move(workerKey));
    m_queries = std::make_unique<QueryRunner>(m_account.storePath);
    m_queries->setViewer(role(), userId());
    m_queries->open(std::move(queryKey), queryKind);
    return true;
}

void Session::startWorker(StoreKey key)
{
    using sync::SyncWorker;
    sync::SyncSettings settings;
    settings.server = m_account.server;
    settings.deviceId = m_account.deviceId;
    settings.storePath = m_account.storePath;
    m_worker = std::make_unique<SyncWorker>(settings);
    connect(m_worker.get(), &SyncWorker::opened, this, [this](bool ok, const QString &message) {
        if (!ok)
            emit storeFailed(message);
    });
    connect(m_worker.get(), &SyncWorker::signInRefused, this, &Session::onSignInRefused);
    connect(m_worker.get(), &SyncWorker::signedIn, this,
            [this](bool ok, const QString &, const QString &userId) { onSignedIn(ok, userId); });
    connect(m_worker.get(), &SyncWorker::refreshTokenChanged, this, &Session::onRefreshToken);
    connect(m_worker.get(), &SyncWorker::roundStarted, this, [this] {
        m_syncing = true;
        // A round runs only when signed in: should the sign-in's answer ever trail the round
        // (older workers sent it after the first round), the round answers it.
        if (m_signingIn)
            onSignedIn(true, QString());
        emit syncStarted();
    });
    connect(m_worker.get(), &SyncWorker::progress, this, &Session::syncProgress);
    connect(m_worker.get(), &SyncWorker::roundFinished, this, &Session::onRoundFinished);
    connect(m_worker.get(), &SyncWorker::onlineChanged, this, &Session::setOnline);
    connect(m_worker.get(), &SyncWorker::revealed, this, &Session::piiRevealed);
    m_worker->open(std::move(key.secret), key.kind);
}

void Session::stopWorker()
{
    // The worker's destructor cancels the round and waits for its thread; its connection
    // closes there.
    m_worker.reset();
    m_syncing = false;
}

void Session::signIn(const QString &login, const QString &password)
{
    if (!m_worker)
        return; // removed from this computer
    m_signingIn = true;
    m_refusal = SignInProblem::None;
    m_refusalMessage.clear();
    m_worker->signIn(login, password);
}

bool Session::resume()
{
    QString token = m_worker ? keptRefreshToken() : QString();
    if (token.isEmpty() || m_account.userId.isEmpty()) {
        qCInfo(lcSession) << "no refresh token kept";
        return false;
    }
    m_signedIn = true;
    m_worker->resume(m_account.userId, token);
    SecretBytes::wipe(token);
    return true;
}

void Session::onSignInRefused(int status, const QString &code, const QString &message)
{
    m_refusal = problemOf(status, code);
    m_refusalMessage = problemText(m_refusal, message);
}

QString Session::problemText(SignInProblem problem, const QString &serverMessage)
{
    switch (problem) {
    case SignInProblem::WrongPassword:
        return tr("The login name or the password is wrong. Check Caps Lock and the keyboard "
                  "layout.");
    case SignInProblem::Locked:
        // The server's words carry the time the lock ends.
        return tr("Too many wrong passwords: this account is locked for a while. The server "
                  "says: %1")
                .arg(serverMessage);
    case SignInProblem::Disabled:
        return tr("This account is disabled. Ask your administrator.");
    case SignInProblem::Unreachable:
        return tr("The server cannot be reached. Check the address and the network connection. "
                  "(%1)")
                .arg(serverMessage);
    case SignInProblem::Other:
    case SignInProblem::None:
        break;
    }
    return tr("The server refused the sign-in: %1").arg(serverMessage);
}

void Session::onSignedIn(bool ok, const QString &userId)
{
    if (!userId.isEmpty() && userId != m_account.userId) {
        m_account.userId = userId;
        refreshProfile();
    }
    if (ok && !m_account.userId.isEmpty())
        m_registry.save(m_account); // signed in: this is now an account of this computer
    if (!m_signingIn)
        return; // the early answer (roundStarted) was given already
    m_signingIn = false;
    m_signedIn = ok;
    if (ok) {
        emit signInFinished(true, SignInProblem::None, QString());
        return;
    }
    if (m_refusal == SignInProblem::None) {
        m_refusal = SignInProblem::Other;
        m_refusalMessage = tr("The sign-in did not finish. Try again.");
    }
    emit signInFinished(false, m_refusal, m_refusalMessage);
}

void Session::onRefreshToken(const QString &token)
{
    // A round that was running when the user signed out may still report a refreshed token:
    // it must not sign them in again.
    if (m_ended || (!token.isEmpty() && !m_signedIn && !m_signingIn))
        return;
    if (!keepRefreshToken(token))
        qCWarning(lcSession) << "refresh token not kept; the next start asks to sign in";
}

bool Session::storeKeepsToken() const
{
    return m_account.protection == KeyProtection::Passphrase;
}

QString Session::keptRefreshToken() const
{
    if (storeKeepsToken())
        return m_store.isOpen() ? StoredSession(m_store.database()).refreshToken() : QString();
    KeyStore::Status status = KeyStore::Status::Failed;
    return m_registry.refreshToken(m_account, &status);
}

bool Session::keepRefreshToken(const QString &token)
{
    if (storeKeepsToken())
        return m_store.isOpen() && StoredSession(m_store.database()).setRefreshToken(token);
    return m_registry.saveRefreshToken(m_account, token, nullptr) == KeyStore::Status::Ok;
}

void Session::onRoundFinished(const sync::SyncOutcome &outcome)
{
    using Status = sync::SyncOutcome::Status;
    m_syncing = false;
    const sync::SyncSummary &summary = outcome.summary;
    // Pushed edits change too: their rows are no longer waiting, or were refused.
    if (summary.rowsPulled + summary.removals + summary.purged + summary.mutationsPushed > 0) {
        refreshProfile();
        emit dataChanged();
    }
    refreshStatus();
    if (outcome.status == Status::Done && !m_account.firstSyncDone) {
        m_account.firstSyncDone = true;
        // Before the sign-in's answer the user id is unknown; onSignedIn() saves then.
        if (!m_account.userId.isEmpty())
            m_registry.save(m_account);
        emit syncFinished(outcome);
        emit firstSyncCompleted();
        return;
    }
    if (outcome.status == Status::SignInRequired) {
        m_signedIn = false;
        setOnline(false);
        emit syncFinished(outcome);
        emit signInRequired(outcome.message);
        return;
    }
    emit syncFinished(outcome);
}

void Session::refreshStatus()
{
    if (!m_store.isOpen())
        return;
    const StoreStatus status(m_store.database());
    const int pending = status.pendingEdits();
    if (pending != m_pending) {
        m_pending = pending;
        emit pendingEditCountChanged(pending);
    }
    const int conflicts = status.unresolvedConflicts();
    if (conflicts != m_conflicts) {
        m_conflicts = conflicts;
        emit unresolvedConflictCountChanged(conflicts);
    }
    const QDateTime last = status.lastSyncAt();
    if (last != m_lastSync) {
        m_lastSync = last;
        emit lastSyncTimeChanged(last);
    }
}

void Session::refreshProfile()
{
    if (!m_store.isOpen() || m_account.userId.isEmpty())
        return;
    const std::optional<UserProfile> profile = UserProfiles(m_store.database()).find(m_account.userId);
    if (!profile)
        return;
    if (profile->displayName == m_account.displayName && m_account.role == profile->role)
        return;
    m_account.displayName = profile->displayName;
    m_account.role = profile->role;
    if (m_queries)
        m_queries->setViewer(role(), userId());
    if (m_registry.find(m_account.name))
        m_registry.save(m_account);
    emit profileChanged();
}

void Session::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    emit onlineChanged(online);
}

void Session::noteLocalEdit()
{
    refreshStatus();
    if (m_worker)
        m_worker->syncSoon();
}

quint64 Session::revealPii(const QString &customerId, const QStringList &fields,
                           const QString &reason)
{
    const quint64 id = ++m_lastReveal;
    if (m_worker && !m_ended) {
        m_worker->reveal(id, customerId, fields, reason);
    } else {
        // Answered later all the same, as the worker would: the caller knows the id first.
        QMetaObject::invokeMethod(
                this,
                [this, id] {
                    emit piiRevealed(id, {},
                                     tr("You are not signed in, so the value stays masked."));
                },
                Qt::QueuedConnection);
    }
    return id;
}

void Session::syncNow()
{
    if (m_worker)
        m_worker->syncNow();
}

void Session::cancelSync()
{
    if (m_worker)
        m_worker->cancel();
}

bool Session::signOut(QString *error)
{
    m_signedIn = false;
    m_signingIn = false;
    if (m_worker)
        m_worker->signOut();
    setOnline(false);
    if (!keepRefreshToken(QString())) {
        if (error)
            *error = storeKeepsToken()
                    ? tr("Signed out, but the saved session could not be removed from the local "
                         "store. Sign out again.")
                    : tr("Signed out, but the system keychain would not remove the saved "
                         "session. Unlock the keychain and sign out again.");
        return false;
    }
    emit signedOut();
    return true;
}

bool Session::removeFromComputer(QString *error)
{
    m_signedIn = false;
    m_signingIn = false;
    m_ended = true;
    stopWorker();
    m_queries.reset(); // its connection closes before the file goes
    setOnline(false);
    m_store.close();
    QString failed;
    if (!AccountRegistry::removeStoreFiles(m_account.storePath, &failed)) {
        if (error)
            *error = tr("The file %1 could not be deleted. Close other programs that use it "
                        "and try again.")
                             .arg(QDir::toNativeSeparators(failed));
        return false;
    }
    // The store is gone, so a key or token left behind could open nothing; still, nothing of
    // the account may stay in the keychain.
    QString message;
    const KeyStore::Status keyStatus = m_registry.keyStore().removeKey(m_account.name, &message);
    const KeyStore::Status tokenStatus = m_registry.forgetRefreshToken(m_account, &message);
    m_registry.remove(m_account.name);
    if ((keyStatus != KeyStore::Status::Ok && keyStatus != KeyStore::Status::NotFound)
        || tokenStatus != KeyStore::Status::Ok) {
        if (error)
            *error = tr("The data was deleted, but the system keychain still holds an entry of "
                        "this account. Remove \"%1\" there by hand.")
                             .arg(m_account.name);
        return false;
    }
    return true;
}

} // namespace branchline
