// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SyncClient.h"
#include "SyncStore.h"

#include <QObject>

namespace branchline::sync {

// Index: the search index is built in one go after a snapshot (models/search/SearchIndex).
enum class SyncPhase { Push, Snapshot, Pull, Purge, Index, Waiting };

struct SyncSummary
{
    qint64 rowsPulled = 0;
    qint64 removals = 0;
    qint64 mutationsPushed = 0;
    qint64 conflicts = 0; // merged, conflict or rejected results
    qint64 purged = 0;
    qint64 requeued = 0; // acknowledged edits pushed again to a restored server
    qint64 bytes = 0;
    int pages = 0;
    int retries = 0;
    bool resnapshot = false;
    double seconds = 0;

    // Adds a later round's counts (several rounds reported as one).
    void add(const SyncSummary &later);
};

struct SyncOutcome
{
    enum class Status {
        Done, // pushed everything and caught up
        Transient, // the network or the server failed; the next round retries
        SignInRequired, // the session is over: sign in again (the outbox is kept)
        UpgradeRequired, // the server speaks another protocol (the outbox is kept)
        GuardRail, // the pull would delete too much: a person has to confirm (rule 17)
        Cancelled,
        Failed, // the local store failed
    };
    Status status = Status::Done;
    QString message; // translated
    SyncSummary summary;
};

// The client's sync round (docs/sync.md): push the outbox in order until every mutation
// has its result, then pull pages until caught up, each page and its cursor committed
// together; a refetch pushes first and then re-snapshots, purging what no longer belongs
// (within the guard rail). Runs on the thread that owns the store's connection — the sync
// worker's, never the GUI's — and reports progress by signal.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    SyncEngine(SyncStore &store, SyncClient &client, QObject *parent = nullptr);

    // What a phase is called on a progress line, translated.
    static QString phaseText(SyncPhase phase);

    SyncOutcome runRound();
    // Rounds until done, retrying transient failures with exponential backoff and jitter
    // (a failed upload retries without waiting for a new edit) up to `maxAttempts`.
    SyncOutcome syncUntilDone(int maxAttempts);
    void cancel(); // any thread
    void resetCancel(); // before the next round after a cancel
    // How long to wait before retry number `attempt` (0 = the first) after a transient
    // failure: exponential backoff with jitter, capped at backoffMaxMs.
    int retryDelayMs(int attempt) const;

    int pageSize = 1000;
    int pushBatch = 500;
    double guardShare = 0.5; // a re-snapshot may purge at most this share without asking
    bool confirmLargePurge = false; // set after a person confirmed a guard-rail stop
    int backoffBaseMs = 500;
    int backoffMaxMs = 60000;

signals:
    // `total` is -1 while unknown (a snapshot streams without a count).
    void progress(branchline::sync::SyncPhase phase, qint64 done, qint64 total, qint64 bytes);

private:
    SyncOutcome push(SyncSummary &summary);
    SyncOutcome pull(SyncSummary &summary);
    SyncOutcome finishResnapshot(SyncSummary &summary);
    SyncOutcome buildDeferredSearchIndex(SyncSummary &summary);
    static SyncOutcome fromAnswer(const HttpAnswer &answer);
    SyncOutcome storeFailure(const StoreError &error) const;

    SyncStore &m_store;
    SyncClient &m_client;
    std::atomic<bool> m_cancelled{ false };
};

} // namespace branchline::sync

Q_DECLARE_METATYPE(branchline::sync::SyncPhase)
Q_DECLARE_METATYPE(branchline::sync::SyncOutcome)
