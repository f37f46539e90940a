// SPDX-License-Identifier: GPL-3.0-or-later
#include "FlowAdmin.h"

#include "ApprovalFlows.h"
#include "ApprovalMessages.h"
#include "SqlDirectory.h"
#include "core/AuditLog.h"

#include <QJsonArray>

namespace branchline::server {

namespace {

std::optional<RecordOutcome> refuseNonAdmin(const Caller &caller)
{
    if (caller.role == Role::Admin)
        return std::nullopt;
    return RecordSupport::failure(403, QStringLiteral("forbidden"), ApprovalMessages::adminOnly());
}

QJsonArray toArray(const QList<StoredFlow> &flows)
{
    QJsonArray items;
    for (const StoredFlow &flow : flows)
        items.append(flow.toJson());
    return items;
}

// The users a flow names (approvers and escalation targets) that are not active users.
QString missingUser(const FlowDefinition &flow, const OrgDirectory &directory)
{
    QStringList named;
    for (const StepDefinition &step : flow.steps) {
        for (const ApproverRule &rule : step.approvers)
            if (rule.kind == ApproverRule::Kind::Users)
                named += rule.userIds;
        if (step.escalation.kind == Escalation::Kind::User)
            named << step.escalation.userId;
    }
    for (const QString &id : std::as_const(named)) {
        const std::optional<DirectoryUser> user = directory.user(id);
        if (!user || !user->active)
            return id;
    }
    return QString();
}

} // namespace

FlowAdmin::FlowAdmin(const Database &database)
    : m_database(database)
{
}

RecordOutcome FlowAdmin::list(const Caller &caller) const
{
    if (auto refusal = refuseNonAdmin(caller))
        return *refusal;
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    QList<StoredFlow> flows;
    if (!db.isOpen() || !ApprovalFlows::list(db, QString(), &flows, &error))
        return RecordSupport::storageFailure(error);
    return RecordOutcome{ 200, { { QStringLiteral("items"), toArray(flows) } } };
}

RecordOutcome FlowAdmin::get(const Caller &caller, const QString &code) const
{
    if (auto refusal = refuseNonAdmin(caller))
        return *refusal;
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    QList<StoredFlow> flows;
    if (!db.isOpen() || !ApprovalFlows::list(db, code, &flows, &error))
        return RecordSupport::storageFailure(error);
    if (flows.isEmpty())
        return RecordSupport::failure(404, QStringLiteral("not_found"),
                                      ApprovalMessages::flowNotFound(code));
    QJsonValue active;
    for (const StoredFlow &flow : std::as_const(flows))
        if (flow.active)
            active = flow.version;
    return RecordOutcome{ 200,
                          { { QStringLiteral("code"), code },
                            { QStringLiteral("active_version"), active },
                            { QStringLiteral("versions"), toArray(flows) } } };
}

RecordOutcome FlowAdmin::addVersion(const Caller &caller, const QString &code,
                                    const QJsonObject &body) const
{
    if (auto refusal = refuseNonAdmin(caller))
        return *refusal;
    if (!body.value(QStringLiteral("definition")).isObject()
        || !(body.value(QStringLiteral("activate")).isBool()
             || body.value(QStringLiteral("activate")).isUndefined()))
        return RecordSupport::failure(400, QStringLiteral("malformed_body"),
                                      ApprovalMessages::definitionRequired());
    QString problem;
    std::optional<FlowDefinition> flow = FlowDefinition::fromJson(
            body.value(QStringLiteral("definition")).toObject(), code, 0, &problem);
    if (!flow)
        return RecordSupport::failure(422, QStringLiteral("invalid_flow"), problem);
    const bool activate = body.value(QStringLiteral("activate")).toBool();
    RecordOutcome outcome;
    QString error;
    const bool ok = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                SqlDirectory directory(db);
                const QString missing = missingUser(*flow, directory);
                if (!directory.error().isEmpty()) {
                    *txError = directory.error();
                    return false;
                }
                if (!missing.isEmpty()) {
                    outcome = RecordSupport::failure(422, QStringLiteral("invalid_flow"),
                                                     ApprovalMessages::unknownUser(missing));
                    return true;
                }
                const QString now = RecordSupport::now();
                if (!ApprovalFlows::add(db, *flow, caller.userId, activate, now, txError))
                    return false;
                const StoredFlow stored{ flow->code,    flow->version, flow->toJson(),
                                         caller.userId, now,           activate };
                outcome = RecordOutcome{ 201, stored.toJson() };
                return AuditLog::append(
                        db,
                        { caller.userId, QStringLiteral("approval_flow.create"),
                          QStringLiteral("approval_flows"),
                          QStringLiteral("%1/%2").arg(flow->code).arg(flow->version), QString(),
                          RecordSupport::json(
                                  { { QStringLiteral("active"), activate },
                                    { QStringLiteral("steps"), int(flow->steps.size()) } }) },
                        txError);
            },
            &error);
    return ok ? outcome : RecordSupport::storageFailure(error);
}

RecordOutcome FlowAdmin::activate(const Caller &caller, const QString &code,
                                  const QString &version) const
{
    if (auto refusal = refuseNonAdmin(caller))
        return *refusal;
    bool numeric = false;
    const int number = version.toInt(&numeric);
    RecordOutcome outcome;
    QString error;
    const bool ok = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                bool found = false;
                if (numeric && !ApprovalFlows::activate(db, code, number, &found, txError))
                    return false;
                if (!found) {
                    outcome =
                            RecordSupport::failure(404, QStringLiteral("not_found"),
                                                   ApprovalMessages::versionNotFound(code, number));
                    return true;
                }
                outcome = RecordOutcome{ 200,
                                         { { QStringLiteral("code"), code },
                                           { QStringLiteral("active_version"), number } } };
                return AuditLog::append(db,
                                        { caller.userId, QStringLiteral("approval_flow.activate"),
                                          QStringLiteral("approval_flows"),
                                          QStringLiteral("%1/%2").arg(code).arg(number), QString(),
                                          QString() },
                                        txError);
            },
            &error);
    return ok ? outcome : RecordSupport::storageFailure(error);
}

} // namespace branchline::server
