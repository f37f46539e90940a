// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncService.h"

#include "ChangeLog.h"
#include "core/SqlValues.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace branchline::server {

// Where a client is in the stream. Opaque to clients: "s.<epoch>.<S>.<mark>.<table>.<after id>"
// while a snapshot at seq S is being streamed, "t.<epoch>.<seq>.<mark>" in the tail. The mark
// (ChangeLog::mark) tells the change at that seq apart from one a restored server logged
// under the same number. Cursors from before marks ("s.<epoch>.<S>.<table>.<after id>",
// "t.<epoch>.<seq>") are still taken, unchecked.
struct SyncService::Cursor
{
    bool snapshot = true;
    QString epoch;
    qint64 seq = 0;
    int table = 0;
    QString afterId;
    QString mark; // empty: not known (an old cursor)

    static std::optional<Cursor> parse(const QString &text)
    {
        const QStringList parts = text.split(QLatin1Char('.'));
        Cursor cursor;
        bool seqOk = false;
        bool tableOk = true;
        if ((parts.size() == 5 || parts.size() == 6) && parts[0] == QLatin1String("s")) {
            const int at = int(parts.size()) - 2;
            cursor.table = parts[at].toInt(&tableOk);
            cursor.afterId = parts[at + 1];
            if (parts.size() == 6)
                cursor.mark = parts[3];
        } else if ((parts.size() == 3 || parts.size() == 4) && parts[0] == QLatin1String("t")) {
            cursor.snapshot = false;
            if (parts.size() == 4)
                cursor.mark = parts[3];
        } else {
            return std::nullopt;
        }
        cursor.epoch = parts[1];
        cursor.seq = parts[2].toLongLong(&seqOk);
        if (!seqOk || !tableOk || cursor.table < 0
            || (parts.size() % 2 == 0 && cursor.mark.isEmpty()))
            return std::nullopt;
        return cursor;
    }

    QString text() const
    {
        if (!snapshot)
            return QStringLiteral("t.%1.%2.%3").arg(epoch).arg(seq).arg(mark);
        return QStringLiteral("s.%1.%2.%3.%4.%5")
                .arg(epoch)
                .arg(seq)
                .arg(mark)
                .arg(table)
                .arg(afterId);
    }
};

SyncService::SyncService(const Database &database)
    : m_database(database)
{
}

RecordOutcome SyncService::pull(const Caller &caller, const QJsonObject &body) const
{
    QString problem;
    if (!sync::versionsSupported(body, &problem))
        return RecordSupport::failure(426, QStringLiteral("upgrade_required"), problem);
    const std::optional<sync::PullRequest> request = sync::PullRequest::fromJson(body, &problem);
    if (!request)
        return RecordSupport::failure(400, QStringLiteral("malformed_request"), problem);

    QString error;
    QSqlDatabase db = m_database.connection(&error);
    if (!db.isOpen())
        return RecordSupport::storageFailure(error);
    SyncHead head;
    DataScope scope;
    qint64 lastMutation = 0;
    bool known = false;
    if (!ChangeLog::head(db, &head, &error) || !DataScope::resolve(db, caller, &scope, &error))
        return RecordSupport::storageFailure(error);
    if (auto refusal = refuseClient(db, caller, request->clientId, &lastMutation, &error, &known))
        return *refusal;
    if (!error.isEmpty())
        return RecordSupport::storageFailure(error);
    if (!known)
        lastMutation = request->firstMutation - 1;

    sync::PullPage page;
    page.epoch = head.epoch;
    page.head = head.lastSeq;
    if (!storedResults(db, request->clientId, request->ackedMutation, lastMutation, &page.results,
                       &error))
        return RecordSupport::storageFailure(error);

    std::optional<Cursor> cursor;
    if (request->cursor.isEmpty()) {
        cursor = Cursor{ true, head.epoch, head.lastSeq, 0, QString(), QString() };
        if (!ChangeLog::mark(db, cursor->seq, &cursor->mark, &error))
            return RecordSupport::storageFailure(error);
    } else {
        cursor = Cursor::parse(request->cursor);
    }
    // The client saw later mutations acknowledged than this database knows of: it was
    // restored from a backup. The client pushes them again under a new id (docs/sync.md),
    // then takes a fresh snapshot.
    if (request->ackedMutation > lastMutation) {
        page.mode = sync::PullPage::Mode::Refetch;
        page.forgottenAfter = lastMutation;
        return RecordOutcome{ 200, page.toJson() };
    }
    // Another epoch (a different or restored database), a cursor ahead of the log (restored
    // from a backup) or older than retention: start again from a snapshot (rules 13, 15).
    if (!cursor || cursor->epoch != head.epoch || cursor->seq > head.lastSeq
        || (!cursor->snapshot && cursor->seq < head.minSeq)
        || cursor->table > int(m_tables.inOrder().size())) {
        page.mode = sync::PullPage::Mode::Refetch;
        return RecordOutcome{ 200, page.toJson() };
    }
    // A restored server that has logged as many changes again as the lost one had: the
    // cursor's seq exists here, but names another change. Without this check the client
    // would go on from there and never see the restored server's changes before it.
    if (!cursor->mark.isEmpty() && cursor->mark != QLatin1String("-")) {
        QString here;
        if (!ChangeLog::mark(db, cursor->seq, &here, &error))
            return RecordSupport::storageFailure(error);
        if (here != QLatin1String("-") && here != cursor->mark) {
            page.mode = sync::PullPage::Mode::Refetch;
            return RecordOutcome{ 200, page.toJson() };
        }
    }
    const qint64 fromSeq = cursor->seq;
    // versionsSupported() has checked it: the tables this client's schema knows by name.
    const int schema = body.value(QStringLiteral("schema_version")).toInt();
    const bool ok = cursor->snapshot
            ? snapshotPage(db, caller, scope, schema, *cursor, request->pageSize, &page, &error)
            : tailPage(db, caller, scope, schema, head.lastSeq, *cursor, request->pageSize, &page,
                       &error);
    // A cursor that moved, or one from before marks, takes the mark of its (new) seq.
    if (!ok
        || ((cursor->seq != fromSeq || cursor->mark.isEmpty())
            && !ChangeLog::mark(db, cursor->seq, &cursor->mark, &error)))
        return RecordSupport::storageFailure(error);
    page.cursor = cursor->text();
    return RecordOutcome{ 200, page.toJson() };
}

bool SyncService::snapshotPage(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                               int schema, Cursor &cursor, int pageSize, sync::PullPage *page,
                               QString *error) const
{
    // Rows are read as they are now, which may be newer than S; the tail from S brings
    // every change after S again, and applying is idempotent (rule 12).
    page->mode = sync::PullPage::Mode::Snapshot;
    const QList<const SyncTable *> tables = m_tables.inOrder();
    if (cursor.table == 0 && cursor.afterId.isEmpty()) {
        // The first page says how big the whole snapshot is (the client's time left).
        page->snapshotTotal = 0;
        for (const SyncTable *table : tables) {
            if (sync::tableSchemaVersion(table->table()) > schema)
                continue;
            qint64 rows = 0;
            if (!table->count(db, caller, scope, &rows, error))
                return false;
            page->snapshotTotal += rows;
        }
    }
    while (cursor.table < tables.size()) {
        // A table newer than the client's schema: its store has nowhere to put the rows.
        if (sync::tableSchemaVersion(tables[cursor.table]->table()) > schema) {
            ++cursor.table;
            cursor.afterId.clear();
            continue;
        }
        const int room = pageSize - int(page->changes.size());
        const int before = int(page->changes.size());
        if (!tables[cursor.table]->snapshot(db, caller, scope, cursor.afterId, room, &page->changes,
                                            error))
            return false;
        if (int(page->changes.size()) - before == room) {
            cursor.afterId = page->changes.last().id;
            page->more = true;
            return true;
        }
        ++cursor.table;
        cursor.afterId.clear();
    }
    cursor.snapshot = false; // the snapshot is complete: the tail follows from S
    page->more = true;
    return true;
}

bool SyncService::tailPage(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                           int schema, qint64 headSeq, Cursor &cursor, int pageSize,
                           sync::PullPage *page, QString *error) const
{
    page->mode = sync::PullPage::Mode::Tail;
    QVariantList values{ cursor.seq };
    const QString now =
            scope.conditionOn(QStringLiteral("owner_id"), QStringLiteral("branch_id"), &values);
    const QString before = scope.conditionOn(QStringLiteral("prev_owner_id"),
                                             QStringLiteral("prev_branch_id"), &values);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT seq, table_name, record_id FROM change_log "
                                 "WHERE seq > ? AND (everyone = 1 OR %1 OR %2) "
                                 "ORDER BY seq LIMIT ?")
                          .arg(now, before));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(pageSize);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    // Each record once, at its latest seq in this page.
    QHash<QString, QStringList> idsByTable;
    QHash<QString, qint64> latest; // "table/id" -> seq
    int rows = 0;
    qint64 lastRead = cursor.seq;
    while (query.next()) {
        ++rows;
        lastRead = query.value(0).toLongLong();
        const QString table = query.value(1).toString();
        const QString id = query.value(2).toString();
        const QString key = table + QLatin1Char('/') + id;
        if (!latest.contains(key))
            idsByTable[table] << id;
        latest.insert(key, lastRead);
    }
    query.finish();
    for (auto it = idsByTable.cbegin(); it != idsByTable.cend(); ++it) {
        const SyncTable *table = m_tables.find(it.key());
        // Held back from an older client as in the snapshot; the cursor still passes them.
        if (!table || sync::tableSchemaVersion(it.key()) > schema)
            continue;
        QList<sync::Change> visible;
        if (!table->current(db, caller, scope, it.value(), &visible, error))
            return false;
        QSet<QString> seen;
        for (const sync::Change &change : std::as_const(visible)) {
            seen.insert(change.id);
            page->changes << change;
        }
        // Logged for this scope but not visible now: it left the scope (rule 11).
        for (const QString &id : it.value())
            if (!seen.contains(id))
                page->changes << sync::Change{ it.key(), id, sync::Change::Op::Remove, 0, {}, {} };
    }
    std::sort(page->changes.begin(), page->changes.end(),
              [&latest](const sync::Change &a, const sync::Change &b) {
                  return latest.value(a.table + QLatin1Char('/') + a.id)
                          < latest.value(b.table + QLatin1Char('/') + b.id);
              });
    page->more = rows == pageSize;
    // Every seq up to the head read before this query had committed, so a short page may
    // move the cursor to the head even if nothing in scope was there.
    cursor.seq = page->more ? lastRead : std::max(lastRead, headSeq);
    return true;
}

bool SyncService::storedResults(QSqlDatabase &db, const QString &clientId, qint64 after,
                                qint64 upTo, QList<sync::MutationResult> *results,
                                QString *error) const
{
    if (after >= upTo)
        return true;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT mutation, outcome, code, message, seq, conflicts FROM "
                                 "sync_results WHERE client_id = ? AND mutation > ? "
                                 "ORDER BY mutation LIMIT 1000"));
    query.addBindValue(clientId);
    query.addBindValue(after);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        sync::MutationResult result;
        result.mutation = query.value(0).toLongLong();
        result.outcome =
                sync::outcomeFromName(query.value(1).toString()).value_or(sync::Outcome::Rejected);
        result.code = query.value(2).toString();
        result.message = query.value(3).toString();
        result.seq = query.value(4).toLongLong();
        result.conflicts = query.value(5).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        results->append(result);
    }
    return true;
}

std::optional<RecordOutcome> SyncService::refuseClient(QSqlDatabase &db, const Caller &caller,
                                                       const QString &clientId,
                                                       qint64 *lastMutation, QString *error,
                                                       bool *known) const
{
    // On PostgreSQL the row lock serialises two pushes from the same client.
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT user_id, last_mutation FROM sync_clients "
                                 "WHERE client_id = ?%1")
                          .arg(Database::forUpdate(db)));
    query.addBindValue(clientId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    *lastMutation = 0;
    if (known)
        *known = false;
    if (!query.next())
        return std::nullopt;
    if (known)
        *known = true;
    if (query.value(0).toString() != caller.userId)
        return RecordSupport::failure(403, QStringLiteral("client_mismatch"),
                                      tr("This device id belongs to another user. Sign in again "
                                         "on this computer to sync."));
    *lastMutation = query.value(1).toLongLong();
    return std::nullopt;
}

RecordOutcome SyncService::push(const Caller &caller, const QJsonObject &body) const
{
    QString problem;
    if (!sync::versionsSupported(body, &problem))
        return RecordSupport::failure(426, QStringLiteral("upgrade_required"), problem);
    const std::optional<sync::PushRequest> request = sync::PushRequest::fromJson(body, &problem);
    if (!request)
        return RecordSupport::failure(400, QStringLiteral("malformed_request"), problem);

    sync::PushResponse response;
    std::optional<RecordOutcome> refusal;
    int next = 0;
    while (next < request->mutations.size() && !refusal && response.refusedCode.isEmpty()) {
        QString error;
        const int first = next;
        const bool ok = m_database.inTransaction(
                [&](QSqlDatabase &db, QString *txError) {
                    qint64 last = 0;
                    refusal = refuseClient(db, caller, request->clientId, &last, txError);
                    if (refusal)
                        return true;
                    if (!txError->isEmpty())
                        return false;
                    if (last == 0) {
                        // A client id seen for the first time starts at the number its
                        // store gives (1, or where it re-registered after a server
                        // restore, docs/sync.md); then its numbers follow without a gap.
                        const qint64 start = request->firstMutation - 1;
                        QSqlQuery insert(db);
                        insert.prepare(QStringLiteral(
                                "INSERT INTO sync_clients (client_id, user_id, last_mutation, "
                                "created_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS "
                                "(SELECT 1 FROM sync_clients WHERE client_id = ?)"));
                        insert.addBindValue(request->clientId);
                        insert.addBindValue(caller.userId);
                        insert.addBindValue(start);
                        insert.addBindValue(RecordSupport::now());
                        insert.addBindValue(request->clientId);
                        if (!insert.exec()) {
                            *txError = insert.lastError().text();
                            return false;
                        }
                        if (insert.numRowsAffected() == 1)
                            last = start;
                    }
                    DataScope scope;
                    if (!DataScope::resolve(db, caller, &scope, txError))
                        return false;
                    QList<sync::MutationResult> repeats;
                    const qint64 firstNumber = request->mutations[first].number;
                    if (firstNumber <= last
                        && !storedResults(db, request->clientId, firstNumber - 1, last, &repeats,
                                          txError))
                        return false;
                    int applied = 0;
                    while (next < request->mutations.size() && applied < mutationsPerTransaction) {
                        const sync::Mutation &mutation = request->mutations[next];
                        if (mutation.number <= last) {
                            // A repeat: acknowledged with its stored result, never applied
                            // twice (rule 4).
                            for (const sync::MutationResult &stored : std::as_const(repeats))
                                if (stored.mutation == mutation.number)
                                    response.results << stored;
                            ++next;
                            continue;
                        }
                        if (mutation.number != last + 1) {
                            response.refusedCode = QStringLiteral("mutation_gap");
                            response.expected = last + 1;
                            break;
                        }
                        // A savepoint per mutation: a storage failure undoes only that one,
                        // and the ones before it still commit with their results.
                        QSqlQuery savepoint(db);
                        savepoint.exec(QStringLiteral("SAVEPOINT mutation"));
                        sync::MutationResult result;
                        result.mutation = mutation.number;
                        QString mutationError;
                        if (!applyOne(db, caller, scope, request->clientId, mutation, &result,
                                      &mutationError)) {
                            savepoint.exec(QStringLiteral("ROLLBACK TO SAVEPOINT mutation"));
                            *txError = mutationError;
                            response.refusedCode = QStringLiteral("storage_failure");
                            response.expected = last + 1;
                            break;
                        }
                        savepoint.exec(QStringLiteral("RELEASE SAVEPOINT mutation"));
                        response.results << result;
                        last = mutation.number;
                        ++applied;
                        ++next;
                    }
                    QSqlQuery update(db);
                    update.prepare(QStringLiteral(
                            "UPDATE sync_clients SET last_mutation = ? WHERE client_id = ?"));
                    update.addBindValue(last);
                    update.addBindValue(request->clientId);
                    if (!update.exec()) {
                        *txError = update.lastError().text();
                        return false;
                    }
                    response.lastMutation = last;
                    txError->clear(); // a failed mutation was undone; the rest commits
                    return true;
                },
                &error);
        if (!ok)
            return RecordSupport::storageFailure(error);
    }
    if (refusal)
        return *refusal;
    return RecordOutcome{ 200, response.toJson() };
}

bool SyncService::applyOne(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                           const QString &clientId, const sync::Mutation &mutation,
                           sync::MutationResult *result, QString *error) const
{
    const SyncTable *table = m_tables.find(mutation.table);
    if (!table) {
        *error = tr("Unknown table.");
        return false;
    }
    const MutationContext context{ caller, scope, clientId, m_tables };
    if (!table->apply(db, context, mutation, result, error))
        return false;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO sync_results (client_id, mutation, outcome, code, "
                                 "message, seq, conflicts) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(clientId);
    query.addBindValue(mutation.number);
    query.addBindValue(sync::outcomeName(result->outcome));
    query.addBindValue(textValue(result->code));
    query.addBindValue(textValue(result->message));
    query.addBindValue(result->seq);
    query.addBindValue(textValue(result->conflicts.join(QLatin1Char(','))));
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace branchline::server
