// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardSyncTable.h"

#include "DashboardFields.h"
#include "DashboardWriter.h"
#include "core/SqlValues.h"
#include "records/RecordSupport.h"
#include "domain/rules/DashboardRules.h"
#include "sync/ChangeLog.h"
#include "sync/ConflictJournal.h"
#include "sync/SyncMessages.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

namespace {

const QString tableName = QStringLiteral("dashboards");

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
        // Someone else's dashboard the caller does not see: refused as if it did not exist,
        // and nothing journalled that names it (the device keeps the edit in its own journal).
        if (!visible) {
            refuseMutation(result, QStringLiteral("not_found"), SyncMessages::notFound());
            return DashboardWriter::audit(db, context.caller, QStringLiteral("dashboard.refused"),
                                          mutation.id, { { QStringLiteral("code"), result->code } },
                                          error);
        }
        // Shared with the caller: they see it, they may not change it. Their device gets
        // the dashboard back as it is, next to the journal entry.
        return refuse(db, context, mutation, QStringLiteral("rejected"),
                      QStringLiteral("read_only"), readOnlyMessage(), true, result, error);
    }
    if (!found) {
        if (mutation.op == Op::Insert)
            return write(db, context, mutation, nullptr, result, error);
        refuseMutation(result, QStringLiteral("not_found"), SyncMessages::notFound());
        return true;
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
        return write(db, context, mutation, &current, result, error);
    case Op::Delete:
        if (current.deleted) {
            result->seq = current.version;
            return true; // already gone: a delete is idempotent
        }
        if (current.version > mutation.baseVersion)
            return refuse(db, context, mutation, QStringLiteral("edit_delete"),
                          QStringLiteral("edit_delete"), SyncMessages::deleteOfEdited(), true,
                          result, error);
        return DashboardWriter(db, context, result).remove(current, error);
    case Op::Resolve:
        break;
    }
    return refuse(db, context, mutation, QStringLiteral("rejected"), QStringLiteral("read_only"),
                  SyncMessages::readOnly(), true, result, error);
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
    if (!DashboardWriter::audit(db, context.caller, QStringLiteral("dashboard.refused"),
                                mutation.id, { { QStringLiteral("code"), code } }, error))
        return false;
    result->outcome = kind == QLatin1String("edit_delete") ? sync::Outcome::Conflict
                                                           : sync::Outcome::Rejected;
    result->code = code;
    result->message = message;
    result->conflicts << entry.id;
    return true;
}

bool DashboardSyncTable::write(QSqlDatabase &db, const MutationContext &context,
                               const sync::Mutation &mutation, const DashboardRow *current,
                               sync::MutationResult *result, QString *error) const
{
    DashboardWriter writer(db, context, result);
    if (!(current ? writer.update(mutation, *current, true, error)
                  : writer.insert(mutation, error)))
        return false;
    if (const std::optional<QString> refusal = writer.refusal())
        return refuse(db, context, mutation, QStringLiteral("rejected"), QStringLiteral("invalid"),
                      *refusal, writer.sendBack(), result, error);
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
    DashboardWriter writer(db, context, result);
    if (deleteRecord)
        return current.deleted || writer.remove(current, error);
    // "Keep mine": the owner's values go in as they are; a deleted dashboard comes back.
    DashboardRow live = current;
    live.deleted = false;
    if (current.deleted
        && (!DashboardStore::update(db, live, error) || !writer.log(live, {}, &current, error)))
        return false;
    sync::Mutation mutation;
    mutation.id = id;
    mutation.op = sync::Mutation::Op::Update;
    mutation.fields = fields;
    if (!writer.update(mutation, live, false, error))
        return false;
    if (const std::optional<QString> refusal = writer.refusal())
        refuseMutation(result, QStringLiteral("invalid"), *refusal);
    return true;
}

} // namespace branchline::server
