// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncEngine.h"

#include "Backoff.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>

namespace branchline::sync {

namespace {

QString path(const char *name)
{
    return QString::fromLatin1(name);
}

} // namespace

SyncEngine::SyncEngine(SyncStore &store, SyncClient &client, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_client(client)
{
    qRegisterMetaType<SyncPhase>();
}

void SyncEngine::cancel()
{
    m_cancelled = true;
    m_client.cancel();
}

int SyncEngine::retryDelayMs(int attempt) const
{
    return backoffDelayMs(attempt, backoffBaseMs, backoffMaxMs);
}

void SyncSummary::add(const SyncSummary &later)
{
    rowsPulled += later.rowsPulled;
    removals += later.removals;
    mutationsPushed += later.mutationsPushed;
    conflicts += later.conflicts;
    purged += later.purged;
    requeued += later.requeued;
    bytes += later.bytes;
    pages += later.pages;
    retries += later.retries;
    resnapshot = resnapshot || later.resnapshot;
    seconds += later.seconds;
}

void SyncEngine::resetCancel()
{
    m_cancelled = false;
    m_client.resetCancel();
}

SyncOutcome SyncEngine::fromAnswer(const HttpAnswer &answer)
{
    SyncOutcome outcome;
    outcome.message = answer.message();
    if (answer.transient())
        outcome.status = SyncOutcome::Status::Transient;
    else if (answer.status == 401)
        outcome.status = SyncOutcome::Status::SignInRequired;
    else if (answer.status == 426)
        outcome.status = SyncOutcome::Status::UpgradeRequired;
    else
        outcome.status = SyncOutcome::Status::Failed;
    return outcome;
}

SyncOutcome SyncEngine::storeFailure(const StoreError &error) const
{
    SyncOutcome outcome;
    outcome.status = SyncOutcome::Status::Failed;
    outcome.message = error.message;
    return outcome;
}

SyncOutcome SyncEngine::runRound()
{
    QElapsedTimer clock;
    clock.start();
    SyncSummary summary;
    SyncOutcome outcome = push(summary);
    if (outcome.status == SyncOutcome::Status::Done)
        outcome = pull(summary);
    // Edits made while pulling go out in the same round.
    if (outcome.status == SyncOutcome::Status::Done)
        outcome = push(summary);
    if (m_cancelled && outcome.status != SyncOutcome::Status::Failed) {
        outcome.status = SyncOutcome::Status::Cancelled;
        outcome.message = tr("Sync was cancelled; it resumes where it stopped.");
    }
    summary.seconds = double(clock.nsecsElapsed()) / 1e9;
    outcome.summary = summary;
    return outcome;
}

SyncOutcome SyncEngine::syncUntilDone(int maxAttempts)
{
    SyncSummary total;
    QElapsedTimer clock;
    clock.start();
    SyncOutcome outcome;
    for (int attempt = 0; attempt < maxAttempts; ++attempt) {
        outcome = runRound();
        total.add(outcome.summary);
        if (outcome.status != SyncOutcome::Status::Transient)
            break;
        if (attempt + 1 == maxAttempts)
            break;
        ++total.retries;
        const int wait = retryDelayMs(attempt);
        emit progress(SyncPhase::Waiting, 0, wait, 0);
        for (int slept = 0; slept < wait && !m_cancelled; slept += 50)
            QThread::msleep(50);
        if (m_cancelled)
            break;
    }
    total.seconds = double(clock.nsecsElapsed()) / 1e9;
    outcome.summary = total;
    return outcome;
}

SyncOutcome SyncEngine::push(SyncSummary &summary)
{
    SyncState state;
    StoreError error;
    if (!m_store.load(&state, &error))
        return storeFailure(error);
    const int pending = m_store.pendingCount();
    qint64 done = 0;
    bool reRegistered = false; // once per round: a second gap is not a restore
    while (!m_cancelled) {
        const QList<Mutation> mutations = m_store.pendingMutations(pushBatch, &error);
        if (error.isError())
            return storeFailure(error);
        if (mutations.isEmpty())
            return {};
        emit progress(SyncPhase::Push, done, pending, summary.bytes);
        const HttpAnswer answer = m_client.post(
                path("/api/v1/sync/push"),
                PushRequest{ state.clientId, mutations, state.firstMutation }.toJson());
        summary.bytes += answer.bytes;
        QList<qint64> numbers;
        for (const Mutation &mutation : mutations)
            numbers << mutation.number;
        if (answer.status != 200) {
            m_store.recordAttemptFailure(numbers, answer.message(), nullptr);
            return fromAnswer(answer);
        }
        QString problem;
        const std::optional<PushResponse> response = PushResponse::fromJson(answer.body, &problem);
        if (!response) {
            m_store.recordAttemptFailure(numbers, problem, nullptr);
            return SyncOutcome{ SyncOutcome::Status::Transient, problem, {} };
        }
        if (!m_store.applyResults(response->results, &error))
            return storeFailure(error);
        summary.mutationsPushed += response->results.size();
        done += response->results.size();
        for (const MutationResult &result : response->results)
            if (result.outcome != Outcome::Applied)
                ++summary.conflicts;
        if (response->refusedCode == QLatin1String("mutation_gap") && !reRegistered) {
            // The server expects a number this store no longer has pending. Either it was
            // answered (the server was restored from a backup and forgot those edits: they
            // are pushed again), or it never will be (its edit went to the local journal
            // when its record left this user's scope, or its sent history expired): no
            // push can fill that gap. Either way, go on under a new client id.
            int requeued = 0;
            if (!m_store.reRegister(response->expected, &requeued, &error)
                || !m_store.load(&state, &error))
                return storeFailure(error);
            reRegistered = true;
            summary.requeued += requeued;
            continue;
        }
        if (!response->refusedCode.isEmpty()) {
            // A gap means results this store has not recorded exist on the server; they
            // arrive with the next pull. A storage failure there is retried later.
            return SyncOutcome{ SyncOutcome::Status::Transient,
                                tr("The server did not take every change yet (%1); sync "
                                   "retries.")
                                        .arg(response->refusedCode),
                                {} };
        }
        if (response->results.isEmpty())
            return SyncOutcome{ SyncOutcome::Status::Transient,
                                tr("The server acknowledged no change; sync retries."),
                                {} };
    }
    return {};
}

namespace {

// The next page's request, sent while the current page is applied; discarded on every way
// out that does not use it.
class Prefetch
{
public:
    explicit Prefetch(SyncClient &client)
        : m_client(client)
    {
    }
    ~Prefetch() { drop(); }
    void start(const PullRequest &request)
    {
        drop();
        m_request = m_client.postLater(path("/api/v1/sync/pull"), request.toJson());
        m_active = true;
    }
    void drop()
    {
        if (m_active)
            m_client.discard(m_request);
        m_active = false;
    }
    // The prefetched answer if one was started for `cursor`, else a request made now.
    HttpAnswer answerFor(const PullRequest &request)
    {
        if (m_active
            && m_request.body.value(QStringLiteral("cursor")).toString() == request.cursor) {
            m_active = false;
            return m_client.await(m_request);
        }
        drop();
        return m_client.post(path("/api/v1/sync/pull"), request.toJson());
    }

private:
    SyncClient &m_client;
    SyncClient::InFlight m_request;
    bool m_active = false;
};

} // namespace

SyncOutcome SyncEngine::pull(SyncSummary &summary)
{
    int damagedPages = 0;
    Prefetch prefetch(m_client);
    while (!m_cancelled) {
        SyncState state;
        StoreError error;
        if (!m_store.load(&state, &error))
            return storeFailure(error);
        const PullRequest request{ state.clientId, state.cursor, pageSize, state.ackedMutation,
                                   state.firstMutation };
        const HttpAnswer answer = prefetch.answerFor(request);
        summary.bytes += answer.bytes;
        if (answer.status != 200)
            return fromAnswer(answer);
        QString problem;
        const std::optional<PullPage> page = PullPage::fromJson(answer.body, &problem);
        if (!page) {
            // A damaged page is fetched again with the same cursor (rule 12).
            if (++damagedPages > 3)
                return SyncOutcome{ SyncOutcome::Status::Transient, problem, {} };
            continue;
        }
        damagedPages = 0;
        if (page->mode == PullPage::Mode::Refetch) {
            // A restored server that forgot acknowledged edits gets them again first.
            if (page->forgottenAfter >= 0) {
                int requeued = 0;
                if (!m_store.reRegister(page->forgottenAfter + 1, &requeued, &error))
                    return storeFailure(error);
                summary.requeued += requeued;
            }
            // Too far behind, another epoch or a restored server: push what is pending
            // first (rule 13), then take a fresh snapshot and purge what it lacks.
            SyncOutcome pushed = push(summary);
            if (pushed.status != SyncOutcome::Status::Done)
                return pushed;
            if (!m_store.beginResnapshot(&error))
                return storeFailure(error);
            summary.resnapshot = true;
            continue;
        }
        // The server builds the next page while this one is written (the cursor the page
        // ends at is all the next request needs). Not after a snapshot's last page: the
        // search index is rebuilt then, for longer than a reply should wait.
        if (page->more && !page->endsSnapshot())
            prefetch.start(PullRequest{ state.clientId, page->cursor, pageSize, state.ackedMutation,
                                        state.firstMutation });
        if (!m_store.applyPage(*page, &error) || !m_store.applyResults(page->results, &error))
            return storeFailure(error);
        ++summary.pages;
        for (const Change &change : page->changes)
            ++(change.op == Change::Op::Remove ? summary.removals : summary.rowsPulled);
        const bool snapshotEnded = page->endsSnapshot();
        if (page->mode == PullPage::Mode::Snapshot) {
            // Counted across rounds: a resumed first sync goes on from where it was.
            SyncState after;
            if (!m_store.load(&after, &error))
                return storeFailure(error);
            emit progress(SyncPhase::Snapshot, after.snapshotDone,
                          after.snapshotTotal >= 0
                                  ? std::max(after.snapshotTotal, after.snapshotDone)
                                  : -1,
                          summary.bytes);
        } else {
            emit progress(SyncPhase::Pull, summary.rowsPulled, page->head, summary.bytes);
        }
        if (snapshotEnded && state.resnapshotActive) {
            SyncOutcome finished = finishResnapshot(summary);
            if (finished.status != SyncOutcome::Status::Done)
                return finished;
        }
        if (page->mode != PullPage::Mode::Snapshot || snapshotEnded) {
            // Also after a kill between the snapshot's last page and the rebuild.
            SyncOutcome indexed = buildDeferredSearchIndex(summary);
            if (indexed.status != SyncOutcome::Status::Done)
                return indexed;
        }
        if (!page->more)
            return {};
    }
    return {};
}

QString SyncEngine::phaseText(SyncPhase phase)
{
    switch (phase) {
    case SyncPhase::Push:
        return tr("sending changes");
    case SyncPhase::Snapshot:
        return tr("first download");
    case SyncPhase::Pull:
        return tr("receiving changes");
    case SyncPhase::Purge:
        return tr("removing records no longer shared");
    case SyncPhase::Index:
        return tr("building the search index");
    case SyncPhase::Waiting:
        return tr("waiting to retry");
    }
    return QString();
}

SyncOutcome SyncEngine::buildDeferredSearchIndex(SyncSummary &summary)
{
    StoreError error;
    bool deferred = false;
    if (!m_store.searchIndexDeferred(&deferred, &error))
        return storeFailure(error);
    if (!deferred)
        return {};
    emit progress(SyncPhase::Index, 0, -1, summary.bytes);
    if (!m_store.rebuildSearchIndex(&error))
        return storeFailure(error);
    return {};
}

SyncOutcome SyncEngine::finishResnapshot(SyncSummary &summary)
{
    int unseen = 0;
    int total = 0;
    StoreError error;
    if (!m_store.countUnseen(&unseen, &total, &error))
        return storeFailure(error);
    // Guard rail (rule 17): a re-snapshot that would delete most of this computer's
    // records stops and asks instead.
    if (!confirmLargePurge && total > 0 && double(unseen) > guardShare * double(total)) {
        return SyncOutcome{ SyncOutcome::Status::GuardRail,
                            tr("The server no longer sends %1 of the %2 records on this "
                               "computer. Nothing was deleted; confirm to remove them.")
                                    .arg(unseen)
                                    .arg(total),
                            {} };
    }
    emit progress(SyncPhase::Purge, 0, unseen, summary.bytes);
    int purged = 0;
    if (!m_store.finishResnapshot(&purged, &error))
        return storeFailure(error);
    summary.purged += purged;
    return {};
}

} // namespace branchline::sync
