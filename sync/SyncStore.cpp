// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncStore.h"

#include "LocalJournal.h"
#include "PageApplier.h"
#include "SentHistory.h"
#include "repositories/Outbox.h"
#include "search/SearchIndex.h"
#include "store/LocalTransaction.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcSyncStore, "branchline.sync.store")

namespace branchline::sync {

namespace {

const QString keyClientId = QStringLiteral("sync.client_id");
const QString keyEpoch = QStringLiteral("sync.epoch");
const QString keyCursor = QStringLiteral("sync.cursor");
const QString keyAcked = QStringLiteral("sync.acked_mutation");
const QString keyFirstMutation = QStringLiteral("sync.first_mutation");
const QString keySnapshotTotal = QStringLiteral("sync.snapshot_total");
const QString keySnapshotDone = QStringLiteral("sync.snapshot_done");
const QString keyLastSync = QStringLiteral("sync.last_sync_at");
const QString keyResnapshot = QStringLiteral("sync.resnapshot_active");

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

bool run(QSqlQuery &query, StoreError *error)
{
    if (query.exec())
        return true;
    if (error)
        *error = StoreError::fromSql(query.lastError());
    return false;
}

// A single number from `sql` with its bound values; -1 on failure.
qint64 scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
              StoreError *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!run(query, error))
        return -1;
    if (!query.next()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return -1;
    }
    return query.value(0).toLongLong();
}

} // namespace

SyncStore::SyncStore(QSqlDatabase db)
    : m_db(std::move(db))
    , m_applier(std::make_unique<PageApplier>(m_db))
{
}

SyncStore::~SyncStore() = default;

void SyncStore::setUserId(const QString &userId)
{
    m_userId = userId;
    m_applier->setUserId(userId);
}

StoreError SyncStore::refusal(const QString &detail, const QString &message) const
{
    StoreError error = StoreError::make(StoreError::Kind::Other, detail);
    error.message = message;
    return error;
}

bool SyncStore::setMeta(const QString &key, const QString &value, StoreError *error)
{
    // store_meta is bookkeeping, not a record table: replacing its row is safe.
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    return run(query, error);
}

bool SyncStore::load(SyncState *state, StoreError *error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT key, value FROM store_meta WHERE key LIKE 'sync.%'"))) {
        *error = StoreError::fromSql(query.lastError());
        return false;
    }
    QHash<QString, QString> values;
    while (query.next())
        values.insert(query.value(0).toString(), query.value(1).toString());
    query.finish();

    *state = SyncState();
    state->clientId = values.value(keyClientId);
    state->epoch = values.value(keyEpoch);
    state->cursor = values.value(keyCursor);
    state->ackedMutation = values.value(keyAcked).toLongLong();
    state->firstMutation = qMax<qint64>(1, values.value(keyFirstMutation).toLongLong());
    state->snapshotTotal = values.value(keySnapshotTotal, QStringLiteral("-1")).toLongLong();
    state->snapshotDone = values.value(keySnapshotDone).toLongLong();
    state->resnapshotActive = values.value(keyResnapshot) == QLatin1String("1");
    state->lastSyncAt = QDateTime::fromString(values.value(keyLastSync), Qt::ISODateWithMs);
    if (state->clientId.isEmpty()) {
        const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!setMeta(keyClientId, clientId, error))
            return false;
        state->clientId = clientId;
        qCInfo(lcSyncStore) << "made a new sync client id";
    }
    m_applier->setClientId(state->clientId);
    return true;
}

bool SyncStore::readMeta(const QStringList &keys, QHash<QString, QString> *values,
                         StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    QStringList marks;
    for (int i = 0; i < keys.size(); ++i)
        marks << QStringLiteral("?");
    query.prepare(QStringLiteral("SELECT key, value FROM store_meta WHERE key IN (%1)")
                          .arg(marks.join(QLatin1Char(','))));
    for (const QString &key : keys)
        query.addBindValue(key);
    if (!run(query, error))
        return false;
    while (query.next())
        values->insert(query.value(0).toString(), query.value(1).toString());
    return true;
}

bool SyncStore::applyPage(const PullPage &page, StoreError *error)
{
    LocalTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;
    QHash<QString, QString> meta;
    if (!readMeta({ keyResnapshot, keyClientId, keySnapshotDone }, &meta, error))
        return false;
    // How far the snapshot is, kept with its pages so a resumed one counts on.
    if (page.mode == PullPage::Mode::Snapshot) {
        const qint64 done = (page.snapshotTotal >= 0 ? 0 : meta.value(keySnapshotDone).toLongLong())
                + page.changes.size();
        if ((page.snapshotTotal >= 0
             && !setMeta(keySnapshotTotal, QString::number(page.snapshotTotal), error))
            || !setMeta(keySnapshotDone, QString::number(done), error))
            return false;
    }
    m_applier->setClientId(meta.value(keyClientId));
    const bool markSeen = meta.value(keyResnapshot) == QLatin1String("1")
            && page.mode == PullPage::Mode::Snapshot;
    // Row-by-row indexing is most of a snapshot page's cost; the index is rebuilt after it.
    if (page.mode == PullPage::Mode::Snapshot && !SearchIndex(m_db).defer(error))
        return false;
    // The cursor is saved with the rows it covers (rule 12): a kill resumes from the last
    // whole page.
    if (!m_applier->apply(page, markSeen, error) || !setMeta(keyEpoch, page.epoch, error)
        || !setMeta(keyCursor, page.cursor, error) || !setMeta(keyLastSync, nowText(), error)
        || !transaction.commit(error)) {
        qCWarning(lcSyncStore) << "a pulled page was not applied:" << error->detail;
        return false;
    }
    return true;
}

bool SyncStore::searchIndexDeferred(bool *deferred, StoreError *error) const
{
    StoreError failure;
    *deferred = SearchIndex(m_db).isDeferred(&failure);
    if (failure.isError()) {
        *error = failure;
        return false;
    }
    return true;
}

bool SyncStore::rebuildSearchIndex(StoreError *error)
{
    QElapsedTimer timer;
    timer.start();
    if (!SearchIndex(m_db).rebuild(error))
        return false;
    qCInfo(lcSyncStore) << "rebuilt the search index in" << timer.elapsed() << "ms";
    return true;
}

QList<Mutation> SyncStore::pendingMutations(int limit, StoreError *error) const
{
    QList<Mutation> mutations;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT mutation, table_name, record_id, op, fields, base, "
                                 "base_version, created_at FROM outbox ORDER BY mutation "
                                 "LIMIT ?"));
    query.addBindValue(qMax(0, limit));
    if (!run(query, error))
        return mutations;
    while (query.next()) {
        Mutation mutation;
        mutation.number = query.value(0).toLongLong();
        mutation.table = query.value(1).toString();
        mutation.id = query.value(2).toString();
        // The CHECK constraint allows only the four names.
        mutation.op = mutationOpFromName(query.value(3).toString()).value_or(Mutation::Op::Update);
        mutation.fields = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
        versionsFromJson(QJsonDocument::fromJson(query.value(5).toString().toUtf8()).object(),
                         &mutation.base);
        mutation.baseVersion = query.value(6).toLongLong();
        mutation.at = query.value(7).toString();
        mutations << mutation;
    }
    return mutations;
}

int SyncStore::pendingCount(StoreError *error) const
{
    return int(scalar(m_db, QStringLiteral("SELECT count(*) FROM outbox"), {}, error));
}

bool SyncStore::isPending(const QString &table, const QString &id) const
{
    return scalar(m_db,
                  QStringLiteral("SELECT EXISTS (SELECT 1 FROM outbox "
                                 "WHERE table_name = ? AND record_id = ?)"),
                  { table, id }, nullptr)
            > 0;
}

bool SyncStore::applyResults(const QList<MutationResult> &results, StoreError *error)
{
    if (results.isEmpty())
        return true;
    LocalTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;
    QHash<QString, QString> meta;
    if (!readMeta({ keyAcked }, &meta, error))
        return false;
    qint64 acked = meta.value(keyAcked).toLongLong();
    QList<qint64> answered;
    LocalJournal journal(m_db, m_applier->clientId(), m_userId);
    for (const MutationResult &result : results) {
        answered << result.mutation;
        acked = qMax(acked, result.mutation);
        // A refusal the server journalled reaches the conflict screen with the next pull; one
        // it did not (a record this user may not see) is journalled here, from the outbox.
        if (result.outcome == Outcome::Rejected && result.conflicts.isEmpty()
            && !journal.addRefused(result.mutation, result.code, result.message, error))
            return false;
    }
    return SentHistory(m_db).keep(answered, QDateTime::currentDateTimeUtc(), error)
            && setMeta(keyAcked, QString::number(acked), error) && transaction.commit(error);
}

bool SyncStore::reRegister(qint64 expected, int *requeued, StoreError *error)
{
    LocalTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;
    const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!SentHistory(m_db).requeue(expected, requeued, error))
        return false;
    // The new id starts at the first number this store will send: the lowest in the outbox,
    // or the next one the outbox hands out. Numbers from `expected` up to it that the store
    // no longer has (history past its retention, edits journalled when their record left
    // the scope) would otherwise be a gap no push ever fills.
    const qint64 first =
            scalar(m_db,
                   QStringLiteral("SELECT coalesce((SELECT min(mutation) FROM outbox), "
                                  "(SELECT seq + 1 FROM sqlite_sequence "
                                  "WHERE name = 'outbox'), ?)"),
                   { qMax<qint64>(1, expected) }, error);
    if (first < 1 || !setMeta(keyClientId, clientId, error)
        || !setMeta(keyFirstMutation, QString::number(first), error)
        || !setMeta(keyAcked, QString::number(first - 1), error) || !transaction.commit(error))
        return false;
    m_applier->setClientId(clientId);
    qCWarning(lcSyncStore) << "the server expects mutation" << expected
                           << "(restored from a backup, or an edit journalled unsent):"
                           << "re-registered from" << first << "pushing" << *requeued
                           << "acknowledged ones again";
    return true;
}

bool SyncStore::recordAttemptFailure(const QList<qint64> &mutations, const QString &error,
                                     StoreError *storeError)
{
    LocalTransaction transaction(m_db);
    if (!transaction.begin(storeError))
        return false;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_error = ? "
                                 "WHERE mutation = ?"));
    for (qint64 mutation : mutations) {
        query.bindValue(0, error);
        query.bindValue(1, mutation);
        if (!run(query, storeError))
            return false;
    }
    return transaction.commit(storeError);
}

bool SyncStore::beginResnapshot(StoreError *error)
{
    LocalTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;
    QSqlQuery clear(m_db);
    if (!clear.exec(QStringLiteral("DELETE FROM sync_snapshot_seen"))) {
        *error = StoreError::fromSql(clear.lastError());
        return false;
    }
    qCInfo(lcSyncStore) << "re-snapshot started";
    return setMeta(keyCursor, QString(), error)
            && setMeta(keyResnapshot, QStringLiteral("1"), error) && transaction.commit(error);
}

QString SyncStore::unseenCondition(const QString &table)
{
    // `table` comes from syncedTables(), never from the wire. Rows never synced (version 0)
    // exist only here: a snapshot cannot contain them, so they are never purged.
    return QStringLiteral("%1.version > 0 AND NOT EXISTS (SELECT 1 FROM sync_snapshot_seen s "
                          "WHERE s.table_name = '%1' AND s.record_id = %1.id)")
            .arg(table);
}

bool SyncStore::countUnseen(int *unseen, int *total, StoreError *error) const
{
    *unseen = 0;
    *total = 0;
    StoreError local;
    const QStringList tables = m_applier->localRecordTables(&local);
    if (local.isError()) {
        *error = local;
        return false;
    }
    for (const QString &table : tables) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT count(*), coalesce(sum(%2), 0) FROM %1 "
                                       "WHERE %1.deleted = 0")
                                .arg(table, unseenCondition(table)))
            || !query.next()) {
            *error = StoreError::fromSql(query.lastError());
            return false;
        }
        *total += query.value(0).toInt();
        *unseen += query.value(1).toInt();
    }
    return true;
}

bool SyncStore::finishResnapshot(int *purged, StoreError *error)
{
    *purged = 0;
    LocalTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;
    QHash<QString, QString> meta;
    if (!readMeta({ keyClientId }, &meta, error))
        return false;
    m_applier->setClientId(meta.value(keyClientId));
    StoreError local;
    const QStringList tables = m_applier->localRecordTables(&local);
    if (local.isError()) {
        *error = local;
        return false;
    }
    int count = 0;
    for (const QString &table : tables) {
        const QString unseen = unseenCondition(table);
        // Pending edits of the rows about to go are journalled, not dropped (rule 11).
        QSqlQuery edited(m_db);
        edited.setForwardOnly(true);
        if (!edited.exec(QStringLiteral("SELECT DISTINCT o.record_id FROM outbox o "
                                        "JOIN %1 ON %1.id = o.record_id "
                                        "WHERE o.table_name = '%1' AND %2")
                                 .arg(table, unseen))) {
            *error = StoreError::fromSql(edited.lastError());
            return false;
        }
        QStringList ids;
        while (edited.next())
            ids << edited.value(0).toString();
        edited.finish();
        for (const QString &id : std::as_const(ids))
            if (!m_applier->journalPendingEdits(table, id, error))
                return false;

        QSqlQuery purge(m_db);
        if (!purge.exec(QStringLiteral("DELETE FROM field_versions WHERE table_name = '%1' "
                                       "AND record_id IN (SELECT id FROM %1 WHERE %2)")
                                .arg(table, unseen))
            || !purge.exec(QStringLiteral("DELETE FROM %1 WHERE %2").arg(table, unseen))) {
            *error = StoreError::fromSql(purge.lastError());
            return false;
        }
        count += purge.numRowsAffected();
    }
    QSqlQuery clear(m_db);
    if (!clear.exec(QStringLiteral("DELETE FROM sync_snapshot_seen"))) {
        *error = StoreError::fromSql(clear.lastError());
        return false;
    }
    if (!setMeta(keyResnapshot, QStringLiteral("0"), error) || !transaction.commit(error))
        return false;
    *purged = count;
    qCInfo(lcSyncStore) << "re-snapshot finished, purged" << count << "rows";
    return true;
}

int SyncStore::unresolvedConflictCount(StoreError *error) const
{
    return int(scalar(m_db,
                      QStringLiteral("SELECT count(*) FROM sync_conflicts "
                                     "WHERE resolution IS NULL AND deleted = 0"),
                      {}, error));
}

bool SyncStore::resolveConflict(const QString &conflictId, const QString &resolution,
                                const QJsonValue &mergedValue, StoreError *error)
{
    const QStringList known{ QStringLiteral("mine"), QStringLiteral("theirs"),
                             QStringLiteral("merged") };
    if (!known.contains(resolution)) {
        *error = refusal(QStringLiteral("unknown resolution"),
                         tr("Choose whether to keep your value, the other value, or a merged "
                            "value."));
        return false;
    }
    if (resolution == QLatin1String("merged") && mergedValue.isUndefined()) {
        *error = refusal(QStringLiteral("merged without a value"),
                         tr("A merged resolution needs the merged value."));
        return false;
    }

    LocalTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;
    QSqlQuery find(m_db);
    find.setForwardOnly(true);
    find.prepare(QStringLiteral("SELECT resolution, origin, version FROM sync_conflicts "
                                "WHERE id = ? AND deleted = 0"));
    find.addBindValue(conflictId);
    if (!run(find, error))
        return false;
    if (!find.next()) {
        *error = refusal(QStringLiteral("no conflict %1").arg(conflictId),
                         tr("This conflict is no longer on this computer."));
        return false;
    }
    const bool resolved = !find.value(0).isNull();
    const bool local = find.value(1).toString() == QLatin1String("local");
    const qint64 version = find.value(2).toLongLong();
    find.finish();
    if (resolved) {
        *error = refusal(QStringLiteral("conflict %1 already resolved").arg(conflictId),
                         tr("This conflict has already been resolved."));
        return false;
    }

    const QString now = nowText();
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral("UPDATE sync_conflicts SET resolution = ?, resolver_id = ?, "
                                  "resolved_at = ?, updated_at = ? "
                                  "WHERE id = ? AND resolution IS NULL"));
    update.addBindValue(resolution);
    update.addBindValue(m_userId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                           : QVariant(m_userId));
    update.addBindValue(now);
    update.addBindValue(now);
    update.addBindValue(conflictId);
    if (!run(update, error))
        return false;
    // A local entry (a record that left this user's scope) is unknown to the server: it is
    // settled here only.
    if (!local) {
        const QJsonObject fields{ { QStringLiteral("resolution"), resolution },
                                  { QStringLiteral("value"),
                                    mergedValue.isUndefined() ? QJsonValue() : mergedValue } };
        if (!Outbox(m_db).append(QStringLiteral("sync_conflicts"), conflictId,
                                 QStringLiteral("resolve"), fields, {}, version, error))
            return false;
    }
    return transaction.commit(error);
}

} // namespace branchline::sync
