// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/BuiltInDashboards.h"

#include "dashboards/DashboardBuilders.h"

namespace branchline {

namespace {

using namespace builtin;
const QString kPrefix = QStringLiteral("builtin:");

const QStringList kOpenLeads{ QStringLiteral("new"), QStringLiteral("contacted"),
                              QStringLiteral("qualified") };

DashboardDefinition myPipeline()
{
    const QString leads = QStringLiteral("leads");
    return dashboard(
            "rep.pipeline", BuiltInDashboards::tr("My pipeline"), RelativePeriod::None,
            {
                    widget("open", W::Kpi, BuiltInDashboards::tr("Open leads"), { 0, 0, 4, 2 },
                           query(leads, {}, { count() }, { mine(), among("status", kOpenLeads) })),
                    widget("conversion", W::Kpi, BuiltInDashboards::tr("Conversion rate"),
                           { 4, 0, 4, 2 },
                           query(leads, {}, { agg(A::Avg, "converted") }, { mine() })),
                    widget("score", W::Kpi, BuiltInDashboards::tr("Average score of open leads"),
                           { 8, 0, 4, 2 },
                           query(leads, {}, { agg(A::Avg, "score") },
                                 { mine(), among("status", kOpenLeads) })),
                    widget("stages", W::Bar, BuiltInDashboards::tr("Leads by stage"),
                           { 0, 2, 6, 4 },
                           query(leads, { dim("status") }, { count() }, { mine() })),
                    widget("channels", W::Pie, BuiltInDashboards::tr("Leads by channel"),
                           { 6, 2, 6, 4 },
                           query(leads, { dim("channel") }, { count() }, { mine() })),
                    widget("weekly", W::Line,
                           BuiltInDashboards::tr("New leads by week, last 90 days"),
                           { 0, 6, 12, 4 },
                           query(leads, { dim("date", DateBucket::Week) }, { count() },
                                 { mine(), within(RelativePeriod::Last90Days) })),
                    widget("activities", W::StackedBar,
                           BuiltInDashboards::tr("My activities by week, last 90 days"),
                           { 0, 10, 12, 4 },
                           query(QStringLiteral("activities"),
                                 { dim("date", DateBucket::Week), dim("kind") }, { count() },
                                 { mine(), within(RelativePeriod::Last90Days) })),
            });
}

DashboardDefinition myTasks()
{
    const QString tasks = QStringLiteral("tasks");
    return dashboard(
            "rep.tasks", BuiltInDashboards::tr("My tasks"), RelativePeriod::None,
            {
                    widget("open", W::Kpi, BuiltInDashboards::tr("Open tasks"), { 0, 0, 4, 2 },
                           query(tasks, {}, { count() },
                                 { mine(), among("status", { QStringLiteral("open") }) })),
                    widget("done", W::Kpi, BuiltInDashboards::tr("Done, last 30 days"),
                           { 4, 0, 4, 2 },
                           query(tasks, {}, { agg(A::Sum, "done") },
                                 { mine(), within(RelativePeriod::Last30Days) })),
                    widget("rate", W::Kpi, BuiltInDashboards::tr("Completion rate"), { 8, 0, 4, 2 },
                           query(tasks, {}, { agg(A::Avg, "done") }, { mine() })),
                    widget("weeks", W::StackedBar, BuiltInDashboards::tr("Tasks due by week"),
                           { 0, 2, 8, 4 },
                           query(tasks, { dim("date", DateBucket::Week), dim("status") },
                                 { count() }, { mine(), within(RelativePeriod::Last90Days) })),
                    widget("priority", W::Table, BuiltInDashboards::tr("Open tasks by priority"),
                           { 8, 2, 4, 4 },
                           query(tasks, { dim("priority") }, { count() },
                                 { mine(), among("status", { QStringLiteral("open") }) })),
            });
}

DashboardDefinition myVolume()
{
    const QString volumes = QStringLiteral("merchant_volumes");
    return dashboard(
            "rep.volume", BuiltInDashboards::tr("My merchants' volume"), RelativePeriod::ThisYear,
            {
                    widget("volume", W::Kpi, BuiltInDashboards::tr("Volume"), { 0, 0, 4, 2 },
                           query(volumes, {}, { agg(A::Sum, "volume") }, { mine() }), true),
                    widget("transactions", W::Kpi, BuiltInDashboards::tr("Transactions"),
                           { 4, 0, 4, 2 },
                           query(volumes, {}, { agg(A::Sum, "transactions") }, { mine() }), true),
                    widget("refunds", W::Kpi, BuiltInDashboards::tr("Refunds per yuan of volume"),
                           { 8, 0, 4, 2 },
                           query(volumes, {},
                                 { ratio({ A::Sum, QStringLiteral("refunds") },
                                         { A::Sum, QStringLiteral("volume") }) },
                                 { mine() })),
                    widget("months", W::Area, BuiltInDashboards::tr("Volume by month"),
                           { 0, 2, 7, 4 },
                           query(volumes, { dim("date", DateBucket::Month) },
                                 { agg(A::Sum, "volume") }, { mine() })),
                    widget("top", W::Bar, BuiltInDashboards::tr("Top 10 merchants by volume"),
                           { 7, 2, 5, 4 },
                           topN(query(volumes, { dim("merchant") }, { agg(A::Sum, "volume") },
                                      { mine() }),
                                10)),
            });
}

} // namespace

using namespace builtin;

QList<DashboardDefinition> BuiltInDashboards::forRole(Role role)
{
    switch (role) {
    case Role::SalesRep:
        return { myPipeline(), myTasks(), myVolume() };
    case Role::BranchManager:
    case Role::Admin:
        return { branchVolume(), onboardingFunnel(), approvalsWaiting(), riskLevels() };
    case Role::RiskOfficer:
        return { approvalsWaiting(), riskLevels() };
    }
    return {};
}

QList<DashboardDefinition> BuiltInDashboards::all()
{
    return { myPipeline(),       myTasks(),          myVolume(),  branchVolume(),
             onboardingFunnel(), approvalsWaiting(), riskLevels() };
}

bool BuiltInDashboards::isBuiltInId(const QString &id)
{
    return id.startsWith(kPrefix);
}

} // namespace branchline
