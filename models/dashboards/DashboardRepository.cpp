// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardRepository.h"

#include "repositories/Outbox.h"
#include "repositories/RecordTable.h"
#include "domain/rules/DashboardRules.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

const QString tableName = QStringLiteral("dashboards");

SaveResult refused(const QString &field, const QString &message)
{
    return SaveResult::invalid({ FieldIssue{ field, message } });
}

} // namespace

DashboardRepository::DashboardRepository(const QSqlDatabase &db, QString userId, Role role)
    : m_db(db)
    , m_userId(std::move(userId))
    , m_role(role)
{
}

QList<SavedDashboard> DashboardRepository::mine(StoreError *error) const
{
    return list(QStringLiteral("owner_id = ?"), m_userId, error);
}

QList<SavedDashboard> DashboardRepository::sharedWithMe(StoreError *error) const
{
    // The server sends only what this user may see: anything not theirs is shared with them.
    return list(QStringLiteral("owner_id <> ?"), m_userId, error);
}

std::optional<SavedDashboard> DashboardRepository::find(const QString &id, StoreError *error) const
{
    QList<SavedDashboard> found = list(QStringLiteral("id = ?"), id, error);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<SavedDashboard> DashboardRepository::list(const QString &where, const QString &value,
                                                StoreError *error) const
{
    QList<SavedDashboard> dashboards;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // `where` is one of this file's conditions with one bound value.
    query.prepare(QStringLiteral("SELECT id, owner_id, name, definition, shared_roles, "
                                 "shared_branches, version, updated_at FROM dashboards "
                                 "WHERE deleted = 0 AND %1 ORDER BY name, id")
                          .arg(where));
    query.addBindValue(value);
    if (!query.exec()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return dashboards;
    }
    Outbox outbox(m_db);
    while (query.next()) {
        SavedDashboard saved;
        const QByteArray layout = query.value(3).toString().toUtf8();
        QString problem;
        QJsonObject json = QJsonDocument::fromJson(layout).object();
        // The columns are the truth for what they hold; the layout has the rest.
        json.insert(QStringLiteral("id"), query.value(0).toString());
        json.insert(QStringLiteral("name"), query.value(2).toString());
        json.insert(QStringLiteral("owner_id"), query.value(1).toString());
        if (std::optional<DashboardDefinition> definition =
                    DashboardDefinition::fromJson(json, &problem))
            saved.definition = std::move(*definition);
        else
            saved.problem =
                    problem.isEmpty() ? tr("The dashboard's layout cannot be read.") : problem;
        saved.definition.id = query.value(0).toString();
        saved.definition.ownerId = query.value(1).toString();
        saved.definition.name = query.value(2).toString();
        saved.definition.sharedRoles =
                DashboardRules::listFromText(query.value(4).toString()).value_or(QStringList());
        saved.definition.sharedBranches =
                DashboardRules::listFromText(query.value(5).toString()).value_or(QStringList());
        saved.version = query.value(6).toLongLong();
        saved.updatedAt = RecordTable::parseTimestamp(query.value(7));
        saved.readOnly = saved.definition.ownerId != m_userId;
        saved.pending = outbox.hasPending(tableName, saved.definition.id);
        dashboards << saved;
    }
    return dashboards;
}

std::optional<QString> DashboardRepository::storedLayout(const DashboardDefinition &definition,
                                                         QString *layout)
{
    if (auto problem = DashboardRules::nameProblem(definition.name))
        return problem;
    const QString invalid = definition.validate();
    if (!invalid.isEmpty())
        return invalid;
    QJsonObject json = definition.toJson();
    for (const QString &key : DashboardRules::columnKeys())
        json.remove(key);
    if (auto problem = DashboardRules::definitionProblem(json))
        return problem;
    *layout = QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
    return std::nullopt;
}

QStringList DashboardRepository::shareableBranches() const
{
    QStringList branches;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (m_role == Role::Admin) {
        if (query.exec(QStringLiteral("SELECT id FROM branches WHERE deleted = 0 ORDER BY name")))
            while (query.next())
                branches << query.value(0).toString();
        return branches;
    }
    if (m_role != Role::BranchManager)
        return branches;
    // The manager's branch and every branch below it, from the synced branch tree.
    query.prepare(QStringLiteral("WITH RECURSIVE subtree(id) AS (SELECT branch_id FROM users "
                                 "WHERE id = ? AND branch_id IS NOT NULL UNION SELECT b.id FROM "
                                 "branches b JOIN subtree s ON b.parent_id = s.id) "
                                 "SELECT id FROM subtree"));
    query.addBindValue(m_userId);
    if (query.exec())
        while (query.next())
            branches << query.value(0).toString();
    return branches;
}

SaveResult DashboardRepository::save(DashboardDefinition &definition)
{
    if (definition.builtIn)
        return refused(QStringLiteral("name"),
                       tr("A built-in dashboard cannot be changed; save a copy of it instead."));
    StoreError error;
    std::optional<SavedDashboard> existing;
    if (!definition.id.isEmpty()) {
        existing = find(definition.id, &error);
        if (error.isError())
            return SaveResult::failed(error);
    }
    if (existing && existing->readOnly)
        return refused(QStringLiteral("owner_id"),
                       tr("This dashboard is shared with you read-only; only its owner can "
                          "change it. Save a copy to make it yours."));
    definition.name = definition.name.trimmed();
    QString layout;
    if (auto problem = storedLayout(definition, &layout))
        return refused(QStringLiteral("definition"), *problem);
    const QStringList before[2] = { existing ? existing->definition.sharedRoles : QStringList(),
                                    existing ? existing->definition.sharedBranches
                                             : QStringList() };
    QStringList addedRoles;
    QStringList addedBranches;
    for (const QString &role : std::as_const(definition.sharedRoles))
        if (!before[0].contains(role))
            addedRoles << role;
    for (const QString &branch : std::as_const(definition.sharedBranches))
        if (!before[1].contains(branch))
            addedBranches << branch;
    if (auto problem = DashboardRules::sharingProblem(m_role, addedRoles, addedBranches,
                                                      shareableBranches()))
        return refused(QStringLiteral("shared_branches"), *problem);

    RecordTable table(m_db, tableName);
    RecordTable::Columns columns{
        { QStringLiteral("name"), definition.name },
        { QStringLiteral("definition"), layout },
        { QStringLiteral("shared_roles"), DashboardRules::listText(definition.sharedRoles) },
        { QStringLiteral("shared_branches"), DashboardRules::listText(definition.sharedBranches) },
    };
    SyncMeta meta;
    meta.id = definition.id;
    if (existing) {
        if (!table.update(meta, columns, &error))
            return SaveResult::failed(error);
    } else {
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("SELECT branch_id FROM users WHERE id = ?"));
        query.addBindValue(m_userId);
        const QString branch = query.exec() && query.next() ? query.value(0).toString() : QString();
        columns.prepend({ QStringLiteral("branch_id"), RecordTable::nullIfEmpty(branch) });
        columns.prepend({ QStringLiteral("owner_id"), m_userId });
        if (!table.insert(meta, columns, &error))
            return SaveResult::failed(error);
        definition.id = meta.id;
    }
    definition.ownerId = m_userId;
    return SaveResult::success();
}

SaveResult DashboardRepository::remove(const QString &id)
{
    StoreError error;
    const std::optional<SavedDashboard> existing = find(id, &error);
    if (error.isError())
        return SaveResult::failed(error);
    if (!existing)
        return SaveResult::failed(StoreError::make(StoreError::Kind::RecordNotFound, id));
    if (existing->readOnly)
        return refused(QStringLiteral("owner_id"),
                       tr("This dashboard is shared with you read-only; only its owner can "
                          "delete it."));
    return RecordTable(m_db, tableName).remove(id);
}

} // namespace branchline
