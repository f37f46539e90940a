// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardWriter.h"

#include "DashboardFields.h"
#include "core/AuditLog.h"
#include "records/RecordSupport.h"
#include "domain/rules/DashboardRules.h"
#include "sync/ChangeLog.h"
#include "sync/ConflictJournal.h"
#include "sync/SyncMessages.h"

#include <QJsonArray>

namespace branchline::server {

namespace {

const QString tableName = QStringLiteral("dashboards");

} // namespace

DashboardWriter::DashboardWriter(QSqlDatabase &db, const MutationContext &context,
                                 sync::MutationResult *result)
    : m_db(db)
    , m_context(context)
    , m_result(result)
{
}

bool DashboardWriter::audit(QSqlDatabase &db, const Caller &caller, const QString &action,
                            const QString &id, const QJsonObject &detail, QString *error)
{
    return AuditLog::append(db,
                            { caller.userId, action, tableName, id, QString(),
                              detail.isEmpty() ? QString() : RecordSupport::json(detail) },
                            error);
}

bool DashboardWriter::refuse(const QString &problem, bool sendBack)
{
    m_refusal = problem;
    m_sendBack = sendBack;
    return true;
}

bool DashboardWriter::insert(const sync::Mutation &mutation, QString *error)
{
    DashboardRow row;
    row.id = mutation.id;
    row.ownerId = m_context.caller.userId; // whatever the client said: the sender owns it
    row.branchId = m_context.caller.branchId;
    QStringList set;
    std::optional<QString> problem = DashboardFields::apply(mutation.fields, &row, &set);
    if (!problem && !set.contains(QStringLiteral("definition")))
        problem = tr("A new dashboard needs its layout.");
    if (!problem && row.name.isEmpty())
        problem = DashboardRules::nameProblem(row.name);
    if (!problem)
        problem = DashboardRules::sharingProblem(m_context.caller.role, row.sharedRoles,
                                                 row.sharedBranches, m_context.scope.branchIds());
    if (problem)
        return refuse(*problem, false);
    row.createdAt = RecordSupport::now();
    row.updatedAt = row.createdAt;
    if (!DashboardStore::insert(m_db, row, error) || !log(row, {}, nullptr, error)
        || !audit(m_db, m_context.caller, QStringLiteral("dashboard.create"), row.id,
                  { { QStringLiteral("name"), row.name } }, error))
        return false;
    if (row.sharedRoles.isEmpty() && row.sharedBranches.isEmpty())
        return true;
    return audit(m_db, m_context.caller, QStringLiteral("dashboard.share"), row.id,
                 { { QStringLiteral("roles"), QJsonArray::fromStringList(row.sharedRoles) },
                   { QStringLiteral("branches"), QJsonArray::fromStringList(row.sharedBranches) } },
                 error);
}

bool DashboardWriter::update(const sync::Mutation &mutation, const DashboardRow &current,
                             bool checkBases, QString *error)
{
    DashboardRow row = current;
    QStringList set;
    std::optional<QString> problem = DashboardFields::apply(mutation.fields, &row, &set);
    if (!problem)
        problem = DashboardRules::sharingProblem(
                m_context.caller.role, DashboardFields::added(current.sharedRoles, row.sharedRoles),
                DashboardFields::added(current.sharedBranches, row.sharedBranches),
                m_context.scope.branchIds());
    if (problem)
        return refuse(*problem, true);
    if (set.isEmpty()) {
        m_result->seq = current.version;
        return true;
    }
    // Per field: a base older than the server's version means the owner's other device
    // changed it meanwhile. The later applied edit wins; the value it replaces is kept.
    const QJsonObject before = DashboardStore::wireRow(current);
    const QJsonObject after = DashboardStore::wireRow(row);
    for (const QString &field : std::as_const(set)) {
        qint64 fieldSeq = 0;
        QString author;
        if (!ChangeLog::fieldVersion(m_db, tableName, row.id, field, &fieldSeq, &author, error))
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
        entry.clientId = m_context.clientId;
        entry.mutation = mutation.number;
        entry.userId = author;
        entry.otherUserId = m_context.caller.userId;
        entry.branchId = row.branchId;
        entry.message = SyncMessages::overwritten(field);
        if (!ConflictJournal::open(m_db, entry, error))
            return false;
        m_result->conflicts << entry.id;
        m_result->outcome = sync::Outcome::Merged;
    }
    row.updatedAt = RecordSupport::now();
    if (!DashboardStore::update(m_db, row, error) || !log(row, set, &current, error)
        || !audit(m_db, m_context.caller, QStringLiteral("dashboard.update"), row.id,
                  { { QStringLiteral("fields"), QJsonArray::fromStringList(set) } }, error))
        return false;
    if (!set.contains(QStringLiteral("shared_roles"))
        && !set.contains(QStringLiteral("shared_branches")))
        return true;
    return audit(
            m_db, m_context.caller, QStringLiteral("dashboard.share"), row.id,
            { { QStringLiteral("roles"), QJsonArray::fromStringList(row.sharedRoles) },
              { QStringLiteral("branches"), QJsonArray::fromStringList(row.sharedBranches) },
              { QStringLiteral("roles_before"), QJsonArray::fromStringList(current.sharedRoles) },
              { QStringLiteral("branches_before"),
                QJsonArray::fromStringList(current.sharedBranches) } },
            error);
}

bool DashboardWriter::remove(const DashboardRow &current, QString *error)
{
    DashboardRow row = current;
    row.deleted = true;
    row.updatedAt = RecordSupport::now();
    // The share rows stay: the tombstone reaches everyone who had the dashboard.
    return DashboardStore::update(m_db, row, error) && log(row, {}, &current, error)
            && audit(m_db, m_context.caller, QStringLiteral("dashboard.delete"), row.id,
                     { { QStringLiteral("name"), row.name } }, error);
}

bool DashboardWriter::log(DashboardRow &row, const QStringList &fields, const DashboardRow *before,
                          QString *error)
{
    QList<ScopeKeys> members;
    if (!DashboardStore::audience(m_db, row, &members, error)
        || (before && !DashboardStore::audience(m_db, *before, &members, error)))
        return false;
    const ScopeKeys owner{ row.ownerId, row.branchId, false };
    QStringList logged{ row.ownerId };
    qint64 seq = 0;
    for (const ScopeKeys &member : std::as_const(members)) {
        if (logged.contains(member.ownerId))
            continue;
        logged << member.ownerId;
        if (!ChangeLog::touch(m_db, tableName, row.id, member, &seq, error))
            return false;
    }
    // Last, so the record's version and its fields' versions are the newest seq.
    if (!ChangeLog::record(m_db, tableName, row.id, fields, owner, owner, m_context.caller.userId,
                           &seq, error))
        return false;
    row.version = seq;
    m_result->seq = seq;
    return true;
}

} // namespace branchline::server
