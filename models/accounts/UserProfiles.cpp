// SPDX-License-Identifier: GPL-3.0-or-later
#include "UserProfiles.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

UserProfiles::UserProfiles(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<UserProfile> UserProfiles::find(const QString &userId, StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT display_name, role, branch_id FROM users "
                                 "WHERE id = ? AND deleted = 0"));
    query.addBindValue(userId);
    if (!query.exec()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    const std::optional<Role> role = roleFromCode(query.value(1).toString());
    if (!role)
        return std::nullopt;
    return UserProfile{ userId, query.value(0).toString(), *role, query.value(2).toString() };
}

} // namespace branchline
