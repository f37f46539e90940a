// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChangeLog.h"
#include "ConflictJournal.h"
#include "JournalValues.h"
#include "KindTraits.h"
#include "SyncMessages.h"
#include "SyncTable.h"
#include "core/AuditLog.h"
#include "core/SqlValues.h"
#include "gate/WriteGate.h"
#include "records/RecordRows.h"
#include "records/RecordSupport.h"
#include "domain/rules/RecordValidator.h"

#include <QJsonArray>

#include <optional>

namespace branchline::server {

// A record kind (CustomerJson, LeadJson, ...) as a synced table. Mutations follow the sync
// rules: fields merge one by one; a same-field race goes to the later edit and the loser to
// the journal (rule 6); a stale sensitive field is refused and journalled (rule 7); edit
// against delete is a conflict (rule 9); append-only kinds merge as sets (rule 8); anything
// refused is journalled too, so no edit is ever dropped. A kind may add the optional parts
// of KindTraits.h (read-only on clients, refusals of its own, fields the server stamps).
template<typename Kind>
class SyncTableOf : public SyncTable
{
public:
    using Record = typename Kind::Record;

    QString table() const override { return Kind::table(); }

    bool snapshot(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                  const QString &afterId, int limit, QList<sync::Change> *changes,
                  QString *error) const override
    {
        QVariantList values;
        const QString condition = Kind::scopeCondition(scope, &values);
        values << textValue(afterId) << limit; // a null QString would bind as NULL
        return select(
                db, caller,
                QStringLiteral("deleted = 0 AND %1 AND id > ? ORDER BY id LIMIT ?").arg(condition),
                values, changes, error);
    }

    bool count(QSqlDatabase &db, const Caller &, const DataScope &scope, qint64 *rows,
               QString *error) const override
    {
        QVariantList values;
        const QString condition = Kind::scopeCondition(scope, &values);
        return countRows(db, Kind::table(), QStringLiteral("deleted = 0 AND %1").arg(condition),
                         values, rows, error);
    }

    bool current(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                 const QStringList &ids, QList<sync::Change> *changes,
                 QString *error) const override
    {
        if (ids.isEmpty())
            return true;
        QVariantList values;
        for (const QString &id : ids)
            values << id;
        const QString condition = Kind::scopeCondition(scope, &values);
        return select(db, caller,
                      QStringLiteral("id IN (%1) AND %2").arg(placeholders(ids.size()), condition),
                      values, changes, error);
    }

    bool apply(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
               sync::MutationResult *result, QString *error) const override
    {
        const WriteActor actor = actorOf(context, WriteChannel::Sync);
        Record current;
        bool found = false;
        if (!RecordRows<Kind>::load(db, mutation.id, &current, &found, error))
            return false;
        bool visible = false;
        if (found
            && !WriteGate<Kind>::load(db, actor, mutation.id, &current, &visible, true, error))
            return false;
        // A record the caller cannot see is refused as if it did not exist, and nothing of it
        // is journalled: a journal entry would name it, and resolving the entry would write
        // it (the client keeps the refused edit in its own journal).
        if (found && !visible) {
            refuseMutation(result,
                           mutation.op == sync::Mutation::Op::Insert ? QStringLiteral("id_taken")
                                                                     : QStringLiteral("not_found"),
                           mutation.op == sync::Mutation::Op::Insert ? SyncMessages::idTaken()
                                                                     : SyncMessages::notFound());
            return true;
        }
        ScopeKeys keys;
        if (found && !Kind::scopeKeys(db, current, &keys, error))
            return false;
        const ScopeKeys *journalKeys = found ? &keys : nullptr;
        if (auto refused = WriteGate<Kind>::refuseKind(actor))
            return reject(db, context, mutation, *refused, journalKeys, result, error);
        switch (mutation.op) {
        case sync::Mutation::Op::Insert:
            if (!found)
                return insert(db, context, mutation, result, error);
            if (sync::isAppendOnly(Kind::table()))
                return true; // the same entry again: sets merge (rule 8)
            if constexpr (InsertOfExistingUpdates<Kind>::value)
                return update(db, context, mutation, current, keys, result, error);
            return reject(db, context, mutation,
                          WriteGateSupport::forbidden(QStringLiteral("id_taken"),
                                                      SyncMessages::idTaken()),
                          &keys, result, error);
        case sync::Mutation::Op::Update:
            if (!found) {
                refuseMutation(result, QStringLiteral("not_found"), SyncMessages::notFound());
                return true;
            }
            return update(db, context, mutation, current, keys, result, error);
        case sync::Mutation::Op::Delete:
            if (!found) {
                refuseMutation(result, QStringLiteral("not_found"), SyncMessages::notFound());
                return true;
            }
            return remove(db, context, mutation, current, keys, result, error);
        case sync::Mutation::Op::Resolve:
            break;
        }
        return reject(db, context, mutation, WriteGateSupport::readOnly(SyncMessages::readOnly()),
                      journalKeys, result, error);
    }

    bool resolveWith(QSqlDatabase &db, const MutationContext &context, const QString &id,
                     const QJsonObject &fields, bool deleteRecord, sync::MutationResult *result,
                     QString *error) const override
    {
        const WriteActor actor = actorOf(context, WriteChannel::Resolution);
        Record current;
        bool visible = false;
        if (!WriteGate<Kind>::load(db, actor, id, &current, &visible, true, error))
            return false;
        if (!visible) {
            refuseMutation(result, QStringLiteral("not_found"), SyncMessages::notFound());
            return true;
        }
        std::optional<WriteRefusal> refusal;
        if (deleteRecord) {
            if (!WriteGate<Kind>::remove(db, actor, current, &refusal, error))
                return false;
            if (!refusal) {
                result->seq = current.meta.version;
                return readVersion(db, id, &result->seq, error);
            }
        } else {
            Record record = current;
            QStringList set;
            QString problem;
            if (!Kind::apply(SyncRows::toApi(fields, sample()), &record, &set, &problem)) {
                refuseMutation(result, QStringLiteral("bad_field"), problem);
                return true;
            }
            QStringList changed;
            if (!WriteGate<Kind>::update(db, actor, current, record, set, &refusal, &changed,
                                         error))
                return false;
            if (!refusal) {
                result->seq = record.meta.version;
                return true;
            }
        }
        refuseMutation(result, refusal->code, refusal->message);
        return true;
    }

private:
    static WriteActor actorOf(const MutationContext &context, WriteChannel channel)
    {
        WriteActor actor;
        actor.caller = context.caller;
        actor.scope = context.scope;
        actor.channel = channel;
        return actor;
    }

    static bool readVersion(QSqlDatabase &db, const QString &id, qint64 *version, QString *error)
    {
        Record record;
        bool found = false;
        if (!RecordRows<Kind>::load(db, id, &record, &found, error, RowLock::None))
            return false;
        *version = record.meta.version;
        return true;
    }

    static QJsonObject sample()
    {
        static const QJsonObject json = Kind::toJson(Record());
        return json;
    }

    bool select(QSqlDatabase &db, const Caller &caller, const QString &where,
                const QVariantList &values, QList<sync::Change> *changes, QString *error) const
    {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                              .arg(Kind::selectColumns(), Kind::table(), where));
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        QStringList ids;
        const int first = int(changes->size());
        while (query.next()) {
            const Record record = Kind::read(query);
            sync::Change change;
            change.table = Kind::table();
            change.id = record.meta.id;
            change.seq = record.meta.version;
            change.row = SyncRows::toRow(caller.role, Kind::type, Kind::toJson(record),
                                         Kind::fields(), record.meta);
            changes->append(change);
            ids << record.meta.id;
        }
        QHash<QString, sync::FieldVersions> versions;
        if (!ChangeLog::fieldVersions(db, Kind::table(), ids, &versions, error))
            return false;
        for (int i = first; i < changes->size(); ++i)
            (*changes)[i].versions = versions.value((*changes)[i].id);
        return true;
    }

    bool insert(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
                sync::MutationResult *result, QString *error) const
    {
        Record record;
        QStringList set;
        QString problem;
        if (!Kind::apply(SyncRows::toApi(mutation.fields, sample()), &record, &set, &problem))
            return reject(db, context, mutation,
                          WriteGateSupport::forbidden(QStringLiteral("bad_field"), problem),
                          nullptr, result, error);
        record.meta.id = mutation.id;
        std::optional<WriteRefusal> refusal;
        if (!WriteGate<Kind>::create(db, actorOf(context, WriteChannel::Sync), record, set,
                                     &refusal, error))
            return false;
        if (refusal)
            return reject(db, context, mutation, *refusal, nullptr, result, error);
        result->seq = record.meta.version;
        return true;
    }

    bool update(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
                const Record &current, const ScopeKeys &keys, sync::MutationResult *result,
                QString *error) const
    {
        if (current.meta.deleted)
            return conflictWithDelete(db, context, mutation, keys, SyncMessages::editOfDeleted(),
                                      result, error);
        const WriteActor actor = actorOf(context, WriteChannel::Sync);
        Record record = current;
        QStringList set;
        QString problem;
        if (!Kind::apply(SyncRows::toApi(mutation.fields, sample()), &record, &set, &problem))
            return reject(db, context, mutation,
                          WriteGateSupport::forbidden(QStringLiteral("bad_field"), problem), &keys,
                          result, error);
        // A field the caller may not write is refused outright, before any race is looked at:
        // a stale base must not turn a forbidden edit into a conflict to resolve.
        if (auto refused = WriteGate<Kind>::fieldsRefused(actor, current, record, set))
            return reject(db, context, mutation, *refused, &keys, result, error);

        // Per field: a base older than the server's version means someone else changed it.
        const QJsonObject serverJson = Kind::toJson(current);
        const QJsonObject clientJson = Kind::toJson(record);
        QList<ConflictEntry> journal;
        QJsonObject keepServer;
        for (const QString &field : std::as_const(set)) {
            qint64 fieldSeq = 0;
            QString author;
            if (!ChangeLog::fieldVersion(db, Kind::table(), mutation.id, field, &fieldSeq, &author,
                                         error))
                return false;
            if (fieldSeq <= mutation.base.value(field, 0)
                || serverJson.value(field) == clientJson.value(field))
                continue;
            ConflictEntry entry = entryFor(context, mutation, keys, field);
            entry.baseVersion = mutation.base.value(field, 0);
            entry.serverValue = serverJson.value(field);
            entry.clientValue = clientJson.value(field);
            if (FieldPolicy::isSensitive(Kind::type, field)) {
                entry.kind = QStringLiteral("sensitive");
                entry.otherUserId = author;
                entry.message = SyncMessages::staleSensitive(field);
                keepServer.insert(field, serverJson.value(field));
            } else {
                // The later applied edit wins; the value it replaces is kept for its author.
                entry.kind = QStringLiteral("overwritten");
                entry.userId = author;
                entry.otherUserId = context.caller.userId;
                entry.serverValue = clientJson.value(field);
                entry.clientValue = serverJson.value(field);
                entry.message = SyncMessages::overwritten(field);
            }
            journal << entry;
        }
        if (!keepServer.isEmpty()) {
            QStringList ignored;
            Kind::apply(keepServer, &record, &ignored, &problem);
        }
        std::optional<WriteRefusal> refusal;
        QStringList changed;
        if (!WriteGate<Kind>::update(db, actor, current, record, set, &refusal, &changed, error))
            return false;
        if (refusal)
            return reject(db, context, mutation, *refusal, &keys, result, error);
        for (ConflictEntry &entry : journal) {
            if (!ConflictJournal::open(db, entry, error))
                return false;
            result->conflicts << entry.id;
        }
        if (!changed.isEmpty())
            result->seq = record.meta.version;
        else if (!keepServer.isEmpty()
                 && !ChangeLog::touch(db, Kind::table(), mutation.id, keys, &result->seq, error))
            return false;
        if (!keepServer.isEmpty()) {
            result->outcome = sync::Outcome::Conflict;
            result->code = QStringLiteral("sensitive_field");
            result->message =
                    SyncMessages::staleSensitive(keepServer.keys().join(QStringLiteral(", ")));
        } else if (!journal.isEmpty()) {
            result->outcome = sync::Outcome::Merged;
        }
        return true;
    }

    bool remove(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
                const Record &current, const ScopeKeys &keys, sync::MutationResult *result,
                QString *error) const
    {
        if (current.meta.deleted)
            return true; // already gone: a delete is idempotent
        // Refused outright before any race: a stale base must not turn a forbidden delete
        // into a conflict to resolve.
        if (const std::optional<QString> appendOnly = Kind::updateRefusal())
            return reject(db, context, mutation, WriteGateSupport::appendOnly(*appendOnly), &keys,
                          result, error);
        if (const std::optional<QString> refused = Kind::deleteRefusal(context.caller.role))
            return reject(db, context, mutation,
                          WriteGateSupport::forbidden(QStringLiteral("forbidden"), *refused), &keys,
                          result, error);
        if (current.meta.version > mutation.baseVersion)
            return conflictWithDelete(db, context, mutation, keys, SyncMessages::deleteOfEdited(),
                                      result, error);
        std::optional<WriteRefusal> refusal;
        if (!WriteGate<Kind>::remove(db, actorOf(context, WriteChannel::Sync), current, &refusal,
                                     error))
            return false;
        if (refusal)
            return reject(db, context, mutation, *refusal, &keys, result, error);
        return readVersion(db, mutation.id, &result->seq, error);
    }

    ConflictEntry entryFor(const MutationContext &context, const sync::Mutation &mutation,
                           const ScopeKeys &keys, const QString &field) const
    {
        ConflictEntry entry;
        entry.table = Kind::table();
        entry.recordId = mutation.id;
        entry.field = field;
        entry.clientId = context.clientId;
        entry.mutation = mutation.number;
        entry.userId = context.caller.userId;
        entry.branchId = keys.branchId.isEmpty() ? context.caller.branchId : keys.branchId;
        entry.baseVersion = mutation.baseVersion;
        return entry;
    }

    // An edit against a delete, either way round (rule 9): nothing changes, both sides go to
    // the journal, and the client gets the record's state back.
    bool conflictWithDelete(QSqlDatabase &db, const MutationContext &context,
                            const sync::Mutation &mutation, const ScopeKeys &keys,
                            const QString &message, sync::MutationResult *result,
                            QString *error) const
    {
        ConflictEntry entry = entryFor(context, mutation, keys, QString());
        entry.kind = QStringLiteral("edit_delete");
        entry.clientValue = mutation.op == sync::Mutation::Op::Delete
                ? QJsonValue(QJsonObject{ { QStringLiteral("deleted"), true } })
                : QJsonValue(mutation.fields);
        entry.code = QStringLiteral("edit_delete");
        entry.message = message;
        if (!ConflictJournal::open(db, entry, error)
            || !ChangeLog::touch(db, Kind::table(), mutation.id, keys, &result->seq, error))
            return false;
        result->outcome = sync::Outcome::Conflict;
        result->code = entry.code;
        result->message = message;
        result->conflicts << entry.id;
        return true;
    }

    // Refused outright; still journalled so the edit can be fixed and sent again. Only a
    // record the caller sees (`keys`), or the new record the caller sent, is journalled.
    bool reject(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
                const WriteRefusal &refusal, const ScopeKeys *keys, sync::MutationResult *result,
                QString *error) const
    {
        ConflictEntry entry = entryFor(context, mutation, keys ? *keys : ScopeKeys{}, QString());
        entry.kind = QStringLiteral("rejected");
        entry.clientValue = JournalValues::bounded(Kind::type, mutation.fields);
        entry.code = refusal.code;
        entry.message = refusal.message;
        if (!ConflictJournal::open(db, entry, error))
            return false;
        if (keys && !ChangeLog::touch(db, Kind::table(), mutation.id, *keys, &result->seq, error))
            return false;
        result->outcome = sync::Outcome::Rejected;
        result->code = refusal.code;
        result->message = refusal.message;
        result->conflicts << entry.id;
        return true;
    }
};

} // namespace branchline::server
