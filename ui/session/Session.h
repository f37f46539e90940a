// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SyncEngine.h"
#include "dashboards/QueryRunner.h"
#include "accounts/Account.h"
#include "accounts/AccountRegistry.h"
#include "accounts/UserProfiles.h"
#include "keys/StoreKeyProvider.h"
#include "store/LocalStore.h"

#include <QDateTime>
#include <QObject>
#include <QSqlDatabase>

#include <memory>
#include <optional>

namespace branchline {

namespace sync {
class SyncWorker;
}

// Why a sign-in failed, so the form can say it in the user's language and point at the field
// to fix.
enum class SignInProblem {
    None,
    WrongPassword, // the login name or the password is wrong
    Locked, // too many wrong passwords; the server says until when
    Disabled, // an administrator switched the account off
    Unreachable, // no answer from that address
    Other, // anything else: the server's own words
};

// One signed-in account on this computer: the GUI thread's connection to its encrypted store,
// the sync worker with its own connection, and the status the main window shows. Refresh
// tokens are kept (keychain, or the encrypted store without one) as the worker reports them.
//
// Made by StartupFlow; the main window takes it over. Everything here runs on the GUI thread;
// network work is the worker's and answers arrive as signals. Only keeping a refresh token
// waits, briefly, for the keychain.
class Session : public QObject
{
    Q_OBJECT

public:
    Session(Account account, AccountRegistry registry, QObject *parent = nullptr);
    // Stops the worker (a running round stops where it is and resumes next time).
    ~Session() override;

    // Opens the store on this thread (creating it when `create`) and the worker's connection
    // with a copy of the key. False with a translated message when the store cannot be used.
    bool open(StoreKey key, bool create, QString *error);
    // Answered by signInFinished(); the first sync starts right after a success.
    void signIn(const QString &login, const QString &password);
    // A later start: signs in again with the kept refresh token. Works offline (rounds retry
    // until the server answers). False when no token is kept (signed out).
    bool resume();

    // How a refused sign-in is said to the user, in the interface's language. The server's
    // own words are added where they carry more (when a lock ends, a network error).
    static QString problemText(SignInProblem problem, const QString &serverMessage);

    // Why open() failed (WrongKeyOrDamaged: ask a passphrase again).
    const StoreError &storeError() const { return m_store.lastError(); }

    QSqlDatabase database() const { return m_store.database(); }
    const Account &account() const { return m_account; }
    QString userId() const { return m_account.userId; }
    // From the synced users table. Until it arrives (the first sync's first page), the last
    // known role, else the sales rep's: the narrowest view, never a wider one.
    Role role() const { return m_account.role.value_or(Role::SalesRep); }
    bool hasRole() const { return m_account.role.has_value(); }
    // The user's name, or the login until the users table arrived.
    QString displayName() const;
    sync::SyncWorker *worker() const { return m_worker.get(); }
    // Runs the dashboards' queries on a connection of its own; null until open().
    QueryRunner *queryRunner() const { return m_queries.get(); }

    bool isSignedIn() const { return m_signedIn; }
    bool isOnline() const { return m_online; }
    bool isSyncing() const { return m_syncing; }
    QDateTime lastSyncTime() const { return m_lastSync; } // UTC; invalid: never synced
    int pendingEditCount() const { return m_pending; }
    int unresolvedConflictCount() const { return m_conflicts; }

    // After a local edit: updates the pending count and pushes it soon.
    void noteLocalEdit();
    void syncNow();
    // Stops the running round; the next one continues from the last page written.
    void cancelSync();
    // Reads the counts and the last sync time from the store again.
    void refreshStatus();

    // Asks the server, through the sync worker's thread, for the clear values of a customer's
    // personal data `fields`; the server checks the role and records `reason` in its audit
    // trail. Answered by piiRevealed() with the returned id. The values are never kept in the
    // store nor logged.
    quint64 revealPii(const QString &customerId, const QStringList &fields,
                      const QString &reason);

    // Ends the session on this computer: the tokens are wiped, the store and its key stay, so
    // the next sign-in is quick and offline work is kept. False with a message when the
    // keychain would not let go of the token.
    bool signOut(QString *error);
    // Deletes everything of this account here: the store file with its WAL, SHM and backups,
    // its key and tokens, and the account entry. Unsent edits are lost; ask first. The
    // session is unusable afterwards.
    bool removeFromComputer(QString *error);

signals:
    void storeFailed(const QString &message); // the worker could not open its connection
    void signInFinished(bool ok, branchline::SignInProblem problem, const QString &message);
    // The server ended the session (the refresh token expired or was revoked): show the
    // sign-in dialog again (StartupFlow::signInAgain). Edits made meanwhile stay queued.
    void signInRequired(const QString &message);
    void signedOut();

    void syncStarted();
    void syncProgress(branchline::sync::SyncPhase phase, qint64 done, qint64 total,
                      qint64 bytes);
    void syncFinished(const branchline::sync::SyncOutcome &outcome);
    void firstSyncCompleted();

    // For the status bar.
    void onlineChanged(bool online);
    void lastSyncTimeChanged(const QDateTime &at);
    void pendingEditCountChanged(int count);
    void unresolvedConflictCountChanged(int count);
    // A round brought or removed rows: views re-read what they show.
    void dataChanged();
    void profileChanged(); // display name or role arrived or changed
    // The answer to revealPii(): `error` empty and the clear values, or why not (translated).
    void piiRevealed(quint64 requestId, const QHash<QString, QString> &values,
                     const QString &error);

private:
    void startWorker(StoreKey key);
    void onSignedIn(bool ok, const QString &userId);
    void onSignInRefused(int status, const QString &code, const QString &message);
    void onRoundFinished(const sync::SyncOutcome &outcome);
    void onRefreshToken(const QString &token);
    void refreshProfile();
    void setOnline(bool online);
    // Keychain accounts keep the refresh token in the keychain; passphrase accounts (no
    // keychain here) inside their encrypted store, so they too start offline.
    bool storeKeepsToken() const;
    QString keptRefreshToken() const;
    bool keepRefreshToken(const QString &token);
    void stopWorker();

    Account m_account;
    AccountRegistry m_registry;
    LocalStore m_store;
    std::unique_ptr<sync::SyncWorker> m_worker;
    std::unique_ptr<QueryRunner> m_queries; // after m_worker: stops first
    QDateTime m_lastSync;
    int m_pending = 0;
    int m_conflicts = 0;
    bool m_online = false;
    bool m_syncing = false;
    bool m_signedIn = false;
    bool m_signingIn = false;
    bool m_ended = false; // signed out or removed: later token reports are ignored
    SignInProblem m_refusal = SignInProblem::None;
    QString m_refusalMessage;
    quint64 m_lastReveal = 0;
};

} // namespace branchline

Q_DECLARE_METATYPE(branchline::SignInProblem)
