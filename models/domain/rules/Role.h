// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace branchline {

// The role a user signs in with; one per user (users.role in the store). The order is
// used as an index by FieldPolicy's table, so add new roles at the end.
enum class Role { SalesRep, BranchManager, RiskOfficer, Admin };

// Every role, in declaration order: for role pickers and for tests that cover them all.
QList<Role> allRoles();

// The stable code stored in the database and sent over the API ("sales_rep").
QString roleCode(Role role);

// The role for a stored code; std::nullopt for anything else, including a different case
// or surrounding spaces, because a code that does not match exactly is not trusted.
std::optional<Role> roleFromCode(const QString &code);

// The translated name shown to users ("Sales rep", "客户经理").
QString roleDisplayName(Role role);

} // namespace branchline
