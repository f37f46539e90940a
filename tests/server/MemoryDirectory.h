// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "approvals/OrgDirectory.h"

#include <QMap>

#include <algorithm>

namespace branchline::server::test {

// People and branches in memory, for the flow engine's tests.
class MemoryDirectory : public OrgDirectory
{
public:
    void addBranch(const QString &id, const QString &parentId, const QString &level)
    {
        m_branches.insert(id, DirectoryBranch{ id, parentId, level });
    }
    void addUser(const QString &id, Role role, const QString &branchId,
                 const QString &managerId = QString())
    {
        m_users.insert(id, DirectoryUser{ id, id.toUpper(), role, branchId, managerId, true });
    }
    DirectoryUser &user(const QString &id, bool) { return m_users[id]; }

    std::optional<DirectoryUser> user(const QString &id) const override
    {
        const auto it = m_users.constFind(id);
        return it == m_users.constEnd() ? std::nullopt : std::optional<DirectoryUser>(*it);
    }
    std::optional<DirectoryBranch> branch(const QString &id) const override
    {
        const auto it = m_branches.constFind(id);
        return it == m_branches.constEnd() ? std::nullopt : std::optional<DirectoryBranch>(*it);
    }
    QList<DirectoryUser> holders(Role role, const QString &branchId) const override
    {
        QList<DirectoryUser> found;
        for (const DirectoryUser &candidate : m_users)
            if (candidate.active && candidate.role == role
                && (branchId.isEmpty() || candidate.branchId == branchId))
                found << candidate;
        std::sort(found.begin(), found.end(),
                  [](const DirectoryUser &a, const DirectoryUser &b) { return a.id < b.id; });
        return found;
    }

private:
    QMap<QString, DirectoryUser> m_users;
    QMap<QString, DirectoryBranch> m_branches;
};

} // namespace branchline::server::test
