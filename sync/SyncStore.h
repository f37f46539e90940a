// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/SyncProtocol.h"
#include "store/StoreError.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace branchline::sync {

class PageApplier;

// What the client remembers between sync rounds (store_meta, keys sync.*).
struct SyncState
{
    QString clientId; // this store's id towards the server, a UUID made on first use
    QString epoch; // the server database's epoch the cursor belongs to (rule 15)
    QString cursor; // empty: the next pull starts a snapshot
    qint64 ackedMutation = 0; // the highest mutation whose result arrived
    qint64 firstMutation = 1; // the first number under this client id (see reRegister)
    // The latest snapshot's size as the server counted it on its first page (-1: unknown),
    // and the rows applied of it so far: a first sync's progress and time left.
    qint64 snapshotTotal = -1;
    qint64 snapshotDone = 0;
    bool resnapshotActive = false; // a re-snapshot is filling sync_snapshot_seen
    QDateTime lastSyncAt; // when a page was last applied, UTC; invalid: never
};

// The client store's side of sync (docs/sync.md): applies pulled pages, hands the outbox
// to the engine in order and retires it by results, purges after a re-snapshot, and keeps
// the local conflict journal. Every method that writes is one transaction: all or nothing.
//
// Works on the caller's connection and must stay on the thread that uses it; destroy it
// before the connection is closed (it keeps prepared statements). Record values are never
// logged.
class SyncStore
{
    Q_DECLARE_TR_FUNCTIONS(SyncStore)

public:
    explicit SyncStore(QSqlDatabase db);
    ~SyncStore();
    SyncStore(const SyncStore &) = delete;
    SyncStore &operator=(const SyncStore &) = delete;

    // The signed-in user: recorded as resolver and as the user of local journal rows.
    void setUserId(const QString &userId);
    QString userId() const { return m_userId; }

    // Reads the sync state; makes and stores sync.client_id on first use.
    bool load(SyncState *state, StoreError *error);

    // Applies every change of a page, then saves its epoch and cursor and the time, in one
    // transaction; nothing of it when anything fails. Pending outbox edits stay on top of
    // newer server values (rule 14); a removed record's pending edits are journalled as
    // 'scope_removed' (rule 11). The page's results are for applyResults().
    bool applyPage(const PullPage &page, StoreError *error);

    // A snapshot page defers the search index (models/search/SearchIndex); once the
    // snapshot is complete the engine rebuilds it in one go.
    bool searchIndexDeferred(bool *deferred, StoreError *error) const;
    bool rebuildSearchIndex(StoreError *error);

    // The outbox in mutation order, as protocol mutations (at = created_at).
    QList<Mutation> pendingMutations(int limit, StoreError *error) const;
    int pendingCount(StoreError *error = nullptr) const;
    // Whether the record has an edit the server has not answered yet (the UI's marker).
    bool isPending(const QString &table, const QString &id) const;

    // Every outcome ends a mutation's outbox life (it moves to the sent history): conflicts
    // and rejections come back as journal rows through pull. Also raises sync.acked_mutation to the
    // highest number seen.
    bool applyResults(const QList<MutationResult> &results, StoreError *error);
    // The server expects mutation `expected`, which this store no longer has pending: it
    // was answered by a server since restored from a backup (docs/sync.md), or it never
    // will be (journalled when its record left the scope). Puts the acknowledged mutations
    // from `expected` on back into the outbox (SentHistory) and takes a new client id whose
    // numbers start at the first one the store will send, all in one transaction.
    bool reRegister(qint64 expected, int *requeued, StoreError *error);
    // A push that failed as a whole: attempts + 1 and the reason, for the listed mutations.
    bool recordAttemptFailure(const QList<qint64> &mutations, const QString &error,
                              StoreError *storeError);

    // Refetch (rules 13, 15): forget the cursor and the seen ids, mark the re-snapshot.
    bool beginResnapshot(StoreError *error);
    // Live rows the re-snapshot has not delivered (what finishResnapshot would purge), and
    // all live rows, for the guard rail (rule 17). Rows never synced are not counted.
    bool countUnseen(int *unseen, int *total, StoreError *error) const;
    // Purges the synced rows the re-snapshot did not deliver (journalling their pending
    // edits), clears the seen ids and the flag. The conflict journal is never purged.
    bool finishResnapshot(int *purged, StoreError *error);

    int unresolvedConflictCount(StoreError *error = nullptr) const;
    // Resolves a journal entry: the resolution locally and, for a server entry, a 'resolve'
    // mutation {"resolution", "value"} in the same transaction. `resolution` is mine,
    // theirs or merged (merged needs a value). Refuses an unknown or resolved entry.
    bool resolveConflict(const QString &conflictId, const QString &resolution,
                         const QJsonValue &mergedValue, StoreError *error);

private:
    bool readMeta(const QStringList &keys, QHash<QString, QString> *values,
                  StoreError *error) const;
    static QString unseenCondition(const QString &table);
    bool setMeta(const QString &key, const QString &value, StoreError *error);
    StoreError refusal(const QString &detail, const QString &message) const;

    QSqlDatabase m_db;
    QString m_userId;
    std::unique_ptr<PageApplier> m_applier;
};

} // namespace branchline::sync
