// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in dashboards of branch managers, admins and risk officers.
#include "dashboards/DashboardBuilders.h"

namespace branchline::builtin {

DashboardDefinition branchVolume()
{
    const QString volumes = QStringLiteral("merchant_volumes");
    return dashboard(
            "manager.volume", BuiltInDashboards::tr("Branch volume by month"),
            RelativePeriod::ThisYear,
            {
                    widget("volume", W::Kpi, BuiltInDashboards::tr("Volume"), { 0, 0, 4, 2 },
                           query(volumes, {}, { agg(A::Sum, "volume") }), true),
                    widget("merchants", W::Kpi, BuiltInDashboards::tr("Merchants with volume"),
                           { 4, 0, 4, 2 },
                           query(volumes, {}, { agg(A::DistinctCount, "merchant") }), true),
                    widget("chargebacks", W::Kpi, BuiltInDashboards::tr("Chargebacks"),
                           { 8, 0, 4, 2 }, query(volumes, {}, { agg(A::Sum, "chargebacks") }),
                           true),
                    widget("months", W::Line, BuiltInDashboards::tr("Volume by month"),
                           { 0, 2, 6, 4 },
                           query(volumes, { dim("date", DateBucket::Month) },
                                 { agg(A::Sum, "volume") })),
                    widget("branches", W::StackedBar,
                           BuiltInDashboards::tr("Volume by month and branch"), { 6, 2, 6, 4 },
                           query(volumes, { dim("date", DateBucket::Month), dim("branch") },
                                 { agg(A::Sum, "volume") })),
                    widget("table", W::Table, BuiltInDashboards::tr("Branches"), { 0, 6, 12, 4 },
                           query(volumes, { dim("branch") },
                                 { agg(A::Sum, "volume"), agg(A::Sum, "transactions"),
                                   agg(A::Sum, "refunds"), agg(A::Sum, "chargebacks") })),
            });
}

DashboardDefinition onboardingFunnel()
{
    const QString customers = QStringLiteral("customers");
    const QString leads = QStringLiteral("leads");
    return dashboard(
            "manager.onboarding", BuiltInDashboards::tr("Onboarding funnel"),
            RelativePeriod::ThisYear,
            {
                    widget("leads", W::Kpi, BuiltInDashboards::tr("New leads"), { 0, 0, 4, 2 },
                           query(leads, {}, { count() }), true),
                    widget("conversion", W::Kpi, BuiltInDashboards::tr("Lead conversion rate"),
                           { 4, 0, 4, 2 }, query(leads, {}, { agg(A::Avg, "converted") })),
                    widget("customers", W::Kpi, BuiltInDashboards::tr("New customers"),
                           { 8, 0, 4, 2 }, query(customers, {}, { count() }), true),
                    widget("stages", W::Bar, BuiltInDashboards::tr("Customers by status"),
                           { 0, 2, 6, 4 }, query(customers, { dim("status") }, { count() })),
                    widget("kyc", W::StackedBar, BuiltInDashboards::tr("KYC status by branch"),
                           { 6, 2, 6, 4 },
                           query(customers, { dim("branch"), dim("kyc_status") }, { count() })),
                    widget("months", W::Line, BuiltInDashboards::tr("New customers by month"),
                           { 0, 6, 6, 4 },
                           query(customers, { dim("date", DateBucket::Month) }, { count() })),
                    widget("channels", W::Pivot,
                           BuiltInDashboards::tr("Leads by channel and stage"), { 6, 6, 6, 4 },
                           query(leads, { dim("channel"), dim("status") }, { count() })),
                    widget("activities", W::Area, BuiltInDashboards::tr("Activities by month"),
                           { 0, 10, 12, 4 },
                           query(QStringLiteral("activities"), { dim("date", DateBucket::Month) },
                                 { count() })),
            });
}

DashboardDefinition approvalsWaiting()
{
    const QString approvals = QStringLiteral("approvals");
    const FilterSpec pending = among("status", { QStringLiteral("pending") });
    return dashboard(
            "manager.approvals", BuiltInDashboards::tr("Approvals waiting"), RelativePeriod::None,
            {
                    widget("waiting", W::Kpi, BuiltInDashboards::tr("Waiting for a decision"),
                           { 0, 0, 4, 2 }, query(approvals, {}, { count() }, { pending })),
                    widget("speed", W::Kpi, BuiltInDashboards::tr("Average hours to a decision"),
                           { 4, 0, 4, 2 },
                           query(approvals, {}, { agg(A::Avg, "hours_to_decision") })),
                    widget("rounds", W::Kpi, BuiltInDashboards::tr("Most rounds of one request"),
                           { 8, 0, 4, 2 }, query(approvals, {}, { agg(A::Max, "round") })),
                    widget("flows", W::Bar, BuiltInDashboards::tr("Waiting by flow"),
                           { 0, 2, 6, 4 },
                           query(approvals, { dim("flow") }, { count() }, { pending })),
                    widget("status", W::Donut, BuiltInDashboards::tr("Requests by status"),
                           { 6, 2, 6, 4 }, query(approvals, { dim("status") }, { count() })),
                    widget("branches", W::Table, BuiltInDashboards::tr("Requests by branch"),
                           { 0, 6, 12, 4 },
                           query(approvals, { dim("branch") },
                                 { count(), agg(A::Avg, "hours_to_decision") })),
            });
}

DashboardDefinition riskLevels()
{
    const QString customers = QStringLiteral("customers");
    const QString volumes = QStringLiteral("merchant_volumes");
    return dashboard(
            "manager.risk", BuiltInDashboards::tr("Risk levels"), RelativePeriod::None,
            {
                    widget("levels", W::Donut, BuiltInDashboards::tr("Customers by risk level"),
                           { 0, 0, 5, 4 }, query(customers, { dim("risk_level") }, { count() })),
                    widget("branches", W::StackedBar,
                           BuiltInDashboards::tr("Risk levels by branch"), { 5, 0, 7, 4 },
                           query(customers, { dim("branch"), dim("risk_level") }, { count() })),
                    widget("volume", W::Bar,
                           BuiltInDashboards::tr("Volume by risk level, this year"), { 0, 4, 6, 4 },
                           query(volumes, { dim("risk_level") }, { agg(A::Sum, "volume") },
                                 { within(RelativePeriod::ThisYear) })),
                    widget("chargebacks", W::Table,
                           BuiltInDashboards::tr("Chargebacks by risk level, this year"),
                           { 6, 4, 6, 4 },
                           query(volumes, { dim("risk_level") },
                                 { agg(A::Sum, "chargebacks"),
                                   ratio({ A::Sum, QStringLiteral("chargebacks") },
                                         { A::Sum, QStringLiteral("transactions") }) },
                                 { within(RelativePeriod::ThisYear) })),
            });
}

} // namespace branchline::builtin
