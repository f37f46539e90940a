// SPDX-License-Identifier: GPL-3.0-or-later
// The client benchmark (issue 5, docs/benchmarks.md): the real Customers page — LocalStore,
// the item models and the widgets — on encrypted stores under the offscreen platform, each
// step next to the same SQL run straight on SQLCipher's C API in the same run:
//
//   1. cold start to an interactive customer list (100k customers);
//   2. the first search result after a keystroke (1M customers);
//   3. opening the 360° view of a customer with 2,000 timeline entries (100k customers);
//
// with the longest stall of the GUI thread's event loop during each.
//
// bench_client [--customers 100000] [--search-customers 1000000] [--timeline 2000]
//              [--repetitions 7] [--cache-dir DIR] [--plans] [--steps cold,search,view]
#include "ClientStepTable.h"
#include "ClientSteps.h"
#include "ClientStoreSeeder.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLoggingCategory>

#include <cstdio>

using namespace branchline;

namespace {

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_client: %s\n", qPrintable(what));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // Settings the pages read (column widths, saved filters) stay apart from a user's.
    QApplication::setOrganizationName(QStringLiteral("branchline-bench"));
    QApplication::setApplicationName(QStringLiteral("bench_client"));
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));

    QCommandLineParser parser;
    const QCommandLineOption customersOption(QStringLiteral("customers"), QString(),
                                             QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption searchOption(QStringLiteral("search-customers"), QString(),
                                          QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption timelineOption(QStringLiteral("timeline"), QString(),
                                            QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption repetitionsOption(QStringLiteral("repetitions"), QString(),
                                               QStringLiteral("n"), QStringLiteral("7"));
    const QCommandLineOption cacheOption(
            QStringLiteral("cache-dir"), QString(), QStringLiteral("dir"),
            QDir::homePath() + QStringLiteral("/.cache/branchline-bench"));
    const QCommandLineOption plansOption(QStringLiteral("plans"));
    // One step alone, to profile it.
    const QCommandLineOption stepsOption(QStringLiteral("steps"), QString(), QStringLiteral("list"),
                                         QStringLiteral("cold,search,view"));
    parser.addOptions({ customersOption, searchOption, timelineOption, repetitionsOption,
                        cacheOption, plansOption, stepsOption });
    parser.addHelpOption();
    parser.process(app);

    StepOptions options;
    options.repetitions = qMax(1, parser.value(repetitionsOption).toInt());
    options.plans = parser.isSet(plansOption);
    const int timeline = qMax(1, parser.value(timelineOption).toInt());
    ClientStoreSeeder small(parser.value(cacheOption), parser.value(customersOption).toLongLong(),
                            timeline);
    ClientStoreSeeder large(parser.value(cacheOption), parser.value(searchOption).toLongLong(), 0);
    QString error;
    std::fprintf(stderr, "preparing the stores (cached after the first run)…\n");
    if (!small.prepare(&error) || !large.prepare(&error))
        return fail(error);
    ClientStoreSeeder::Sample sample;
    if (!large.sample(&sample, &error))
        return fail(error);

    const QStringList steps = parser.value(stepsOption).split(QLatin1Char(','));
    ClientStepTable table(small.customers(), large.customers(), options.repetitions);
    if (steps.contains(QStringLiteral("cold"))) {
        std::fprintf(stderr, "cold start…\n");
        table.add(runColdStart(small, options), small.customers());
    }
    const QList<std::pair<QString, QString>> searches = {
        { QStringLiteral("a name fragment"), sample.nameFragment },
        { QStringLiteral("two words"), QStringLiteral("北京 科技") },
        { QStringLiteral("a mobile number"), sample.phone },
        { QStringLiteral("a credit code"), sample.creditCode },
    };
    for (const auto &[label, query] : searches) {
        if (!steps.contains(QStringLiteral("search")))
            break;
        std::fprintf(stderr, "search, %s…\n", qPrintable(label));
        table.add(runSearch(large, label, query, options), large.customers());
    }
    if (steps.contains(QStringLiteral("view"))) {
        std::fprintf(stderr, "360° view…\n");
        table.add(runCustomerView(small, options), small.customers());
    }
    table.print();
    return table.hasErrors() ? 1 : 0;
}
