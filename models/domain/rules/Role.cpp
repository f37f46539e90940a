// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/rules/Role.h"

#include <QCoreApplication>

namespace branchline {

QList<Role> allRoles()
{
    return { Role::SalesRep, Role::BranchManager, Role::RiskOfficer, Role::Admin };
}

QString roleCode(Role role)
{
    switch (role) {
    case Role::SalesRep:
        return QStringLiteral("sales_rep");
    case Role::BranchManager:
        return QStringLiteral("branch_manager");
    case Role::RiskOfficer:
        return QStringLiteral("risk_officer");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

std::optional<Role> roleFromCode(const QString &code)
{
    for (const Role role : allRoles()) {
        if (roleCode(role) == code)
            return role;
    }
    return std::nullopt;
}

QString roleDisplayName(Role role)
{
    // Free functions have no tr(); "Role" is the context lupdate files these under.
    switch (role) {
    case Role::SalesRep:
        return QCoreApplication::translate("Role", "Sales rep");
    case Role::BranchManager:
        return QCoreApplication::translate("Role", "Branch manager");
    case Role::RiskOfficer:
        return QCoreApplication::translate("Role", "Risk and compliance officer");
    case Role::Admin:
        return QCoreApplication::translate("Role", "Administrator");
    }
    return {};
}

} // namespace branchline
