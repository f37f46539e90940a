// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlDirectory.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

SqlDirectory::SqlDirectory(QSqlDatabase &db)
    : m_db(db)
{
}

QList<DirectoryUser> SqlDirectory::select(const QString &where, const QVariantList &values) const
{
    QList<DirectoryUser> users;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, display_name, role, branch_id, manager_id, disabled "
                                 "FROM users WHERE %1 ORDER BY id")
                          .arg(where));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return users;
    }
    while (query.next()) {
        const std::optional<Role> role = roleFromCode(query.value(2).toString());
        DirectoryUser user{
            query.value(0).toString(),     query.value(1).toString(),
            role.value_or(Role::SalesRep), query.value(3).toString(),
            query.value(4).toString(),     query.value(5).toInt() == 0 && role.has_value()
        };
        m_users.insert(user.id, user);
        users << user;
    }
    return users;
}

std::optional<DirectoryUser> SqlDirectory::user(const QString &id) const
{
    if (id.isEmpty())
        return std::nullopt;
    if (const auto it = m_users.constFind(id); it != m_users.constEnd())
        return *it;
    const QList<DirectoryUser> found = select(QStringLiteral("id = ?"), { id });
    if (found.isEmpty())
        m_users.insert(id, std::nullopt);
    return found.isEmpty() ? std::nullopt : std::optional<DirectoryUser>(found.first());
}

std::optional<DirectoryBranch> SqlDirectory::branch(const QString &id) const
{
    if (id.isEmpty())
        return std::nullopt;
    if (const auto it = m_branches.constFind(id); it != m_branches.constEnd())
        return *it;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, parent_id, level FROM branches WHERE id = ?"));
    query.addBindValue(id);
    std::optional<DirectoryBranch> found;
    if (!query.exec())
        m_error = query.lastError().text();
    else if (query.next())
        found = DirectoryBranch{ query.value(0).toString(), query.value(1).toString(),
                                 query.value(2).toString() };
    m_branches.insert(id, found);
    return found;
}

QList<DirectoryUser> SqlDirectory::holders(Role role, const QString &branchId) const
{
    if (branchId.isEmpty())
        return select(QStringLiteral("role = ? AND disabled = 0"), { roleCode(role) });
    return select(QStringLiteral("role = ? AND branch_id = ? AND disabled = 0"),
                  { roleCode(role), branchId });
}

} // namespace branchline::server
