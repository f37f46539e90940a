// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReferenceTables.h"

#include "ChangeLog.h"
#include "ConflictJournal.h"
#include "JournalValues.h"
#include "SyncMessages.h"
#include "core/AuditLog.h"
#include "core/SqlValues.h"
#include "records/RecordSupport.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

namespace {

bool run(QSqlQuery &query, const QVariantList &values, QString *error)
{
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

} // namespace

ReferenceTable::ReferenceTable(Which which)
    : m_which(which)
{
}

QString ReferenceTable::table() const
{
    return m_which == Which::Branches ? QStringLiteral("branches") : QStringLiteral("users");
}

bool ReferenceTable::select(QSqlDatabase &db, const QString &where, const QVariantList &values,
                            QList<sync::Change> *changes, QString *error) const
{
    // Users go out without anything a client has no business holding (login, hashes).
    const QString columns = m_which == Which::Branches
            ? QStringLiteral("id, parent_id, name, level, city, created_at")
            : QStringLiteral("id, display_name, branch_id, role, disabled, created_at");
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3").arg(columns, table(), where));
    if (!run(query, values, error))
        return false;
    while (query.next()) {
        sync::Change change;
        change.table = table();
        change.id = query.value(0).toString();
        const QString created = query.value(5).toString();
        if (m_which == Which::Branches)
            change.row = { { QStringLiteral("parent_id"), query.value(1).toString() },
                           { QStringLiteral("name"), query.value(2).toString() },
                           { QStringLiteral("level"), query.value(3).toString() },
                           { QStringLiteral("city"), query.value(4).toString() } };
        else
            change.row = { { QStringLiteral("display_name"), query.value(1).toString() },
                           { QStringLiteral("branch_id"), query.value(2).toString() },
                           { QStringLiteral("role"), query.value(3).toString() },
                           { QStringLiteral("active"), query.value(4).toInt() == 0 } };
        change.row.insert(QStringLiteral("created_at"), created);
        change.row.insert(QStringLiteral("updated_at"), created);
        changes->append(change);
    }
    return true;
}

bool ReferenceTable::snapshot(QSqlDatabase &db, const Caller &, const DataScope &,
                              const QString &afterId, int limit, QList<sync::Change> *changes,
                              QString *error) const
{
    return select(db, QStringLiteral("id > ? ORDER BY id LIMIT ?"), { textValue(afterId), limit },
                  changes, error);
}

bool ReferenceTable::count(QSqlDatabase &db, const Caller &, const DataScope &, qint64 *rows,
                           QString *error) const
{
    return countRows(db, table(), QStringLiteral("1 = 1"), {}, rows, error);
}

bool ReferenceTable::current(QSqlDatabase &db, const Caller &, const DataScope &,
                             const QStringList &ids, QList<sync::Change> *changes,
                             QString *error) const
{
    if (ids.isEmpty())
        return true;
    QVariantList values;
    for (const QString &id : ids)
        values << id;
    return select(db, QStringLiteral("id IN (%1)").arg(placeholders(ids.size())), values, changes,
                  error);
}

bool ReferenceTable::apply(QSqlDatabase &db, const MutationContext &context,
                           const sync::Mutation &mutation, sync::MutationResult *result,
                           QString *error) const
{
    ConflictEntry entry;
    entry.table = table();
    entry.recordId = mutation.id;
    entry.kind = QStringLiteral("rejected");
    entry.clientValue = mutation.fields;
    entry.clientId = context.clientId;
    entry.mutation = mutation.number;
    entry.userId = context.caller.userId;
    entry.branchId = context.caller.branchId;
    entry.code = QStringLiteral("read_only");
    entry.message = SyncMessages::readOnly();
    if (!ConflictJournal::open(db, entry, error))
        return false;
    refuseMutation(result, entry.code, entry.message);
    result->conflicts << entry.id;
    return true;
}

bool ReferenceTable::resolveWith(QSqlDatabase &, const MutationContext &, const QString &,
                                 const QJsonObject &, bool, sync::MutationResult *result,
                                 QString *) const
{
    refuseMutation(result, QStringLiteral("read_only"), SyncMessages::readOnly());
    return true;
}

bool ReferenceTable::logChange(QSqlDatabase &db, Which which, const QString &id, QString *error)
{
    qint64 seq = 0;
    const ScopeKeys everyone{ QString(), QString(), true };
    return ChangeLog::touch(
            db, which == Which::Branches ? QStringLiteral("branches") : QStringLiteral("users"), id,
            everyone, &seq, error);
}

QString ConflictTable::table() const
{
    return QStringLiteral("sync_conflicts");
}

bool ConflictTable::select(QSqlDatabase &db, const Caller &caller, const QString &where,
                           const QVariantList &values, QList<sync::Change> *changes,
                           QString *error) const
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM sync_conflicts WHERE %2")
                          .arg(ConflictJournal::selectColumns(), where));
    if (!run(query, values, error))
        return false;
    while (query.next()) {
        qint64 version = 0;
        QString created;
        QString updated;
        const ConflictEntry entry = ConflictJournal::read(query, &version, &created, &updated);
        // Values are shown as the reader's role sees each field, a refused edit's whole
        // record included: a manager's journal does not hold a customer's phone in clear.
        const RecordType type = JournalValues::typeOfTable(entry.table);
        auto shown = [&](const QJsonValue &value) {
            return JournalValues::shown(caller.role, type, entry.field, value);
        };
        sync::Change change;
        change.table = table();
        change.id = entry.id;
        change.seq = version;
        change.row = {
            { QStringLiteral("table_name"), entry.table },
            { QStringLiteral("record_id"), entry.recordId },
            { QStringLiteral("field"), entry.field },
            { QStringLiteral("kind"), entry.kind },
            { QStringLiteral("base_version"), double(entry.baseVersion) },
            { QStringLiteral("server_value"), sync::encodeValue(shown(entry.serverValue)) },
            { QStringLiteral("client_value"), sync::encodeValue(shown(entry.clientValue)) },
            { QStringLiteral("client_id"), entry.clientId },
            { QStringLiteral("mutation"), double(entry.mutation) },
            { QStringLiteral("user_id"), entry.userId },
            { QStringLiteral("other_user_id"), entry.otherUserId },
            { QStringLiteral("code"), entry.code },
            { QStringLiteral("message"), entry.message },
            { QStringLiteral("resolution"), entry.resolution },
            { QStringLiteral("resolver_id"), entry.resolverId },
            { QStringLiteral("origin"), QStringLiteral("server") },
            { QStringLiteral("version"), double(version) },
            { QStringLiteral("created_at"), created },
            { QStringLiteral("updated_at"), updated }
        };
        changes->append(change);
    }
    return true;
}

bool ConflictTable::snapshot(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                             const QString &afterId, int limit, QList<sync::Change> *changes,
                             QString *error) const
{
    QVariantList values;
    const QString condition =
            scope.conditionOn(QStringLiteral("user_id"), QStringLiteral("branch_id"), &values);
    values << caller.userId << textValue(afterId) << limit;
    return select(
            db, caller,
            QStringLiteral("(%1 OR user_id = ?) AND id > ? ORDER BY id LIMIT ?").arg(condition),
            values, changes, error);
}

bool ConflictTable::count(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                          qint64 *rows, QString *error) const
{
    QVariantList values;
    const QString condition =
            scope.conditionOn(QStringLiteral("user_id"), QStringLiteral("branch_id"), &values);
    values << caller.userId;
    return countRows(db, table(), QStringLiteral("(%1 OR user_id = ?)").arg(condition), values,
                     rows, error);
}

bool ConflictTable::current(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                            const QStringList &ids, QList<sync::Change> *changes,
                            QString *error) const
{
    if (ids.isEmpty())
        return true;
    QVariantList values;
    for (const QString &id : ids)
        values << id;
    const QString condition =
            scope.conditionOn(QStringLiteral("user_id"), QStringLiteral("branch_id"), &values);
    values << caller.userId;
    return select(db, caller,
                  QStringLiteral("id IN (%1) AND (%2 OR user_id = ?)")
                          .arg(placeholders(ids.size()), condition),
                  values, changes, error);
}

bool ConflictTable::apply(QSqlDatabase &db, const MutationContext &context,
                          const sync::Mutation &mutation, sync::MutationResult *result,
                          QString *error) const
{
    ConflictEntry entry;
    bool found = false;
    if (!ConflictJournal::load(db, mutation.id, &entry, &found, error))
        return false;
    const bool mine = found
            && (entry.userId == context.caller.userId
                || context.scope.contains(entry.userId, entry.branchId));
    if (mutation.op != sync::Mutation::Op::Resolve || !mine) {
        refuseMutation(result, QStringLiteral("not_found"), SyncMessages::notFound());
        return true;
    }
    if (!entry.resolution.isEmpty()) {
        refuseMutation(result, QStringLiteral("already_resolved"), SyncMessages::alreadyResolved());
        return true;
    }
    const QString resolution = mutation.fields.value(QStringLiteral("resolution")).toString();
    const QJsonValue value = mutation.fields.value(QStringLiteral("value"));
    const SyncTable *target = context.tables.find(entry.table);
    if (!target
        || !(resolution == QLatin1String("mine") || resolution == QLatin1String("theirs")
             || resolution == QLatin1String("merged"))) {
        refuseMutation(result, QStringLiteral("bad_resolution"), SyncMessages::unknownResolution());
        return true;
    }
    if (resolution != QLatin1String("theirs")) {
        // Keep mine: the value the journal kept for this user; merged: the value sent.
        const QJsonValue chosen = resolution == QLatin1String("mine") ? entry.clientValue : value;
        const bool wantsDelete = entry.kind == QLatin1String("edit_delete") && chosen.isObject()
                && chosen.toObject().value(QStringLiteral("deleted")).toBool();
        QJsonObject fields;
        if (!entry.field.isEmpty())
            fields.insert(entry.field, chosen);
        else if (chosen.isObject() && !wantsDelete)
            fields = chosen.toObject();
        if (!target->resolveWith(db, context, entry.recordId, fields, wantsDelete, result, error))
            return false;
        if (result->outcome == sync::Outcome::Rejected)
            return true;
    }
    entry.resolution = resolution;
    entry.resolverId = context.caller.userId;
    if (!ConflictJournal::markResolved(db, entry, error))
        return false;
    return AuditLog::append(db,
                            { context.caller.userId, QStringLiteral("conflict.resolve"),
                              QStringLiteral("sync_conflicts"), entry.id, QString(),
                              RecordSupport::json({ { QStringLiteral("resolution"), resolution },
                                                    { QStringLiteral("table"), entry.table },
                                                    { QStringLiteral("field"), entry.field } }) },
                            error);
}

bool ConflictTable::resolveWith(QSqlDatabase &, const MutationContext &, const QString &,
                                const QJsonObject &, bool, sync::MutationResult *result,
                                QString *) const
{
    refuseMutation(result, QStringLiteral("read_only"), SyncMessages::readOnly());
    return true;
}

} // namespace branchline::server
