// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalService.h"

#include "ApprovalFlows.h"
#include "ApprovalMessages.h"
#include "ApprovalStore.h"
#include "DecisionRules.h"
#include "FlowEngine.h"
#include "SqlDirectory.h"
#include "core/AuditLog.h"
#include "records/CustomerJson.h"
#include "records/RecordRows.h"
#include "sync/SyncMessages.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace branchline::server {

namespace {

constexpr int maxTextLength = 2000;

// Columns of a client's new row that the server fills itself: a client's outbox sends every
// column of its row, and these are taken as the server's, never as the client's word.
bool serverSet(const QString &field)
{
    static const QStringList fields{
        QStringLiteral("id"),           QStringLiteral("flow_version"),
        QStringLiteral("record_label"), QStringLiteral("requester_id"),
        QStringLiteral("branch_id"),    QStringLiteral("before_values"),
        QStringLiteral("status"),       QStringLiteral("current_step"),
        QStringLiteral("round"),        QStringLiteral("decided_at"),
        QStringLiteral("decider_id"),   QStringLiteral("on_behalf_of"),
        QStringLiteral("version"),      QStringLiteral("deleted"),
        QStringLiteral("created_at"),   QStringLiteral("updated_at")
    };
    return fields.contains(field);
}

std::optional<ApprovalRefusal> unknownField(const QJsonObject &fields, const QStringList &accepted)
{
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        if (!accepted.contains(it.key()) && !serverSet(it.key()))
            return ApprovalRefusal{ QStringLiteral("bad_field"),
                                    ApprovalMessages::unknownRequestField(it.key()) };
    return std::nullopt;
}

// The proposed values as a JSON object, or as the JSON text a client's column holds.
bool readObject(const QJsonValue &value, QJsonObject *object)
{
    if (value.isObject()) {
        *object = value.toObject();
        return true;
    }
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        *object = document.object();
        return text.isEmpty() || document.isObject();
    }
    *object = QJsonObject();
    return value.isUndefined() || value.isNull();
}

std::optional<ApprovalRefusal> checkReason(const QString &reason)
{
    if (reason.isEmpty())
        return ApprovalRefusal{ QStringLiteral("reason_required"),
                                ApprovalMessages::reasonRequired() };
    if (reason.size() > maxTextLength)
        return ApprovalRefusal{ QStringLiteral("too_long"),
                                ApprovalMessages::commentTooLong(maxTextLength) };
    return std::nullopt;
}

ApprovalRefusal notFound()
{
    return ApprovalRefusal{ QStringLiteral("not_found"), ApprovalMessages::requestNotFound() };
}

// The customer a request is about, when the caller may see it. Its row stays locked on
// PostgreSQL to commit: two requests of one kind for one customer made at once take turns,
// and the second finds the first open.
bool loadCustomer(QSqlDatabase &db, const DataScope &scope, const QString &id, Customer *customer,
                  bool *usable, QString *error)
{
    bool found = false;
    bool inside = false;
    if (!RecordRows<CustomerJson>::load(db, id, customer, &found, error, RowLock::ForUpdate)
        || (found && !CustomerJson::inScope(db, scope, *customer, &inside, error)))
        return false;
    *usable = found && inside && !customer->meta.deleted;
    return true;
}

bool audit(QSqlDatabase &db, const QString &actor, const QString &action, const QString &requestId,
           const QJsonObject &detail, QString *error)
{
    return AuditLog::append(db,
                            { actor, action, QStringLiteral("approval_requests"), requestId,
                              QString(), RecordSupport::json(detail) },
                            error);
}

} // namespace

ApprovalService::ApprovalService(Clock clock)
    : m_clock(std::move(clock))
{
}

QDateTime ApprovalService::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

QString ApprovalService::stamp() const
{
    return now().toString(Qt::ISODateWithMs);
}

bool ApprovalService::request(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                              const QString &id, const QJsonObject &fields,
                              std::optional<ApprovalRefusal> *refusal, QString *error) const
{
    *refusal = unknownField(fields,
                            { QStringLiteral("flow_code"), QStringLiteral("record_table"),
                              QStringLiteral("record_id"), QStringLiteral("proposed"),
                              QStringLiteral("reason") });
    if (*refusal)
        return true;
    const QString reason = fields.value(QStringLiteral("reason")).toString().trimmed();
    if ((*refusal = checkReason(reason)))
        return true;
    const QString flowCode = fields.value(QStringLiteral("flow_code")).toString();
    std::optional<FlowDefinition> flow;
    if (!ApprovalFlows::active(db, flowCode, &flow, error))
        return false;
    if (!flow) {
        *refusal = ApprovalRefusal{ QStringLiteral("unknown_flow"),
                                    ApprovalMessages::unknownFlow(flowCode) };
        return true;
    }
    const QString table = fields.value(QStringLiteral("record_table")).toString(flow->recordTable);
    Customer customer;
    bool usable = false;
    if (!loadCustomer(db, scope, fields.value(QStringLiteral("record_id")).toString(), &customer,
                      &usable, error))
        return false;
    if (table != flow->recordTable || !usable) {
        *refusal =
                ApprovalRefusal{ QStringLiteral("not_found"), ApprovalMessages::recordNotFound() };
        return true;
    }
    QJsonObject proposed;
    QJsonObject before;
    if (!readObject(fields.value(QStringLiteral("proposed")), &proposed)) {
        *refusal = ApprovalRefusal{ QStringLiteral("bad_field"),
                                    ApprovalMessages::unknownRequestField(
                                            QStringLiteral("proposed")) };
        return true;
    }
    if ((*refusal = ApprovalEffects::prepare(flow->effect, customer, &proposed, &before)))
        return true;
    bool open = false;
    if (!ApprovalStore::hasOpen(db, flowCode, table, customer.meta.id, &open, error))
        return false;
    if (open) {
        *refusal =
                ApprovalRefusal{ QStringLiteral("already_open"), ApprovalMessages::alreadyOpen() };
        return true;
    }
    SqlDirectory directory(db);
    const Resolution resolution = FlowEngine(directory).resolve(
            *flow, caller.userId, caller.branchId,
            RequestFacts{ CustomerJson::toJson(customer), proposed }, 1, 1);
    if (!directory.error().isEmpty()) {
        *error = directory.error();
        return false;
    }
    if (!resolution.code.isEmpty()) {
        *refusal = ApprovalRefusal{ resolution.code, resolution.message };
        return true;
    }
    RequestState state;
    state.id = id;
    state.flowCode = flow->code;
    state.flowVersion = flow->version;
    state.recordTable = table;
    state.recordId = customer.meta.id;
    state.recordLabel = customer.legalName;
    state.requesterId = caller.userId;
    state.branchId = caller.branchId;
    state.proposed = proposed;
    state.before = before;
    state.reason = reason;
    state.steps = resolution.steps;
    FlowEngine::start(state.steps.first(), now());
    state.currentStep = state.steps.first().position;
    const QString at = stamp();
    QStringList added;
    if (!ApprovalStore::insert(db, state, at, error)
        || !ApprovalStore::join(db, id,
                                QStringList{ caller.userId } + state.steps.first().openHolders(),
                                &added, error)
        || !ApprovalStore::log(db, id, {}, added, error))
        return false;
    return audit(db, caller.userId, QStringLiteral("approval.request"), id,
                 { { QStringLiteral("flow"), state.flowCode },
                   { QStringLiteral("version"), state.flowVersion },
                   { QStringLiteral("record_table"), state.recordTable },
                   { QStringLiteral("record_id"), state.recordId },
                   { QStringLiteral("steps"), int(state.steps.size()) } },
                 error);
}

bool ApprovalService::resubmit(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                               const QString &id, const QJsonObject &fields,
                               std::optional<ApprovalRefusal> *refusal, QString *error) const
{
    RequestState state;
    bool found = false;
    bool visible = false;
    if (!ApprovalStore::load(db, id, &state, &found, error)
        || (found && !ApprovalStore::isVisible(db, id, caller, scope, &visible, error)))
        return false;
    if (!found || !visible) {
        *refusal = notFound();
        return true;
    }
    if (state.requesterId != caller.userId || state.status != QLatin1String("returned")) {
        *refusal =
                ApprovalRefusal{ QStringLiteral("read_only"), ApprovalMessages::requestReadOnly() };
        return true;
    }
    if ((*refusal = unknownField(fields, { QStringLiteral("proposed"), QStringLiteral("reason") })))
        return true;
    const QString reason = fields.contains(QStringLiteral("reason"))
            ? fields.value(QStringLiteral("reason")).toString().trimmed()
            : state.reason;
    if ((*refusal = checkReason(reason)))
        return true;
    QJsonObject proposed = state.proposed;
    if (fields.contains(QStringLiteral("proposed"))
        && !readObject(fields.value(QStringLiteral("proposed")), &proposed)) {
        *refusal = ApprovalRefusal{ QStringLiteral("bad_field"),
                                    ApprovalMessages::unknownRequestField(
                                            QStringLiteral("proposed")) };
        return true;
    }
    // The version the request started with, whatever is active now.
    std::optional<FlowDefinition> flow;
    if (!ApprovalFlows::version(db, state.flowCode, state.flowVersion, &flow, error))
        return false;
    Customer customer;
    bool usable = false;
    if (!flow) {
        *error = ApprovalMessages::unknownFlow(state.flowCode);
        return false;
    }
    if (!loadCustomer(db, scope, state.recordId, &customer, &usable, error))
        return false;
    if (!usable) {
        *refusal =
                ApprovalRefusal{ QStringLiteral("not_found"), ApprovalMessages::recordNotFound() };
        return true;
    }
    QJsonObject before;
    if ((*refusal = ApprovalEffects::prepare(flow->effect, customer, &proposed, &before)))
        return true;
    SqlDirectory directory(db);
    const Resolution resolution =
            FlowEngine(directory).resolve(*flow, caller.userId, caller.branchId,
                                          RequestFacts{ CustomerJson::toJson(customer), proposed },
                                          state.lastPosition() + 1, state.round + 1);
    if (!directory.error().isEmpty()) {
        *error = directory.error();
        return false;
    }
    if (!resolution.code.isEmpty()) {
        *refusal = ApprovalRefusal{ resolution.code, resolution.message };
        return true;
    }
    state.round += 1;
    state.status = QStringLiteral("pending");
    state.proposed = proposed;
    state.before = before;
    state.reason = reason;
    state.decidedAt = QDateTime();
    state.steps += resolution.steps;
    StepState *first = state.step(resolution.steps.first().position);
    FlowEngine::start(*first, now());
    state.currentStep = first->position;
    QList<ApprovalRow> rows;
    QStringList added;
    if (!ApprovalStore::save(db, state, stamp(), &rows, error)
        || !ApprovalStore::join(db, id, first->openHolders(), &added, error)
        || !ApprovalStore::log(db, id, rows, added, error))
        return false;
    return audit(db, caller.userId, QStringLiteral("approval.resubmit"), id,
                 { { QStringLiteral("round"), state.round },
                   { QStringLiteral("steps"), int(resolution.steps.size()) } },
                 error);
}

bool ApprovalService::decide(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                             const QString &id, const QJsonObject &fields, QString *requestId,
                             std::optional<ApprovalRefusal> *refusal, QString *error) const
{
    if ((*refusal = unknownField(fields,
                                 { QStringLiteral("request_id"), QStringLiteral("expected_step"),
                                   QStringLiteral("decision"), QStringLiteral("delegate_to"),
                                   QStringLiteral("comment") })))
        return true;
    bool exists = false;
    if (!ApprovalStore::decisionExists(db, id, &exists, error))
        return false;
    if (exists) {
        *refusal = ApprovalRefusal{ QStringLiteral("id_taken"), SyncMessages::idTaken() };
        return true;
    }
    const QString target = fields.value(QStringLiteral("request_id")).toString();
    RequestState state;
    bool found = false;
    bool visible = false;
    if (!ApprovalStore::load(db, target, &state, &found, error)
        || (found && !ApprovalStore::isVisible(db, target, caller, scope, &visible, error)))
        return false;
    if (!found || !visible) {
        *refusal = notFound();
        return true;
    }
    *requestId = target;
    DecisionInput input;
    input.deciderId = caller.userId;
    input.decision = fields.value(QStringLiteral("decision")).toString();
    const QJsonValue step = fields.value(QStringLiteral("expected_step"));
    input.expectedStep = step.isString() ? step.toString().toInt() : step.toInt();
    input.delegateTo = fields.value(QStringLiteral("delegate_to")).toString();
    input.comment = fields.value(QStringLiteral("comment")).toString().trimmed();
    if (input.comment.size() > maxTextLength) {
        *refusal = ApprovalRefusal{ QStringLiteral("too_long"),
                                    ApprovalMessages::commentTooLong(maxTextLength) };
        return true;
    }
    // Escalation on read: a late step takes in its escalated approvers before the decision
    // is judged, so an escalated manager's decision counts even if the periodic check has
    // not run yet.
    QStringList escalated;
    if (!escalateLoaded(db, state, &escalated, error))
        return false;
    SqlDirectory directory(db);
    const FlowEngine engine(directory);
    const Verdict verdict = DecisionRules(engine, directory).apply(state, input, now());
    if (!directory.error().isEmpty()) {
        *error = directory.error();
        return false;
    }
    if (!verdict.accepted) {
        *refusal = ApprovalRefusal{ verdict.code, verdict.message };
        return true;
    }
    if (verdict.approved) {
        std::optional<FlowDefinition> flow;
        if (!ApprovalFlows::version(db, state.flowCode, state.flowVersion, &flow, error))
            return false;
        if (!flow) {
            *error = ApprovalMessages::unknownFlow(state.flowCode);
            return false;
        }
        // The effect and the decision commit together or not at all: a refused effect
        // leaves the decision unrecorded and the step open.
        if (!ApprovalEffects::apply(db, state, flow->effect, caller.userId, refusal, error))
            return false;
        if (*refusal)
            return true;
    }
    const QString at = stamp();
    const DecisionRow row{ id,
                           target,
                           input.expectedStep,
                           caller.userId,
                           verdict.onBehalfOf,
                           input.decision,
                           input.delegateTo,
                           input.comment,
                           at };
    QList<ApprovalRow> rows;
    QStringList added;
    if (!ApprovalStore::insertDecision(db, row, at, error)
        || !ApprovalStore::save(db, state, at, &rows, error)
        || !ApprovalStore::join(db, target, verdict.newAudience, &added, error))
        return false;
    rows << ApprovalRow{ QStringLiteral("approval_decisions"), id };
    if (!ApprovalStore::log(db, target, rows, added, error))
        return false;
    QJsonObject detail{ { QStringLiteral("decision_id"), id },
                        { QStringLiteral("decision"), input.decision },
                        { QStringLiteral("step"), input.expectedStep },
                        { QStringLiteral("status"), state.status } };
    if (!verdict.onBehalfOf.isEmpty())
        detail.insert(QStringLiteral("on_behalf_of"), verdict.onBehalfOf);
    if (!input.delegateTo.isEmpty())
        detail.insert(QStringLiteral("delegate_to"), input.delegateTo);
    return audit(db, caller.userId, QStringLiteral("approval.decide"), target, detail, error);
}

bool ApprovalService::escalateLoaded(QSqlDatabase &db, RequestState &request, QStringList *added,
                                     QString *error) const
{
    const StepState *pending = request.step(request.currentStep);
    if (!pending)
        return true;
    const int before = pending->escalations;
    SqlDirectory directory(db);
    const QStringList people = FlowEngine(directory).escalate(request, now());
    if (!directory.error().isEmpty()) {
        *error = directory.error();
        return false;
    }
    const StepState *step = request.step(request.currentStep);
    if (step->escalations == before)
        return true; // not due, or nothing to escalate to
    QList<ApprovalRow> rows;
    QStringList joined;
    if (!ApprovalStore::save(db, request, stamp(), &rows, error)
        || !ApprovalStore::join(db, request.id, people, &joined, error)
        || !ApprovalStore::log(db, request.id, rows, joined, error))
        return false;
    *added = people;
    return audit(db, QString(), QStringLiteral("approval.escalate"), request.id,
                 { { QStringLiteral("step"), step->position },
                   { QStringLiteral("escalation"), step->escalations },
                   { QStringLiteral("added"), QJsonArray::fromStringList(people) } },
                 error);
}

bool ApprovalService::escalate(QSqlDatabase &db, const QString &requestId, QStringList *added,
                               QString *error) const
{
    RequestState state;
    bool found = false;
    if (!ApprovalStore::load(db, requestId, &state, &found, error))
        return false;
    return !found || escalateLoaded(db, state, added, error);
}

bool ApprovalService::escalateDue(const Database &database, int *escalated, QString *error) const
{
    *escalated = 0;
    QStringList due;
    QSqlDatabase db = database.connection(error);
    if (!db.isOpen() || !ApprovalStore::overdue(db, stamp(), &due, error))
        return false;
    for (const QString &id : std::as_const(due)) {
        QStringList added;
        if (!database.inTransaction(
                    [&](QSqlDatabase &tx, QString *txError) {
                        return escalate(tx, id, &added, txError);
                    },
                    error))
            return false;
        if (!added.isEmpty())
            ++*escalated;
    }
    return true;
}

} // namespace branchline::server
