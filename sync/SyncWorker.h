// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SyncEngine.h"
#include "keys/SecretBytes.h"
#include "store/LocalStore.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QThread>
#include <QUrl>

namespace branchline::sync {

class SyncWorkerCore;

struct SyncSettings
{
    QUrl server;
    QString deviceId;
    QString storePath;
    int pageSize = 1000;
    int periodicMs = 5 * 60 * 1000; // a round at least this often, poke or not
    int editDelayMs = 1500; // a local edit is pushed this long after the last one
    int maxRetryMs = 60000; // the longest wait between retries after transient failures
};

// Runs sync for the GUI (docs/sync.md, "Client engine"): a thread of its own with its own
// connection to the store, the sync engine, and the server's poke socket. Every call
// returns at once; answers come back as signals on the caller's thread, so the GUI thread
// never waits for the network or for a page being written.
//
// Rounds start on syncNow(), a poke, a local edit (syncSoon()), the periodic timer, and
// after a transient failure by backoff; a round asked for while one runs follows it.
class SyncWorker : public QObject
{
    Q_OBJECT

public:
    explicit SyncWorker(SyncSettings settings, QObject *parent = nullptr);
    // Cancels the running round (it resumes next time where it stopped) and stops.
    ~SyncWorker() override;

    // Opens the worker's connection; the key is taken over. Answered by opened().
    void open(SecretBytes key, LocalStore::KeyKind kind);
    // Answered by signedIn(); then syncs.
    void signIn(const QString &login, const QString &password);
    // A later start: the refresh token from the keychain instead of a password. Works
    // offline too: rounds fail as transient until the server answers.
    void resume(const QString &userId, const QString &refreshToken);
    void syncNow();
    void syncSoon(); // after a local edit
    void cancel();
    // A person confirmed a guard-rail stop (rule 17): the next round may purge.
    void confirmLargePurge();
    void signOut(); // forgets the tokens and stops syncing
    // Asks the server for the clear values of a customer's personal data `fields`: an unmask
    // it allows by role and records in its audit trail with `reason`. Answered by revealed()
    // with the caller's `requestId`. Runs between rounds: asked during a round or a sign-in,
    // it follows that round's or sign-in's end. The values are never stored nor logged here.
    void reveal(quint64 requestId, const QString &customerId, const QStringList &fields,
                const QString &reason);

signals:
    void opened(bool ok, const QString &message);
    void signedIn(bool ok, const QString &message, const QString &userId);
    // Sent just before a failed signedIn(): what the server answered, so the sign-in form can
    // say it in the user's language (status 0: no answer; code e.g. "bad_credentials",
    // "account_locked", "account_disabled"; message: the server's own words).
    void signInRefused(int status, const QString &code, const QString &message);
    // Store this in the keychain; empty when the session ended.
    void refreshTokenChanged(const QString &refreshToken);
    void roundStarted();
    void progress(branchline::sync::SyncPhase phase, qint64 done, qint64 total, qint64 bytes);
    void roundFinished(const branchline::sync::SyncOutcome &outcome);
    // Whether the server is reachable: the poke socket is up or the last round got through.
    void onlineChanged(bool online);
    // The answer to reveal(): `error` empty and each field's clear value in `values`, or no
    // values and `error` saying why not in the user's language.
    void revealed(quint64 requestId, const QHash<QString, QString> &values, const QString &error);

private:
    QThread m_thread;
    SyncWorkerCore *m_core = nullptr; // lives on m_thread
};

} // namespace branchline::sync
