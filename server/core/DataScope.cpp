// SPDX-License-Identifier: GPL-3.0-or-later
#include "DataScope.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

DataScope::Reach DataScope::reachOf(Role role)
{
    switch (role) {
    case Role::SalesRep:
        return Reach::Own;
    case Role::BranchManager:
        return Reach::BranchSubtree;
    case Role::RiskOfficer:
    case Role::Admin:
        return Reach::All;
    }
    return Reach::Own; // an unknown role gets the narrowest scope
}

bool DataScope::resolve(QSqlDatabase &db, const Caller &caller, DataScope *scope, QString *error)
{
    scope->m_reach = reachOf(caller.role);
    scope->m_userId = caller.userId;
    scope->m_branchIds.clear();
    if (scope->m_reach != Reach::BranchSubtree)
        return true;
    if (caller.branchId.isEmpty()) {
        // A manager without a branch manages nothing but their own records.
        scope->m_reach = Reach::Own;
        return true;
    }
    // The branch and every branch below it. Recursive CTEs run alike on SQLite and
    // PostgreSQL; UNION (not UNION ALL) stops at a cycle an admin may have made by mistake.
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("WITH RECURSIVE subtree(id) AS ("
                                 "  SELECT id FROM branches WHERE id = ?"
                                 "  UNION SELECT b.id FROM branches b JOIN subtree s "
                                 "  ON b.parent_id = s.id) "
                                 "SELECT id FROM subtree"));
    query.addBindValue(caller.branchId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next())
        scope->m_branchIds << query.value(0).toString();
    return true;
}

QString DataScope::condition(const QString &alias, QVariantList *values) const
{
    const QString prefix = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    return conditionOn(prefix + QStringLiteral("owner_id"), prefix + QStringLiteral("branch_id"),
                       values);
}

QString DataScope::conditionOn(const QString &ownerColumn, const QString &branchColumn,
                               QVariantList *values) const
{
    switch (m_reach) {
    case Reach::All:
        return QStringLiteral("1 = 1");
    case Reach::Own:
        values->append(m_userId);
        return ownerColumn + QStringLiteral(" = ?");
    case Reach::BranchSubtree: {
        if (m_branchIds.isEmpty())
            return QStringLiteral("1 = 0");
        QStringList marks;
        for (const QString &id : m_branchIds) {
            marks << QStringLiteral("?");
            values->append(id);
        }
        return branchColumn + QStringLiteral(" IN (") + marks.join(QStringLiteral(", "))
                + QLatin1Char(')');
    }
    }
    return QStringLiteral("1 = 0");
}

bool DataScope::contains(const QString &ownerId, const QString &branchId) const
{
    switch (m_reach) {
    case Reach::All:
        return true;
    case Reach::Own:
        return !ownerId.isEmpty() && ownerId == m_userId;
    case Reach::BranchSubtree:
        return !branchId.isEmpty() && m_branchIds.contains(branchId);
    }
    return false;
}

} // namespace branchline::server
