// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard benchmark (issue 7, docs/benchmarks.md): every built-in dashboard run by
// the product's QueryRunner — compiled on the GUI thread, run on the runner's own
// connection and thread, turned into what a viewer reads — next to the same statements,
// with the same values, run straight on SQLCipher's C API in the same run, with the
// longest stall of the GUI thread while the dashboard fills.
//
// bench_dashboards [--customers 100000] [--activities 1000000] [--repetitions 5]
//                  [--cache-dir DIR] [--plans] [--only rep.pipeline,manager.risk]
#include "CApiReplay.h"
#include "CApiStore.h"
#include "DashboardStoreSeeder.h"
#include "StallProbe.h"
#include "dashboards/BuiltInDashboards.h"
#include "dashboards/QueryRunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace branchline;

namespace {

constexpr double ratioTarget = 1.2;
constexpr double stallTargetMs = 50.0;
// "Today" for the dashboards' relative periods: the generated data runs to 2026.
const QDate benchToday(2026, 6, 15);

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_dashboards: %s\n", qPrintable(what));
    return 1;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0.0 : values.at(values.size() / 2);
}

struct Viewer
{
    Role role;
    QString userId;
};

DashboardContext contextOf(const DashboardDefinition &dashboard)
{
    DashboardContext context;
    context.dateRange = dashboard.dateRange;
    context.branchId = dashboard.branchId;
    context.today = benchToday;
    return context;
}

// The statements a dashboard runs, compiled as the runner compiles them.
QList<RecordedStatement> statementsOf(const DashboardDefinition &dashboard, const Viewer &viewer,
                                      QString *error)
{
    QList<RecordedStatement> statements;
    const DashboardContext context = contextOf(dashboard);
    for (const WidgetDefinition &widget : dashboard.widgets) {
        QList<CompiledQuery> queries{ QueryCompiler::compile(widget.query, viewer.role,
                                                             viewer.userId, context) };
        if (widget.comparePrevious && !context.dateRange.isEmpty())
            queries << QueryCompiler::comparePrevious(widget.query, viewer.role, viewer.userId,
                                                      context);
        for (const CompiledQuery &query : std::as_const(queries)) {
            if (!query.ok()) {
                *error = dashboard.id + QLatin1Char('/') + widget.id + QStringLiteral(": ")
                        + query.error;
                return {};
            }
            statements.append({ query.sql.toUtf8(), query.bindings });
        }
    }
    return statements;
}

// Runs every widget through the runner, as the dashboard view does, and waits for the
// last answer. Returns the rows delivered (previous periods count one row each).
qint64 runDashboard(QueryRunner &runner, const DashboardDefinition &dashboard, QString *error)
{
    QEventLoop loop;
    int waiting = 0;
    qint64 rows = 0;
    const auto connection = QObject::connect(
            &runner, &QueryRunner::finished, &loop,
            [&](int, const QString &, const QueryResult &result) {
                if (!result.ok() && error->isEmpty())
                    *error = result.error.isEmpty() ? QStringLiteral("cancelled") : result.error;
                rows += result.rowCount() + (result.hasPrevious ? 1 : 0);
                if (--waiting == 0)
                    loop.quit();
            });
    const DashboardContext context = contextOf(dashboard);
    for (const WidgetDefinition &widget : dashboard.widgets) {
        ++waiting;
        runner.run(widget.id, widget.query, context, widget.comparePrevious);
    }
    loop.exec();
    QObject::disconnect(connection);
    return rows;
}

void pause()
{
    // The same rest before each side, so neither starts with warmer CPU caches.
    QThread::msleep(50);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false"));
    QCommandLineParser parser;
    const QCommandLineOption customersOption(QStringLiteral("customers"), QString(),
                                             QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption activitiesOption(QStringLiteral("activities"), QString(),
                                              QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption repetitionsOption(QStringLiteral("repetitions"), QString(),
                                               QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption cacheOption(
            QStringLiteral("cache-dir"), QString(), QStringLiteral("dir"),
            QDir::homePath() + QStringLiteral("/.cache/branchline-bench"));
    const QCommandLineOption plansOption(QStringLiteral("plans"));
    // Some dashboards alone, to profile them: ids without "builtin:".
    const QCommandLineOption onlyOption(QStringLiteral("only"), QString(), QStringLiteral("list"));
    parser.addOptions({ customersOption, activitiesOption, repetitionsOption, cacheOption,
                        plansOption, onlyOption });
    parser.addHelpOption();
    parser.process(app);
    const int repetitions = qMax(1, parser.value(repetitionsOption).toInt());

    DashboardStoreSeeder seeder(parser.value(cacheOption),
                                parser.value(customersOption).toLongLong(),
                                parser.value(activitiesOption).toLongLong());
    QString error;
    std::fprintf(stderr, "preparing the store (cached after the first run)…\n");
    QString repId;
    if (!seeder.prepare(&error) || !seeder.sampleRep(&repId, &error))
        return fail(error);

    QueryRunner runner(seeder.path());
    bool opened = false;
    {
        QEventLoop loop;
        QObject::connect(&runner, &QueryRunner::opened, &loop,
                         [&](bool ok, const QString &message) {
                             opened = ok;
                             error = message;
                             loop.quit();
                         });
        runner.open(seeder.key(), LocalStore::KeyKind::Raw);
        loop.exec();
    }
    if (!opened)
        return fail(QStringLiteral("the runner did not open the store: ") + error);
    CApiStore baseline;
    if (!baseline.open(seeder.path(), seeder.keyLiteral(), &error))
        return fail(error);

    std::printf("| dashboard | viewer | widgets | statements | rows | baseline ms | engine ms "
                "| ratio | target | longest stall ms | target | result |\n");
    std::printf("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
    bool allMatched = true;
    for (const Role role : { Role::SalesRep, Role::BranchManager }) {
        // The rep sees their own book; the manager the whole store (no branch filter).
        const Viewer viewer{ role,
                             role == Role::SalesRep ? repId : QStringLiteral("bench-manager") };
        runner.setViewer(viewer.role, viewer.userId);
        for (const DashboardDefinition &dashboard : BuiltInDashboards::forRole(role)) {
            const QStringList only =
                    parser.value(onlyOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
            if (!only.isEmpty()
                && !only.contains(dashboard.id.mid(dashboard.id.indexOf(QLatin1Char(':')) + 1)))
                continue;
            const QList<RecordedStatement> statements = statementsOf(dashboard, viewer, &error);
            if (statements.isEmpty())
                return fail(error);
            if (parser.isSet(plansOption)) {
                for (const QString &line : queryPlans(baseline.handle(), statements))
                    std::fprintf(stderr, "%s: %s\n", qPrintable(dashboard.id), qPrintable(line));
            }
            // One untimed run of each side: the pages both will read are in the caches.
            qint64 baselineRows = 0;
            if (!replayStatements(baseline.handle(), statements, &baselineRows, &error))
                return fail(error);
            const qint64 engineRows = runDashboard(runner, dashboard, &error);
            if (!error.isEmpty())
                return fail(dashboard.id + QStringLiteral(": ") + error);
            QList<double> baselineMs;
            QList<double> engineMs;
            QList<double> stallMs;
            for (int i = 0; i < repetitions; ++i) {
                pause();
                QElapsedTimer clock;
                StallProbe probe;
                probe.start();
                clock.start();
                runDashboard(runner, dashboard, &error);
                engineMs << double(clock.nsecsElapsed()) / 1e6;
                stallMs << probe.stop();
                pause();
                qint64 rows = 0;
                clock.restart();
                if (!replayStatements(baseline.handle(), statements, &rows, &error))
                    return fail(error);
                baselineMs << double(clock.nsecsElapsed()) / 1e6;
            }
            const bool matched = engineRows == baselineRows;
            allMatched = allMatched && matched;
            const double ratio = median(engineMs) / qMax(1e-6, median(baselineMs));
            const double stall = *std::max_element(stallMs.cbegin(), stallMs.cend());
            QStringList misses;
            if (ratio > ratioTarget)
                misses << QStringLiteral("ratio");
            if (stall > stallTargetMs)
                misses << QStringLiteral("stall");
            if (!matched)
                misses << QStringLiteral("rows differ: %1 vs %2").arg(engineRows).arg(baselineRows);
            std::printf(
                    "| %s | %s | %lld | %lld | %lld | %.2f | %.2f | %.2fx | %.1fx | %.1f | %.0f "
                    "| %s |\n",
                    qPrintable(dashboard.name), qPrintable(roleCode(role)),
                    static_cast<long long>(dashboard.widgets.size()),
                    static_cast<long long>(statements.size()), static_cast<long long>(baselineRows),
                    median(baselineMs), median(engineMs), ratio, ratioTarget, stall, stallTargetMs,
                    misses.isEmpty() ? "PASS"
                                     : qPrintable(QStringLiteral("MISS (%1)")
                                                          .arg(misses.join(QStringLiteral(", ")))));
            std::fflush(stdout);
        }
    }
    return allMatched ? 0
                      : fail(QStringLiteral("the engine and the baseline returned different rows"));
}
