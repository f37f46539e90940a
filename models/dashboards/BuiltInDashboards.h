// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/DashboardDefinition.h"
#include "domain/rules/Role.h"

#include <QCoreApplication>
#include <QList>

namespace branchline {

// The dashboards every user has without building one, read-only (builtIn set, ids
// starting "builtin:"). A sales rep: my pipeline, my tasks, my merchants' volume. A
// branch manager (and admin): branch volume by month, onboarding funnel, approvals waiting,
// risk levels. A risk officer: approvals waiting and risk levels. Their widgets only use
// what the catalogue offers the role, and their texts follow the UI language.
class BuiltInDashboards
{
    Q_DECLARE_TR_FUNCTIONS(BuiltInDashboards)
public:
    static QList<DashboardDefinition> forRole(Role role);
    // Every built-in dashboard whatever the role (benchmarks, screenshots).
    static QList<DashboardDefinition> all();
    static bool isBuiltInId(const QString &id);
};

} // namespace branchline
