// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalSyncTables.h"

#include "ApprovalMessages.h"
#include "ApprovalStore.h"
#include "core/AuditLog.h"
#include "core/SqlValues.h"
#include "records/RecordSupport.h"
#include "sync/ConflictJournal.h"
#include "sync/SyncMessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <array>

namespace branchline::server {

namespace {

enum class Kind { Text, Number, Json, Flag };

struct Column
{
    const char *name;
    Kind kind;
};

// The columns each table sends, in SELECT order, after the id.
QList<Column> columnsOf(ApprovalTable::Which which)
{
    static const QList<Column> tail{ { "version", Kind::Number },
                                     { "deleted", Kind::Flag },
                                     { "created_at", Kind::Text },
                                     { "updated_at", Kind::Text } };
    switch (which) {
    case ApprovalTable::Which::Requests:
        return QList<Column>{ { "flow_code", Kind::Text },     { "flow_version", Kind::Number },
                              { "record_table", Kind::Text },  { "record_id", Kind::Text },
                              { "record_label", Kind::Text },  { "requester_id", Kind::Text },
                              { "branch_id", Kind::Text },     { "proposed", Kind::Json },
                              { "before_values", Kind::Json }, { "reason", Kind::Text },
                              { "status", Kind::Text },        { "current_step", Kind::Number },
                              { "round", Kind::Number },       { "decided_at", Kind::Text } }
        + tail;
    case ApprovalTable::Which::Steps:
        return QList<Column>{ { "request_id", Kind::Text },    { "position", Kind::Number },
                              { "round", Kind::Number },       { "step_key", Kind::Text },
                              { "name_en", Kind::Text },       { "name_zh", Kind::Text },
                              { "mode", Kind::Text },          { "state", Kind::Text },
                              { "approvers", Kind::Json },     { "anchor_branch_id", Kind::Text },
                              { "due_hours", Kind::Number },   { "escalation", Kind::Json },
                              { "escalations", Kind::Number }, { "due_at", Kind::Text },
                              { "decided_at", Kind::Text } }
        + tail;
    case ApprovalTable::Which::Decisions:
        return QList<Column>{ { "request_id", Kind::Text }, { "expected_step", Kind::Number },
                              { "decider_id", Kind::Text }, { "on_behalf_of", Kind::Text },
                              { "decision", Kind::Text },   { "delegate_to", Kind::Text },
                              { "comment", Kind::Text },    { "decided_at", Kind::Text } }
        + tail;
    }
    return tail;
}

QJsonValue wireValue(const QVariant &value, Kind kind)
{
    switch (kind) {
    case Kind::Number:
        return double(value.toLongLong());
    case Kind::Flag:
        return value.toInt() != 0;
    case Kind::Json: {
        const QJsonDocument document = QJsonDocument::fromJson(value.toString().toUtf8());
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    case Kind::Text:
        break;
    }
    return value.toString(); // "" for NULL: the wire's absent optional value
}

bool exists(QSqlDatabase &db, const QString &table, const QString &id, qint64 *version,
            QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT version FROM %1 WHERE id = ?").arg(table));
    query.addBindValue(id);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    *version = query.next() ? query.value(0).toLongLong() : -1;
    return true;
}

} // namespace

ApprovalTable::ApprovalTable(Which which, ApprovalService::Clock clock)
    : m_which(which)
    , m_service(std::move(clock))
{
}

QString ApprovalTable::table() const
{
    switch (m_which) {
    case Which::Requests:
        return QStringLiteral("approval_requests");
    case Which::Steps:
        return QStringLiteral("approval_steps");
    case Which::Decisions:
        return QStringLiteral("approval_decisions");
    }
    return QString();
}

QString ApprovalTable::visible(const Caller &caller, const DataScope &scope,
                               QVariantList *values) const
{
    const QString column = m_which == Which::Requests ? table() + QStringLiteral(".id")
                                                      : table() + QStringLiteral(".request_id");
    return ApprovalStore::visibleCondition(column, caller, scope, values);
}

bool ApprovalTable::select(QSqlDatabase &db, const QString &where, const QVariantList &values,
                           QList<sync::Change> *changes, QString *error) const
{
    const QList<Column> columns = columnsOf(m_which);
    QStringList names{ QStringLiteral("id") };
    for (const Column &column : columns)
        names << QString::fromLatin1(column.name);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                          .arg(names.join(QStringLiteral(", ")), table(), where));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        sync::Change change;
        change.table = table();
        change.id = query.value(0).toString();
        for (int i = 0; i < columns.size(); ++i)
            change.row.insert(QString::fromLatin1(columns[i].name),
                              wireValue(query.value(i + 1), columns[i].kind));
        change.seq = qint64(change.row.value(QStringLiteral("version")).toDouble());
        changes->append(change);
    }
    return true;
}

bool ApprovalTable::snapshot(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                             const QString &afterId, int limit, QList<sync::Change> *changes,
                             QString *error) const
{
    QVariantList values;
    const QString condition = visible(caller, scope, &values);
    values << textValue(afterId) << limit;
    return select(
            db, QStringLiteral("deleted = 0 AND %1 AND id > ? ORDER BY id LIMIT ?").arg(condition),
            values, changes, error);
}

bool ApprovalTable::count(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                          qint64 *rows, QString *error) const
{
    QVariantList values;
    const QString condition = visible(caller, scope, &values);
    return countRows(db, table(), QStringLiteral("deleted = 0 AND %1").arg(condition), values, rows,
                     error);
}

bool ApprovalTable::current(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                            const QStringList &ids, QList<sync::Change> *changes,
                            QString *error) const
{
    if (ids.isEmpty())
        return true;
    QVariantList values;
    for (const QString &id : ids)
        values << id;
    const QString condition = visible(caller, scope, &values);
    return select(db, QStringLiteral("id IN (%1) AND %2").arg(placeholders(ids.size()), condition),
                  values, changes, error);
}

QString ApprovalTable::requestOf(const sync::Mutation &mutation) const
{
    switch (m_which) {
    case Which::Requests:
        return mutation.id;
    case Which::Steps:
    case Which::Decisions:
        break;
    }
    return mutation.fields.value(QStringLiteral("request_id")).toString();
}

bool ApprovalTable::refuse(QSqlDatabase &db, const MutationContext &context,
                           const sync::Mutation &mutation, const ApprovalRefusal &refusal,
                           const QString &requestId, sync::MutationResult *result,
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
    entry.code = refusal.code;
    entry.message = refusal.message;
    if (!ConflictJournal::open(db, entry, error))
        return false;
    // The device that sent it gets the request as it is now, next to the journal entry.
    if (!requestId.isEmpty() && !ApprovalStore::logFor(db, requestId, context.caller, error))
        return false;
    QJsonObject detail{ { QStringLiteral("table"), table() },
                        { QStringLiteral("id"), mutation.id },
                        { QStringLiteral("code"), refusal.code } };
    if (m_which == Which::Decisions)
        detail.insert(QStringLiteral("decision"),
                      mutation.fields.value(QStringLiteral("decision")).toString());
    if (!AuditLog::append(db,
                          { context.caller.userId, QStringLiteral("approval.refused"),
                            QStringLiteral("approval_requests"),
                            requestId.isEmpty() ? requestOf(mutation) : requestId, QString(),
                            RecordSupport::json(detail) },
                          error))
        return false;
    refuseMutation(result, refusal.code, refusal.message);
    result->conflicts << entry.id;
    return true;
}

bool ApprovalTable::apply(QSqlDatabase &db, const MutationContext &context,
                          const sync::Mutation &mutation, sync::MutationResult *result,
                          QString *error) const
{
    std::optional<ApprovalRefusal> refusal;
    QString requestId;
    qint64 version = -1;
    using Op = sync::Mutation::Op;
    switch (m_which) {
    case Which::Steps:
        refusal = ApprovalRefusal{ QStringLiteral("read_only"), ApprovalMessages::stepsReadOnly() };
        break;
    case Which::Decisions:
        if (mutation.op != Op::Insert) {
            refusal = ApprovalRefusal{ QStringLiteral("read_only"),
                                       ApprovalMessages::decisionsFinal() };
            break;
        }
        if (!m_service.decide(db, context.caller, context.scope, mutation.id, mutation.fields,
                              &requestId, &refusal, error))
            return false;
        break;
    case Which::Requests:
        if (mutation.op == Op::Insert) {
            if (!exists(db, table(), mutation.id, &version, error))
                return false;
            if (version >= 0) {
                refusal = ApprovalRefusal{ QStringLiteral("id_taken"), SyncMessages::idTaken() };
                break;
            }
            if (!m_service.request(db, context.caller, context.scope, mutation.id, mutation.fields,
                                   &refusal, error))
                return false;
        } else if (mutation.op == Op::Update) {
            if (!m_service.resubmit(db, context.caller, context.scope, mutation.id, mutation.fields,
                                    &refusal, error))
                return false;
            if (refusal && refusal->code != QLatin1String("not_found"))
                requestId = mutation.id;
        } else {
            refusal = ApprovalRefusal{ QStringLiteral("read_only"),
                                       ApprovalMessages::requestReadOnly() };
        }
        break;
    }
    if (refusal) {
        // A request or step named by a refused mutation is sent back only when the caller
        // sees it: a refusal tells nothing of requests outside their reach.
        if (m_which != Which::Decisions && !requestId.isEmpty()) {
            bool seen = false;
            if (!ApprovalStore::isVisible(db, requestId, context.caller, context.scope, &seen,
                                          error))
                return false;
            if (!seen)
                requestId.clear();
        }
        return refuse(db, context, mutation, *refusal, requestId, result, error);
    }
    if (!exists(db, table(), mutation.id, &version, error))
        return false;
    result->seq = version;
    return true;
}

bool ApprovalTable::resolveWith(QSqlDatabase &, const MutationContext &, const QString &,
                                const QJsonObject &, bool, sync::MutationResult *result,
                                QString *) const
{
    refuseMutation(result, QStringLiteral("read_only"), SyncMessages::readOnly());
    return true;
}

} // namespace branchline::server
