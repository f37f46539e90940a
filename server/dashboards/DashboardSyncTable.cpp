// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardSyncTable.h"

#include "DashboardFields.h"
#include "core/AuditLog.h"
#include "core/SqlValues.h"
#include "records/RecordSupport.h"
#include "rules/DashboardRules.h"
#include "sync/ChangeLog.h"
#include "sync/ConflictJournal.h"
#include "sync/SyncMessages.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

namespace {

const QString tableName = QStringLiteral("dashboards");

bool audit(QSqlDatabase &db, const Caller &caller, const QString &action, const QString &id,
           const QJsonObject &detail, QString *error)
{
    return AuditLog::append(db,
                            { caller.userId, action, tableName, id, QString(),
                              detail.isEmpty() ? QString() : RecordSupport::json(detail) },
                            error);
}

QString where(const QString &test, const Caller &caller, const QStringList &branches,
              QVariantList *values)
{
    return test.arg(DashboardStore::visibleCondition(caller, branches, values));
}

} // namespace

QString DashboardSyncTable::table() const
{
    return tableName;
}

QString DashboardSyncTable::readOnlyMessage()
{
    return tr("This dashboard is shared with you read-only; only its owner can change it.");
}

bool DashboardSyncTable::snapshot(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                                  const QString &afterId, int limit, QList<sync::Change> *changes,
                                  QString *error) const
{
    QStringList branches;
    if (!DashboardStore::reachingBranches(db, caller, scope, &branches, error))
        return false;
    QVariantList values;
    const QString condition = where(QStringLiteral("deleted = 0 AND %1 AND id > ? ORDER BY id "
                                                   "LIMIT ?"),
                                    caller, branches, &values);
    values << textValue(afterId) << limit;
    return DashboardStore::select(db, condition, values, changes, error);
}

bool DashboardSyncTable::count(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                               qint64 *rows, QString *error) const
{
    QStringList branches;
    if (!DashboardStore::reachingBranches(db, caller, scope, &branches, error))
        return false;
    QVariantList values;
    const QString condition =
            where(QStringLiteral("deleted = 0 AND %1"), caller, branches, &values);
    return countRows(db, tableName, condition, values, rows, error);
}

bool DashboardSyncTable::current(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                                 const QStringList &ids, QList<sync::Change> *changes,
                                 QString *error) const
{
    if (ids.isEmpty())
        return true;
    QStringList branches;
    if (!DashboardStore::reachingBranches(db, caller, scope, &branches, error))
        return false;
    QVariantList values;
    for (const QString &id : ids)
        values << id;
    const QString condition =
            where(QStringLiteral("id IN (%1) AND %2").arg(placeholders(ids.size())), caller,
                  branches, &values);
    return DashboardStore::select(db, condition, values, changes, error);
}

bool DashboardSyncTable::visibleTo(QSqlDatabase &db, const MutationContext &context,
                                   const QString &id, bool *visible, QString *error) const
{
    QStringList branches;
    if (!DashboardStore::reachingBranches(db, context.caller, context.scope, &branches, error))
        return false;
    QList<sync::Change> found;
    QVariantList values{ id };
    const QString condition =
            where(QStringLiteral("id = ? AND %1"), context.caller, branches, &values);
    if (!DashboardStore::select(db, condition, values, &found, error))
        return false;
    *visible = !found.isEmpty();
    return true;
}

bool DashboardSyncTable::apply(QSqlDatabase &db, const MutationContext &context,
                               const sync::Mutation &mutation, sync::MutationResult *result,
                               QString *error) const
{
    using Op = sync::Mutation::Op;
    DashboardRow current;
    bool found = false;
    if (!DashboardStore::load(db, mutation.id, &current, &found, error))
        return false;
    if (found && current.ownerId != context.caller.userId) {
        bool visible = false;
        if (!visibleTo(db, context, mutation.id, &visible, error))
            return false;
        if (!visible)
            return refuse(db, context, mutation, QStringLiteral("rejected"),
                          QStringLiteral("not_found"), SyncMessages::notFound(), false, result,
                          error);
        // Shared with the caller: they see it, they may not change it. Their device gets
        // the dashboard back as it is, next to the journal entry.
        return refuse(db, context, mutation, QStringLiteral("rejected"),
                      QStringLiteral("read_only"), readOnlyMessage(), true, result, error);
    }
    if (!found) {
        if (mutation.op == Op::Insert)
            return insert(db, context, mutation, result, error);
        return refuse(db, context, mutation, QStringLiteral("rejected"),
                      QStringLiteral("not_found"), SyncMessages::notFound(), false, result, error);
    }
    switch (mutation.op) {
    case Op::Insert:
        return refuse(db, context, mutation, QStringLiteral("rejected"), QStringLiteral("id_taken"),
                      SyncMessages::idTaken(), true, result, error);
    case Op::Update:
        if (current.deleted)
            return refuse(db, context, mutation, QStringLiteral("edit_delete"),
                          QStringLiteral("edit_delete"), SyncMessages::editOfDeleted(), true,
                          result, error);
        return update(db, context, mutation, current, true, result, error);
    case Op::Delete:
        if (current.deleted) {
            result->seq = current.version;
            return true; // already gone: a delete is idempotent
        }
        if (current.version > mutation.baseVersion)
            return refuse(db, context, mutation, QStringLiteral("edit_delete"),
                          QStringLiteral("edit_delete"), SyncMessages::deleteOfEdited(), true,
                          result, error);
        return remove(db, context, current, result, error);
    case Op::Resolve:
        break;
    }
    return refuse(db, context, mutation, QStringLiteral("rejected"), QStringLiteral("read_only"),
                  SyncMessages::readOnly(), true, result, error);
}

bool DashboardSyncTable::insert(QSqlDatabase &db, const MutationContext &context,
                                const sync::Mutation &mutation, sync::MutationResult *result,
                                QString *error) const
{
    DashboardRow row;
    row.id = mutation.id;
    row.ownerId = context.caller.userId; // whatever the client said: the sender owns it
    row.branchId = context.caller.branchId;
    QStringList set;
    std::optional<QString> problem = DashboardFields::apply(mutation.fields, &row, &set);
    if (!problem && !set.contains(QStringLiteral("definition")))
        problem = tr("A new dashboard needs its layout.");
    if (!problem && row.name.isEmpty())
        problem = DashboardRules::nameProblem(row.name);
    if (!problem)
        problem = DashboardRules::sharingProblem(context.caller.role, row.sharedRoles,
                                                 row.sharedBranches, context.scope.branchIds());
    if (problem)
        return refuse(db, context, mutation, QStringLiteral("rejected"),
                      QStringLiteral("invalid"), *problem, false, result, error);
    row.createdAt = RecordSupport::now();
    row.updatedAt = row.createdAt;
    if (!DashboardStore::insert(db, row, error) || !log(db, context, row, {}, nullptr, result, error)
        || !audit(db, context.caller, QStringLiteral("dashboard.create"), row.id,
                  { { QStringLiteral("name"), row.name } }, error))
        return false;
    if (row.sharedRoles.isEmpty() && row.sharedBranches.isEmpty())
        return true;
    return audit(db, context.caller, QStringLiteral("dashboard.share"), row.id,
                 { { QStringLiteral("roles"), QJsonArray::fromStringList(row.sharedRoles) },
                   { QStringLiteral("branches"),
                     QJsonArray::fromStringList(row.sharedBranches) } },
                 error);
}

bool DashboardSyncTable::update(QSqlDatabase &db, const MutationContext &context,
                                const sync::Mutation &mutation, const DashboardRow &current,
                                bool checkBases, sync::MutationResult *result,
                                QString *error) const
{
    DashboardRow row = current;
    QStringList set;
    std::optional<QString> problem = DashboardFields::apply(mutation.fields, &row, &set);
    if (!problem)
        problem = DashboardRules::sharingProblem(
                context.caller.role, DashboardFields::added(current.sharedRoles, row.sharedRoles),
                DashboardFields::added(current.sharedBranches, row.sharedBranches),
                context.scope.branchIds());
    if (problem)
        return refuse(db, context, mutation, QStringLiteral("rejected"),
                      QStringLiteral("invalid"), *problem, true, result, error);
    if (set.isEmpty()) {
        result->seq = current.version;
        return true;
    }
    // Per field: a base older than the server's version means the owner's other device
    // changed it meanwhile. The later applied edit wins; the value it replaces is kept.
    const QJsonObject before = DashboardStore::wireRow(current);
    const QJsonObject after = DashboardStore::wireRow(row);
    for (const QString &field : std::as_const(set)) {
        qint64 fieldSeq = 0;
        QString author;
        if (!ChangeLog::fieldVersion(db, tableName, row.id, field, &fieldSeq, &author, error))
            return false;
        if (!checkBases || fieldSeq <= mutation.base.value(field, 0))
            continue;
        ConflictEntry entry;
        entry.table = tableName;
        entry.recordId = row.id;
        entry.field = field;
        entry.kind = QStringLiteral("overwritten");
        entry.baseVersion = mutation.base.value(field, 0);
        entry.serverValue = after.value(field);
        entry.clientValue = before.value(field);
        entry.clientId = context.clientId;
        entry.mutation = mutation.number;
        entry.userId = author;
        entry.otherUserId = context.caller.userId;
        entry.branchId = row.branchId;
        entry.message = SyncMessages::overwritten(field);
        if (!ConflictJournal::open(db, entry, error))
            return false;
        result->conflicts << entry.id;
        result->outcome = sync::Outcome::Merged;
    }
    row.updatedAt = RecordSupport::now();
    if (!DashboardStore::update(db, row, error) || !log(db, context, row, set, &current, result, error)
        || !audit(db, context.caller, QStringLiteral("dashboard.update"), row.id,
                  { { QStringLiteral("fields"), QJsonArray::fromStringList(set) } }, error))
        return false;
    if (!set.contains(QStringLiteral("shared_roles"))
        && !set.contains(QStringLiteral("shared_branches")))
        return true;
    return audit(db, context.caller, QStringLiteral("dashboard.share"), row.id,
                 { { QStringLiteral("roles"), QJsonArray::fromStringList(row.sharedRoles) },
                   { QStringLiteral("branches"), QJsonArray::fromStringList(row.sharedBranches) },
                   { QStringLiteral("roles_before"),
                     QJsonArray::fromStringList(current.sharedRoles) },
                   { QStringLiteral("branches_before"),
                     QJsonArray::fromStringList(current.sharedBranches) } },
                 error);
}

bool DashboardSyncTable::remove(QSqlDatabase &db, const MutationContext &context,
                                const DashboardRow &current, sync::MutationResult *result,
                                QString *error) const
{
    DashboardRow row = current;
    row.deleted = true;
    row.updatedAt = RecordSupport::now();
    // The share rows stay: the tombstone reaches everyone who had the dashboard.
    return DashboardStore::update(db, row, error)
            && log(db, context, row, {}, &current, result, error)
            && audit(db, context.caller, QStringLiteral("dashboard.delete"), row.id,
                     { { QStringLiteral("name"), row.name } }, error);
}

bool DashboardSyncTable::log(QSqlDatabase &db, const MutationContext &context, DashboardRow &row,
                             const QStringList &fields, const DashboardRow *before,
                             sync::MutationResult *result, QString *error) const
{
    QList<ScopeKeys> members;
    if (!DashboardStore::audience(db, row, &members, error)
        || (before && !DashboardStore::audience(db, *before, &members, error)))
        return false;
    const ScopeKeys owner{ row.ownerId, row.branchId, false };
    QStringList logged{ row.ownerId };
    qint64 seq = 0;
    for (const ScopeKeys &member : std::as_const(members)) {
        if (logged.contains(member.ownerId))
            continue;
        logged << member.ownerId;
        if (!ChangeLog::touch(db, tableName, row.id, member, &seq, error))
            return false;
    }
    // Last, so the record's version and its fields' versions are the newest seq.
    if (!ChangeLog::record(db, tableName, row.id, fields, owner, owner, context.caller.userId,
                           &seq, error))
        return false;
    row.version = seq;
    result->seq = seq;
    return true;
}

bool DashboardSyncTable::refuse(QSqlDatabase &db, const MutationContext &context,
                                const sync::Mutation &mutation, const QString &kind,
                                const QString &code, const QString &message, bool sendBack,
                                sync::MutationResult *result, QString *error) const
{
    ConflictEntry entry;
    entry.table = tableName;
    entry.recordId = mutation.id;
    entry.kind = kind;
    entry.clientValue = mutation.op == sync::Mutation::Op::Delete
            ? QJsonValue(QJsonObject{ { QStringLiteral("deleted"), true } })
            : QJsonValue(mutation.fields);
    entry.clientId = context.clientId;
    entry.mutation = mutation.number;
    entry.baseVersion = mutation.baseVersion;
    entry.userId = context.caller.userId;
    entry.branchId = context.caller.branchId;
    entry.code = code;
    entry.message = message;
    if (!ConflictJournal::open(db, entry, error))
        return false;
    // The device that sent it gets the dashboard as it is now, when the caller sees it.
    if (sendBack
        && !ChangeLog::touch(db, tableName, mutation.id,
                             ScopeKeys{ context.caller.userId, context.caller.branchId, false },
                             &result->seq, error))
        return false;
    if (!audit(db, context.caller, QStringLiteral("dashboard.refused"), mutation.id,
               { { QStringLiteral("code"), code } }, error))
        return false;
    result->outcome = kind == QLatin1String("edit_delete") ? sync::Outcome::Conflict
                                                           : sync::Outcome::Rejected;
    result->code = code;
    result->message = message;
    result->conflicts << entry.id;
    return true;
}

bool DashboardSyncTable::resolveWith(QSqlDatabase &db, const MutationContext &context,
                                     const QString &id, const QJsonObject &fields,
                                     bool deleteRecord, sync::MutationResult *result,
                                     QString *error) const
{
    DashboardRow current;
    bool found = false;
    if (!DashboardStore::load(db, id, &current, &found, error))
        return false;
    if (!found) {
        refuseMutation(result, QStringLiteral("not_found"), SyncMessages::notFound());
        return true;
    }
    if (current.ownerId != context.caller.userId) {
        refuseMutation(result, QStringLiteral("read_only"), readOnlyMessage());
        return true;
    }
    if (deleteRecord)
        return current.deleted || remove(db, context, current, result, error);
    // "Keep mine": the owner's value goes in as it is, a deleted dashboard comes back.
    sync::Mutation mutation;
    mutation.id = id;
    mutation.op = sync::Mutation::Op::Update;
    mutation.fields = fields;
    if (current.deleted) {
        DashboardRow restored = current;
        restored.deleted = false;
        if (!DashboardStore::update(db, restored, error))
            return false;
        current.deleted = false;
        DashboardRow probe = current;
        QStringList set;
        DashboardFields::apply(fields, &probe, &set);
        if (set.isEmpty())
            return log(db, context, restored, {}, nullptr, result, error);
    }
    return update(db, context, mutation, current, false, result, error);
}

} // namespace branchline::server
