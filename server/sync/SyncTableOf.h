// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChangeLog.h"
#include "ConflictJournal.h"
#include "KindTraits.h"
#include "SyncMessages.h"
#include "SyncTable.h"
#include "core/AuditLog.h"
#include "core/SqlValues.h"
#include "records/RecordRows.h"
#include "records/RecordSupport.h"
#include "rules/RecordValidator.h"

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
        Record current;
        bool found = false;
        ScopeKeys keys;
        if (!RecordRows<Kind>::load(db, mutation.id, &current, &found, error)
            || (found && !Kind::scopeKeys(db, current, &keys, error)))
            return false;
        const bool visible = found && context.scope.contains(keys);
        if (found && !visible)
            return reject(db, context, mutation, QStringLiteral("not_found"),
                          SyncMessages::notFound(), nullptr, result, error);
        if constexpr (IsReadOnlyKind<Kind>::value)
            return reject(db, context, mutation, QStringLiteral("read_only"),
                          Kind::readOnlyReason(), found ? &keys : nullptr, result, error);
        switch (mutation.op) {
        case sync::Mutation::Op::Insert:
            if (!found)
                return insert(db, context, mutation, result, error);
            if (sync::isAppendOnly(Kind::table()))
                return true; // the same entry again: sets merge (rule 8)
            if constexpr (InsertOfExistingUpdates<Kind>::value)
                return update(db, context, mutation, current, keys, result, error);
            return reject(db, context, mutation, QStringLiteral("id_taken"),
                          SyncMessages::idTaken(), &keys, result, error);
        case sync::Mutation::Op::Update:
            if (!found)
                return reject(db, context, mutation, QStringLiteral("not_found"),
                              SyncMessages::notFound(), nullptr, result, error);
            return update(db, context, mutation, current, keys, result, error);
        case sync::Mutation::Op::Delete:
            if (!found)
                return reject(db, context, mutation, QStringLiteral("not_found"),
                              SyncMessages::notFound(), nullptr, result, error);
            return remove(db, context, mutation, current, keys, result, error);
        case sync::Mutation::Op::Resolve:
            break;
        }
        return reject(db, context, mutation, QStringLiteral("read_only"), SyncMessages::readOnly(),
                      &keys, result, error);
    }

    bool resolveWith(QSqlDatabase &db, const MutationContext &context, const QString &id,
                     const QJsonObject &fields, bool deleteRecord, sync::MutationResult *result,
                     QString *error) const override
    {
        if constexpr (IsReadOnlyKind<Kind>::value) {
            refuseMutation(result, QStringLiteral("read_only"), Kind::readOnlyReason());
            return true;
        }
        Record current;
        bool found = false;
        if (!RecordRows<Kind>::load(db, id, &current, &found, error))
            return false;
        if (!found) {
            refuseMutation(result, QStringLiteral("not_found"), SyncMessages::notFound());
            return true;
        }
        Record record = current;
        if (deleteRecord) {
            record.meta.deleted = true;
            if (!RecordRows<Kind>::softDelete(db, id, error))
                return false;
            return log(db, context, record, {}, &current, QStringLiteral("record.delete"), result,
                       error);
        }
        QStringList set;
        QString problem;
        if (!Kind::apply(SyncRows::toApi(fields, sample()), &record, &set, &problem)) {
            refuseMutation(result, QStringLiteral("bad_field"), problem);
            return true;
        }
        if (const std::optional<QString> refusal =
                    checkWrite<Kind>(context.caller, &current, record, &set)) {
            refuseMutation(result, QStringLiteral("not_allowed"), *refusal);
            return true;
        }
        if (const std::optional<Refusal> refusal = uneditable(context, set)) {
            refuseMutation(result, refusal->code, refusal->message);
            return true;
        }
        RecordValidator::normalize(record);
        if (const FieldIssues issues = RecordValidator::validate(record); !issues.isEmpty()) {
            refuseMutation(result, QStringLiteral("invalid"), SyncMessages::invalid(issues));
            return true;
        }
        if (current.meta.deleted && !restore(db, id, error))
            return false;
        record.meta.deleted = false;
        if (!RecordRows<Kind>::changedFields(current, record).isEmpty())
            stampWrite<Kind>(record, context.caller);
        if (!RecordRows<Kind>::update(db, record, error))
            return false;
        return log(db, context, record, RecordRows<Kind>::changedFields(current, record), &current,
                   QStringLiteral("record.update"), result, error);
    }

private:
    struct Refusal
    {
        QString code;
        QString message;
    };

    // Why the caller's role may not set `set`, as the API would say it; nothing if it may.
    static std::optional<Refusal> uneditable(const MutationContext &context, const QStringList &set)
    {
        const std::optional<RecordOutcome> refusal =
                RecordSupport::refuseUneditable(context.caller.role, Kind::type, set);
        if (!refusal)
            return std::nullopt;
        return Refusal{ refusal->body.value(QStringLiteral("code")).toString(),
                        refusal->body.value(QStringLiteral("message")).toString() };
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
            return reject(db, context, mutation, QStringLiteral("bad_field"), problem, nullptr,
                          result, error);
        record.meta.id = mutation.id;
        if (const std::optional<QString> refusal =
                    checkWrite<Kind>(context.caller, nullptr, record, &set))
            return reject(db, context, mutation, QStringLiteral("not_allowed"), *refusal, nullptr,
                          result, error);
        if (const std::optional<Refusal> refusal = uneditable(
                    context, RecordRows<Kind>::chosenOnCreate(record, set, context.caller)))
            return reject(db, context, mutation, refusal->code, refusal->message, nullptr, result,
                          error);
        Kind::applyDefaults(record, context.caller);
        RecordValidator::normalize(record);
        if (const FieldIssues issues = RecordValidator::validate(record); !issues.isEmpty())
            return reject(db, context, mutation, QStringLiteral("invalid"),
                          SyncMessages::invalid(issues), nullptr, result, error);
        bool inside = false;
        if (!Kind::inScope(db, context.scope, record, &inside, error))
            return false;
        if (!inside)
            return reject(db, context, mutation, QStringLiteral("out_of_scope"),
                          SyncMessages::outOfScopeMove(), nullptr, result, error);
        stampWrite<Kind>(record, context.caller);
        if (!RecordRows<Kind>::insert(db, record, error))
            return false;
        return log(db, context, record, {}, nullptr, QStringLiteral("record.create"), result,
                   error);
    }

    bool update(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
                const Record &current, const ScopeKeys &keys, sync::MutationResult *result,
                QString *error) const
    {
        if (current.meta.deleted)
            return conflictWithDelete(db, context, mutation, keys, SyncMessages::editOfDeleted(),
                                      result, error);
        Record record = current;
        QStringList set;
        QString problem;
        if (!Kind::apply(SyncRows::toApi(mutation.fields, sample()), &record, &set, &problem))
            return reject(db, context, mutation, QStringLiteral("bad_field"), problem, &keys,
                          result, error);
        if (const std::optional<QString> refusal =
                    checkWrite<Kind>(context.caller, &current, record, &set))
            return reject(db, context, mutation, QStringLiteral("not_allowed"), *refusal, &keys,
                          result, error);
        if (const std::optional<Refusal> refusal = uneditable(context, set))
            return reject(db, context, mutation, refusal->code, refusal->message, &keys, result,
                          error);

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
        RecordValidator::normalize(record);
        if (const FieldIssues issues = RecordValidator::validate(record); !issues.isEmpty())
            return reject(db, context, mutation, QStringLiteral("invalid"),
                          SyncMessages::invalid(issues), &keys, result, error);
        bool inside = false;
        if (!Kind::inScope(db, context.scope, record, &inside, error))
            return false;
        if (!inside)
            return reject(db, context, mutation, QStringLiteral("out_of_scope"),
                          SyncMessages::outOfScopeMove(), &keys, result, error);

        for (ConflictEntry &entry : journal) {
            if (!ConflictJournal::open(db, entry, error))
                return false;
            result->conflicts << entry.id;
        }
        QStringList changed = RecordRows<Kind>::changedFields(current, record);
        if (!changed.isEmpty()) {
            stampWrite<Kind>(record, context.caller);
            changed = RecordRows<Kind>::changedFields(current, record);
        }
        if (changed.isEmpty()) {
            if (!keepServer.isEmpty()
                && !ChangeLog::touch(db, Kind::table(), mutation.id, keys, &result->seq, error))
                return false;
        } else {
            if (!RecordRows<Kind>::update(db, record, error)
                || !log(db, context, record, changed, &current, QStringLiteral("record.update"),
                        result, error))
                return false;
        }
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
        if (const std::optional<QString> refusal = Kind::deleteRefusal(context.caller.role))
            return reject(db, context, mutation, QStringLiteral("forbidden"), *refusal, &keys,
                          result, error);
        if (current.meta.version > mutation.baseVersion)
            return conflictWithDelete(db, context, mutation, keys, SyncMessages::deleteOfEdited(),
                                      result, error);
        Record record = current;
        record.meta.deleted = true;
        return RecordRows<Kind>::softDelete(db, mutation.id, error)
                && log(db, context, record, {}, &current, QStringLiteral("record.delete"), result,
                       error);
    }

    static bool restore(QSqlDatabase &db, const QString &id, QString *error)
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE %1 SET deleted = 0 WHERE id = ?").arg(Kind::table()));
        query.addBindValue(id);
        if (query.exec())
            return true;
        *error = query.lastError().text();
        return false;
    }

    bool log(QSqlDatabase &db, const MutationContext &context, Record &record,
             const QStringList &fields, const Record *before, const QString &action,
             sync::MutationResult *result, QString *error) const
    {
        if (!ChangeLog::recordOf<Kind>(db, record, fields, before, context.caller.userId, error))
            return false;
        result->seq = record.meta.version;
        const QString detail = fields.isEmpty()
                ? QString()
                : RecordSupport::json(
                        { { QStringLiteral("fields"), QJsonArray::fromStringList(fields) } });
        return AuditLog::append(
                db,
                { context.caller.userId, action, Kind::table(), record.meta.id, QString(), detail },
                error);
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

    // Refused outright; still journalled so the edit can be fixed and sent again.
    bool reject(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
                const QString &code, const QString &message, const ScopeKeys *keys,
                sync::MutationResult *result, QString *error) const
    {
        ConflictEntry entry = entryFor(context, mutation, keys ? *keys : ScopeKeys{}, QString());
        entry.kind = QStringLiteral("rejected");
        entry.clientValue = mutation.fields;
        entry.code = code;
        entry.message = message;
        if (!ConflictJournal::open(db, entry, error))
            return false;
        if (keys && !ChangeLog::touch(db, Kind::table(), mutation.id, *keys, &result->seq, error))
            return false;
        result->outcome = sync::Outcome::Rejected;
        result->code = code;
        result->message = message;
        result->conflicts << entry.id;
        return true;
    }
};

} // namespace branchline::server
