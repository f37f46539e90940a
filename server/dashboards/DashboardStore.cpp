// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardStore.h"

#include "core/Database.h"
#include "core/SqlValues.h"
#include "domain/rules/DashboardRules.h"
#include "sync/ChangeLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

namespace {

const char *const columns = "id, owner_id, branch_id, name, definition, shared_roles, "
                            "shared_branches, version, deleted, created_at, updated_at";

bool run(QSqlQuery &query, QString *error)
{
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

DashboardRow read(const QSqlQuery &query)
{
    DashboardRow row;
    row.id = query.value(0).toString();
    row.ownerId = query.value(1).toString();
    row.branchId = query.value(2).toString();
    row.name = query.value(3).toString();
    row.definition = query.value(4).toString();
    row.sharedRoles =
            DashboardRules::listFromText(query.value(5).toString()).value_or(QStringList());
    row.sharedBranches =
            DashboardRules::listFromText(query.value(6).toString()).value_or(QStringList());
    row.version = query.value(7).toLongLong();
    row.deleted = query.value(8).toInt() != 0;
    row.createdAt = query.value(9).toString();
    row.updatedAt = query.value(10).toString();
    return row;
}

bool writeShares(QSqlDatabase &db, const DashboardRow &row, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM dashboard_shares WHERE dashboard_id = ?"));
    query.addBindValue(row.id);
    if (!run(query, error))
        return false;
    query.prepare(QStringLiteral(
            "INSERT INTO dashboard_shares (dashboard_id, kind, target) VALUES (?, ?, ?)"));
    const QList<QPair<QString, QStringList>> lists{ { QStringLiteral("role"), row.sharedRoles },
                                                    { QStringLiteral("branch"),
                                                      row.sharedBranches } };
    for (const auto &[kind, targets] : lists) {
        for (const QString &target : targets) {
            query.addBindValue(row.id);
            query.addBindValue(kind);
            query.addBindValue(target);
            if (!run(query, error))
                return false;
        }
    }
    return true;
}

// Adds the users `sql` finds (id, branch id) with `values` bound.
bool addUsers(QSqlDatabase &db, const QString &sql, const QStringList &values,
              QMap<QString, QString> *users, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QString &value : values)
        query.addBindValue(value);
    if (!run(query, error))
        return false;
    while (query.next())
        users->insert(query.value(0).toString(), query.value(1).toString());
    return true;
}

} // namespace

bool DashboardStore::load(QSqlDatabase &db, const QString &id, DashboardRow *row, bool *found,
                          QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM dashboards WHERE id = ?%2")
                          .arg(QLatin1String(columns), Database::forUpdate(db)));
    query.addBindValue(id);
    if (!run(query, error))
        return false;
    *found = query.next();
    if (*found)
        *row = read(query);
    return true;
}

bool DashboardStore::insert(QSqlDatabase &db, const DashboardRow &row, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO dashboards (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                 "?, ?, ?)")
                          .arg(QLatin1String(columns)));
    query.addBindValue(row.id);
    query.addBindValue(row.ownerId);
    query.addBindValue(nullableText(row.branchId));
    query.addBindValue(row.name);
    query.addBindValue(row.definition);
    query.addBindValue(DashboardRules::listText(row.sharedRoles));
    query.addBindValue(DashboardRules::listText(row.sharedBranches));
    query.addBindValue(row.version);
    query.addBindValue(row.deleted ? 1 : 0);
    query.addBindValue(row.createdAt);
    query.addBindValue(row.updatedAt);
    return run(query, error) && writeShares(db, row, error);
}

bool DashboardStore::update(QSqlDatabase &db, const DashboardRow &row, QString *error)
{
    QSqlQuery query(db);
    query.prepare(
            QStringLiteral("UPDATE dashboards SET name = ?, definition = ?, shared_roles = ?, "
                           "shared_branches = ?, deleted = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(row.name);
    query.addBindValue(row.definition);
    query.addBindValue(DashboardRules::listText(row.sharedRoles));
    query.addBindValue(DashboardRules::listText(row.sharedBranches));
    query.addBindValue(row.deleted ? 1 : 0);
    query.addBindValue(row.updatedAt);
    query.addBindValue(row.id);
    return run(query, error) && writeShares(db, row, error);
}

bool DashboardStore::reachingBranches(QSqlDatabase &db, const Caller &caller,
                                      const DataScope &scope, QStringList *branches, QString *error)
{
    if (scope.reach() == DataScope::Reach::BranchSubtree)
        *branches = scope.branchIds();
    if (caller.branchId.isEmpty())
        return true;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("WITH RECURSIVE up(id) AS (SELECT id FROM branches WHERE id = ? "
                                 "UNION SELECT b.parent_id FROM branches b JOIN up ON b.id = "
                                 "up.id WHERE b.parent_id IS NOT NULL) SELECT id FROM up"));
    query.addBindValue(caller.branchId);
    if (!run(query, error))
        return false;
    while (query.next())
        if (!branches->contains(query.value(0).toString()))
            branches->append(query.value(0).toString());
    return true;
}

QString DashboardStore::visibleCondition(const Caller &caller, const QStringList &branches,
                                         QVariantList *values)
{
    values->append(caller.userId);
    values->append(roleCode(caller.role));
    QString branchTest = QStringLiteral("1 = 0");
    if (!branches.isEmpty()) {
        branchTest = QStringLiteral("s.target IN (%1)").arg(placeholders(branches.size()));
        for (const QString &branch : branches)
            values->append(branch);
    }
    return QStringLiteral("(dashboards.owner_id = ? OR EXISTS (SELECT 1 FROM dashboard_shares s "
                          "WHERE s.dashboard_id = dashboards.id AND ((s.kind = 'role' AND "
                          "s.target = ?) OR (s.kind = 'branch' AND %1))))")
            .arg(branchTest);
}

bool DashboardStore::audience(QSqlDatabase &db, const DashboardRow &row, QList<ScopeKeys> *members,
                              QString *error)
{
    QMap<QString, QString> users; // id -> branch, in id order
    if (!addUsers(db, QStringLiteral("SELECT id, branch_id FROM users WHERE id = ?"),
                  { row.ownerId }, &users, error))
        return false;
    if (!row.sharedRoles.isEmpty()
        && !addUsers(db,
                     QStringLiteral("SELECT id, branch_id FROM users WHERE role IN (%1)")
                             .arg(placeholders(row.sharedRoles.size())),
                     row.sharedRoles, &users, error))
        return false;
    if (!row.sharedBranches.isEmpty()) {
        const QString in = placeholders(row.sharedBranches.size());
        // People of the shared branches and of every branch below them.
        if (!addUsers(db,
                      QStringLiteral("WITH RECURSIVE down(id) AS (SELECT id FROM branches "
                                     "WHERE id IN (%1) UNION SELECT b.id FROM branches b JOIN "
                                     "down ON b.parent_id = down.id) SELECT id, branch_id FROM "
                                     "users WHERE branch_id IN (SELECT id FROM down)")
                              .arg(in),
                      row.sharedBranches, &users, error)
            // The managers at the shared branches and above them: the branches' ancestors.
            // UNION stops at a cycle an administrator may have made by mistake.
            || !addUsers(db,
                         QStringLiteral("WITH RECURSIVE up(id) AS (SELECT id FROM branches "
                                        "WHERE id IN (%1) UNION SELECT b.parent_id FROM "
                                        "branches b JOIN up ON b.id = up.id WHERE b.parent_id "
                                        "IS NOT NULL) SELECT u.id, u.branch_id FROM users u "
                                        "WHERE u.role = 'branch_manager' AND u.branch_id IN "
                                        "(SELECT id FROM up)")
                                 .arg(in),
                         row.sharedBranches, &users, error))
            return false;
    }
    for (auto it = users.cbegin(); it != users.cend(); ++it)
        members->append(ScopeKeys{ it.key(), it.value(), false });
    return true;
}

bool DashboardStore::select(QSqlDatabase &db, const QString &where, const QVariantList &values,
                            QList<sync::Change> *changes, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM dashboards WHERE %2")
                          .arg(QLatin1String(columns), where));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!run(query, error))
        return false;
    QStringList ids;
    const qsizetype first = changes->size();
    while (query.next()) {
        const DashboardRow row = read(query);
        changes->append(sync::Change{ QStringLiteral("dashboards"),
                                      row.id,
                                      sync::Change::Op::Upsert,
                                      row.version,
                                      wireRow(row),
                                      {} });
        ids << row.id;
    }
    query.finish();
    QHash<QString, sync::FieldVersions> versions;
    if (!ChangeLog::fieldVersions(db, QStringLiteral("dashboards"), ids, &versions, error))
        return false;
    for (qsizetype i = first; i < changes->size(); ++i)
        (*changes)[i].versions = versions.value((*changes)[i].id);
    return true;
}

QJsonObject DashboardStore::wireRow(const DashboardRow &row)
{
    return QJsonObject{
        { QStringLiteral("owner_id"), row.ownerId },
        { QStringLiteral("branch_id"), row.branchId },
        { QStringLiteral("name"), row.name },
        { QStringLiteral("definition"), QJsonDocument::fromJson(row.definition.toUtf8()).object() },
        { QStringLiteral("shared_roles"), QJsonArray::fromStringList(row.sharedRoles) },
        { QStringLiteral("shared_branches"), QJsonArray::fromStringList(row.sharedBranches) },
        { QStringLiteral("version"), double(row.version) },
        { QStringLiteral("deleted"), row.deleted },
        { QStringLiteral("created_at"), row.createdAt },
        { QStringLiteral("updated_at"), row.updatedAt },
    };
}

} // namespace branchline::server
