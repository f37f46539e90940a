// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small store whose every figure the dashboard tests compute by hand; see
// DashboardFixture.cpp for the rows and the answers they give.

#include <QDate>
#include <QSqlDatabase>

namespace branchline::test {

// "Today" for every relative period in the dashboard tests: a Wednesday.
inline QDate dashboardToday()
{
    return QDate(2026, 3, 18);
}

// Branches HQ > R1 > {B1, B2}, HQ > B3; users u1 (rep, B1), u2 (rep, B2), u3 (manager,
// R1); customers c1–c5 (c6 deleted), leads l1–l4, tasks t1–t4, activities a1–a5,
// approval requests ap1–ap3 and monthly volumes mv1–mv5.
bool fillDashboardFixture(QSqlDatabase db);

} // namespace branchline::test
