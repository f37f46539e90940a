// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Authenticator.h"

#include <QStringList>
#include <QVariantList>

namespace branchline::server {

// Who may see a change: the record's owner and branch (rule 11). `everyone` marks
// reference data every signed-in user receives (branches, users).
struct ScopeKeys
{
    QString ownerId;
    QString branchId;
    bool everyone = false;

    bool operator==(const ScopeKeys &other) const
    {
        return ownerId == other.ownerId && branchId == other.branchId && everyone == other.everyone;
    }
};

// Which records a caller may see, from their role: a sales rep their own, a branch manager
// everything in their branch and the branches below it, risk officers and admins all.
// Every records query and every change-log page is filtered by it on the server; a client
// never decides its own scope.
class DataScope
{
    Q_DECLARE_TR_FUNCTIONS(DataScope)

public:
    enum class Reach { Own, BranchSubtree, All };

    static Reach reachOf(Role role);

    // Resolves the caller's scope; for a branch manager this reads the branch tree.
    static bool resolve(QSqlDatabase &db, const Caller &caller, DataScope *scope, QString *error);

    Reach reach() const { return m_reach; }
    QString userId() const { return m_userId; }
    QStringList branchIds() const { return m_branchIds; } // with Reach::BranchSubtree

    // A condition on a table's `owner_id` / `branch_id` columns (with `alias.` if given) and
    // its bound values; "1 = 1" for Reach::All.
    QString condition(const QString &alias, QVariantList *values) const;
    // The same on other columns: the change log's scope keys before a change.
    QString conditionOn(const QString &ownerColumn, const QString &branchColumn,
                        QVariantList *values) const;
    bool contains(const QString &ownerId, const QString &branchId) const;
    bool contains(const ScopeKeys &keys) const
    {
        return keys.everyone || contains(keys.ownerId, keys.branchId);
    }

private:
    Reach m_reach = Reach::Own;
    QString m_userId;
    QStringList m_branchIds;
};

} // namespace branchline::server
