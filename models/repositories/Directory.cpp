// SPDX-License-Identifier: GPL-3.0-or-later
#include "Directory.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

Directory::Directory(const QSqlDatabase &db)
    : m_db(db)
{
}

QList<DirectoryEntry> Directory::branches(StoreError *error) const
{
    return entries(QStringLiteral("SELECT id, name FROM branches WHERE deleted = 0 "
                                  "ORDER BY name, id"),
                   error);
}

QList<DirectoryEntry> Directory::users(StoreError *error) const
{
    return entries(QStringLiteral("SELECT id, display_name FROM users "
                                  "WHERE deleted = 0 AND active = 1 ORDER BY display_name, id"),
                   error);
}

QString Directory::branchName(const QString &branchId) const
{
    return value(QStringLiteral("SELECT name FROM branches WHERE id = ?"), branchId);
}

QString Directory::userName(const QString &userId) const
{
    return value(QStringLiteral("SELECT display_name FROM users WHERE id = ?"), userId);
}

QString Directory::branchOfUser(const QString &userId) const
{
    return value(QStringLiteral("SELECT branch_id FROM users WHERE id = ?"), userId);
}

QList<DirectoryEntry> Directory::entries(const QString &sql, StoreError *error) const
{
    QList<DirectoryEntry> rows;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return rows;
    }
    while (query.next())
        rows << DirectoryEntry{ query.value(0).toString(), query.value(1).toString() };
    return rows;
}

QString Directory::value(const QString &sql, const QString &id) const
{
    // A deleted user or branch still names the records it owned, so these do not filter on
    // `deleted`: the name is only a label, never a permission.
    if (id.isEmpty())
        return {};
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(sql);
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

} // namespace branchline
