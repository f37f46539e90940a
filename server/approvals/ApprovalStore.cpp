// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalStore.h"

#include "core/Database.h"
#include "core/SqlValues.h"
#include "records/RecordSupport.h"
#include "sync/ChangeLog.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace branchline::server {

namespace {

bool run(QSqlQuery &query, QString *error)
{
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

QString text(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeOf(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QJsonObject objectOf(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QString stepColumns()
{
    return QStringLiteral("id, position, round, step_key, name_en, name_zh, mode, state, "
                          "approvers, anchor_branch_id, due_hours, escalation, escalations, "
                          "due_at, decided_at");
}

void bindStep(QSqlQuery &query, const StepState &step)
{
    query.addBindValue(step.position);
    query.addBindValue(step.round);
    query.addBindValue(step.key);
    query.addBindValue(step.nameEn);
    query.addBindValue(step.nameZh);
    query.addBindValue(step.countersign ? QStringLiteral("all") : QStringLiteral("any"));
    query.addBindValue(step.state);
    query.addBindValue(QString::fromUtf8(QJsonDocument(StepState::approversToJson(step.approvers))
                                                 .toJson(QJsonDocument::Compact)));
    query.addBindValue(nullableText(step.anchorBranchId));
    query.addBindValue(step.dueHours);
    query.addBindValue(RecordSupport::json(step.escalation.toJson()));
    query.addBindValue(step.escalations);
    query.addBindValue(nullableText(text(step.dueAt)));
    query.addBindValue(nullableText(text(step.decidedAt)));
}

} // namespace

bool ApprovalStore::load(QSqlDatabase &db, const QString &id, RequestState *request, bool *found,
                         QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, flow_code, flow_version, record_table, record_id, "
                                 "record_label, requester_id, branch_id, proposed, before_values, "
                                 "reason, status, current_step, round, decided_at, created_at "
                                 "FROM approval_requests WHERE id = ? AND deleted = 0%1")
                          .arg(Database::forUpdate(db)));
    query.addBindValue(id);
    if (!run(query, error))
        return false;
    *found = query.next();
    if (!*found)
        return true;
    RequestState state;
    state.id = query.value(0).toString();
    state.flowCode = query.value(1).toString();
    state.flowVersion = query.value(2).toInt();
    state.recordTable = query.value(3).toString();
    state.recordId = query.value(4).toString();
    state.recordLabel = query.value(5).toString();
    state.requesterId = query.value(6).toString();
    state.branchId = query.value(7).toString();
    state.proposed = objectOf(query.value(8));
    state.before = objectOf(query.value(9));
    state.reason = query.value(10).toString();
    state.status = query.value(11).toString();
    state.currentStep = query.value(12).toInt();
    state.round = query.value(13).toInt();
    state.decidedAt = timeOf(query.value(14));
    state.createdAt = timeOf(query.value(15));
    query.finish();

    QSqlQuery steps(db);
    steps.setForwardOnly(true);
    steps.prepare(QStringLiteral("SELECT %1 FROM approval_steps WHERE request_id = ? "
                                 "ORDER BY position")
                          .arg(stepColumns()));
    steps.addBindValue(id);
    if (!run(steps, error))
        return false;
    while (steps.next()) {
        StepState step;
        step.id = steps.value(0).toString();
        step.position = steps.value(1).toInt();
        step.round = steps.value(2).toInt();
        step.key = steps.value(3).toString();
        step.nameEn = steps.value(4).toString();
        step.nameZh = steps.value(5).toString();
        step.countersign = steps.value(6).toString() == QLatin1String("all");
        step.state = steps.value(7).toString();
        step.approvers = StepState::approversFromJson(
                QJsonDocument::fromJson(steps.value(8).toString().toUtf8()).array());
        step.anchorBranchId = steps.value(9).toString();
        step.dueHours = steps.value(10).toInt();
        QString ignored;
        step.escalation = Escalation::fromJson(objectOf(steps.value(11)), QString(), &ignored)
                                  .value_or(Escalation());
        step.escalations = steps.value(12).toInt();
        step.dueAt = timeOf(steps.value(13));
        step.decidedAt = timeOf(steps.value(14));
        state.steps << step;
    }
    *request = state;
    return true;
}

bool ApprovalStore::insert(QSqlDatabase &db, RequestState &request, const QString &now,
                           QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
            "INSERT INTO approval_requests (id, flow_code, flow_version, record_table, record_id, "
            "record_label, requester_id, branch_id, proposed, before_values, reason, status, "
            "current_step, round, decided_at, version, deleted, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, 0, ?, ?)"));
    query.addBindValue(request.id);
    query.addBindValue(request.flowCode);
    query.addBindValue(request.flowVersion);
    query.addBindValue(request.recordTable);
    query.addBindValue(request.recordId);
    query.addBindValue(textValue(request.recordLabel));
    query.addBindValue(request.requesterId);
    query.addBindValue(nullableText(request.branchId));
    query.addBindValue(RecordSupport::json(request.proposed));
    query.addBindValue(RecordSupport::json(request.before));
    query.addBindValue(textValue(request.reason));
    query.addBindValue(request.status);
    query.addBindValue(request.currentStep);
    query.addBindValue(request.round);
    query.addBindValue(now);
    query.addBindValue(now);
    if (!run(query, error))
        return false;
    for (StepState &step : request.steps)
        step.changed = true;
    QList<ApprovalRow> ignored;
    return save(db, request, now, &ignored, error);
}

bool ApprovalStore::save(QSqlDatabase &db, RequestState &request, const QString &now,
                         QList<ApprovalRow> *rows, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE approval_requests SET proposed = ?, before_values = ?, "
                                 "reason = ?, status = ?, current_step = ?, round = ?, "
                                 "decided_at = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(RecordSupport::json(request.proposed));
    query.addBindValue(RecordSupport::json(request.before));
    query.addBindValue(textValue(request.reason));
    query.addBindValue(request.status);
    query.addBindValue(request.currentStep);
    query.addBindValue(request.round);
    query.addBindValue(nullableText(text(request.decidedAt)));
    query.addBindValue(now);
    query.addBindValue(request.id);
    if (!run(query, error))
        return false;
    rows->append({ QStringLiteral("approval_requests"), request.id });
    for (StepState &step : request.steps) {
        if (!step.changed && !step.id.isEmpty())
            continue;
        QSqlQuery write(db);
        if (step.id.isEmpty()) {
            step.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            write.prepare(QStringLiteral("INSERT INTO approval_steps (request_id, position, round, "
                                         "step_key, name_en, name_zh, mode, state, approvers, "
                                         "anchor_branch_id, due_hours, escalation, escalations, "
                                         "due_at, decided_at, id, version, deleted, created_at, "
                                         "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                         "?, ?, ?, ?, 0, 0, ?, ?)"));
            write.addBindValue(request.id);
            bindStep(write, step);
            write.addBindValue(step.id);
            write.addBindValue(now);
            write.addBindValue(now);
        } else {
            write.prepare(QStringLiteral(
                    "UPDATE approval_steps SET position = ?, round = ?, step_key = ?, name_en = ?, "
                    "name_zh = ?, mode = ?, state = ?, approvers = ?, anchor_branch_id = ?, "
                    "due_hours = ?, escalation = ?, escalations = ?, due_at = ?, decided_at = ?, "
                    "updated_at = ? WHERE id = ?"));
            bindStep(write, step);
            write.addBindValue(now);
            write.addBindValue(step.id);
        }
        if (!run(write, error))
            return false;
        step.changed = false;
        rows->append({ QStringLiteral("approval_steps"), step.id });
    }
    request.changed = false;
    return true;
}

bool ApprovalStore::insertDecision(QSqlDatabase &db, const DecisionRow &decision,
                                   const QString &now, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
            "INSERT INTO approval_decisions (id, request_id, expected_step, decider_id, "
            "on_behalf_of, decision, delegate_to, comment, decided_at, version, deleted, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)"));
    query.addBindValue(decision.id);
    query.addBindValue(decision.requestId);
    query.addBindValue(decision.expectedStep);
    query.addBindValue(decision.deciderId);
    query.addBindValue(nullableText(decision.onBehalfOf));
    query.addBindValue(decision.decision);
    query.addBindValue(nullableText(decision.delegateTo));
    query.addBindValue(textValue(decision.comment));
    query.addBindValue(decision.decidedAt);
    query.addBindValue(now);
    query.addBindValue(now);
    return run(query, error);
}

bool ApprovalStore::decisionExists(QSqlDatabase &db, const QString &id, bool *exists,
                                   QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM approval_decisions WHERE id = ?"));
    query.addBindValue(id);
    if (!run(query, error))
        return false;
    *exists = query.next();
    return true;
}

bool ApprovalStore::hasOpen(QSqlDatabase &db, const QString &flowCode, const QString &recordTable,
                            const QString &recordId, bool *open, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM approval_requests WHERE record_table = ? AND "
                                 "record_id = ? AND flow_code = ? AND deleted = 0 AND "
                                 "status IN ('pending', 'returned')"));
    query.addBindValue(recordTable);
    query.addBindValue(recordId);
    query.addBindValue(flowCode);
    if (!run(query, error))
        return false;
    *open = query.next();
    return true;
}

bool ApprovalStore::join(QSqlDatabase &db, const QString &requestId, const QStringList &users,
                         QStringList *added, QString *error)
{
    for (const QString &user : users) {
        if (user.isEmpty() || added->contains(user))
            continue;
        QSqlQuery query(db);
        query.prepare(QStringLiteral("INSERT INTO approval_audience (request_id, user_id) "
                                     "VALUES (?, ?) ON CONFLICT (request_id, user_id) DO NOTHING"));
        query.addBindValue(requestId);
        query.addBindValue(user);
        if (!run(query, error))
            return false;
        if (query.numRowsAffected() > 0)
            added->append(user);
    }
    return true;
}

bool ApprovalStore::allRows(QSqlDatabase &db, const QString &requestId, QList<ApprovalRow> *rows,
                            QString *error)
{
    rows->append({ QStringLiteral("approval_requests"), requestId });
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(
            QStringLiteral("SELECT 'approval_steps', id FROM approval_steps WHERE request_id = ? "
                           "UNION ALL SELECT 'approval_decisions', id FROM approval_decisions "
                           "WHERE request_id = ?"));
    query.addBindValue(requestId);
    query.addBindValue(requestId);
    if (!run(query, error))
        return false;
    while (query.next())
        rows->append({ query.value(0).toString(), query.value(1).toString() });
    return true;
}

bool ApprovalStore::logRows(QSqlDatabase &db, const QList<ApprovalRow> &rows,
                            const QList<ScopeKeys> &members, QString *error)
{
    for (const ApprovalRow &row : rows) {
        qint64 seq = 0;
        for (const ScopeKeys &keys : members)
            if (!ChangeLog::touch(db, row.first, row.second, keys, &seq, error))
                return false;
        if (seq == 0)
            continue;
        // `row.first` is one of the three approval tables named in this file.
        QSqlQuery version(db);
        version.prepare(QStringLiteral("UPDATE %1 SET version = ? WHERE id = ?").arg(row.first));
        version.addBindValue(seq);
        version.addBindValue(row.second);
        if (!run(version, error))
            return false;
    }
    return true;
}

bool ApprovalStore::log(QSqlDatabase &db, const QString &requestId, const QList<ApprovalRow> &rows,
                        const QStringList &newcomers, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT a.user_id, u.branch_id FROM approval_audience a "
                                 "JOIN users u ON u.id = a.user_id WHERE a.request_id = ? "
                                 "ORDER BY a.user_id"));
    query.addBindValue(requestId);
    if (!run(query, error))
        return false;
    QList<ScopeKeys> members;
    QList<ScopeKeys> joined;
    while (query.next()) {
        const ScopeKeys keys{ query.value(0).toString(), query.value(1).toString(), false };
        (newcomers.contains(keys.ownerId) ? joined : members) << keys;
    }
    query.finish();
    // Old members get what changed; newcomers everything, the changed rows included.
    QList<ApprovalRow> everything;
    if (!joined.isEmpty() && !allRows(db, requestId, &everything, error))
        return false;
    QList<ApprovalRow> unique;
    for (const ApprovalRow &row : rows)
        if (!unique.contains(row))
            unique << row;
    return logRows(db, unique, members, error) && logRows(db, everything, joined, error);
}

bool ApprovalStore::logFor(QSqlDatabase &db, const QString &requestId, const Caller &caller,
                           QString *error)
{
    QList<ApprovalRow> rows;
    return allRows(db, requestId, &rows, error)
            && logRows(db, rows, { ScopeKeys{ caller.userId, caller.branchId, false } }, error);
}

QString ApprovalStore::visibleCondition(const QString &requestIdColumn, const Caller &caller,
                                        const DataScope &scope, QVariantList *values)
{
    if (scope.reach() == DataScope::Reach::All)
        return QStringLiteral("1 = 1");
    values->append(caller.userId);
    const QString above =
            scope.conditionOn(QStringLiteral("a.user_id"), QStringLiteral("u.branch_id"), values);
    return QStringLiteral("EXISTS (SELECT 1 FROM approval_audience a JOIN users u ON u.id = "
                          "a.user_id WHERE a.request_id = %1 AND (a.user_id = ? OR %2))")
            .arg(requestIdColumn, above);
}

bool ApprovalStore::isVisible(QSqlDatabase &db, const QString &requestId, const Caller &caller,
                              const DataScope &scope, bool *visible, QString *error)
{
    QVariantList values{ requestId };
    const QString condition =
            visibleCondition(QStringLiteral("approval_requests.id"), caller, scope, &values);
    QSqlQuery query(db);
    query.prepare(
            QStringLiteral("SELECT 1 FROM approval_requests WHERE id = ? AND %1").arg(condition));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!run(query, error))
        return false;
    *visible = query.next();
    return true;
}

bool ApprovalStore::overdue(QSqlDatabase &db, const QString &now, QStringList *requestIds,
                            QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
            "SELECT DISTINCT s.request_id FROM approval_steps s JOIN approval_requests r "
            "ON r.id = s.request_id WHERE s.state = 'pending' AND s.due_at IS NOT NULL "
            "AND s.due_at <= ? AND s.escalation <> '{}' AND r.status = 'pending' "
            "ORDER BY s.request_id"));
    query.addBindValue(now);
    if (!run(query, error))
        return false;
    while (query.next())
        requestIds->append(query.value(0).toString());
    return true;
}

} // namespace branchline::server
