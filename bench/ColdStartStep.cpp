// SPDX-License-Identifier: GPL-3.0-or-later
// Cold start to an interactive customer list (see ClientSteps.h).
#include "CApiReplay.h"
#include "CApiStore.h"
#include "ClientBenchTools.h"
#include "ClientSteps.h"
#include "ClientStoreSeeder.h"
#include "CustomerGenerator.h"
#include "CustomerListPage.h"
#include "CustomerWorkspace.h"
#include "StallProbe.h"
#include "itemmodels/CustomerCounter.h"
#include "itemmodels/CustomerListModel.h"
#include "store/LocalStore.h"

#include <QTableView>

#include <memory>

namespace branchline {

namespace {

struct ColdRun
{
    StepSample sample;
    double openMs = 0; // LocalStore::open
    double builtMs = 0; // ... and the page built
    int rows = 0;
    QList<RecordedStatement> built; // everything the page ran (recording runs only)
    QList<RecordedStatement> firstPage; // the list model's first page
    QString error;
};

// Opens the store and builds the Customers page as the main window does, until the
// table has painted its first page; the stall window goes on until the count that follows
// has finished. With `record`, the statements are traced (so the times mean nothing) and
// the model's first page is run once more alone to record its SQL.
ColdRun coldStart(const ClientStoreSeeder &seeder, bool record)
{
    processEventsUntil([] { return false; }, 50); // both sides start after a pause
    ColdRun run;
    StallProbe probe;
    QElapsedTimer clock;
    probe.start();
    clock.start();
    LocalStore store(seeder.path());
    if (!store.open(seeder.key(), LocalStore::KeyKind::Raw, false)) {
        run.error = store.lastError().detail;
        return run;
    }
    run.openMs = double(clock.nsecsElapsed()) / 1e6;
    std::unique_ptr<StatementRecorder> recorder;
    if (record) {
        recorder = std::make_unique<StatementRecorder>(sqliteHandle(store.database()));
        recorder->setRecording(true);
    }
    auto workspace = std::make_unique<CustomerWorkspace>(store.database(), Role::SalesRep,
                                                         CustomerGenerator().userId(1));
    auto *table = workspace->findChild<QTableView *>(QStringLiteral("customerTable"));
    auto *counter = workspace->findChild<CustomerCounter *>();
    if (!table || !counter) {
        run.error = QStringLiteral("the list page has no customerTable or no counter");
        return run;
    }
    bool counted = false;
    QObject::connect(counter, &CustomerCounter::finished, [&counted] { counted = true; });
    QObject::connect(counter, &CustomerCounter::failed, [&counted] { counted = true; });
    run.builtMs = double(clock.nsecsElapsed()) / 1e6;
    PaintWatcher painted(table->viewport());
    workspace->resize(1280, 800);
    workspace->show();
    if (!processEventsUntil([&] { return painted.painted(); })) {
        run.error = QStringLiteral("the customer list never painted");
        return run;
    }
    run.sample.clientMs = double(clock.nsecsElapsed()) / 1e6;
    CustomerListModel *model = workspace->listPage()->model();
    run.rows = model->rowCount();
    if (!processEventsUntil([&] { return counted; }))
        run.error = QStringLiteral("the count never finished");
    run.sample.stallMs = probe.stop();
    if (record) {
        run.built = recorder->statements();
        recorder.reset(); // (its destructor ends the trace: before the next one starts)
        recorder = std::make_unique<StatementRecorder>(sqliteHandle(store.database()));
        recorder->setRecording(true);
        model->setFilter(model->filter()); // the same first page again, alone
        run.firstPage = recorder->statements();
        if (!recorder->error().isEmpty())
            run.error = recorder->error();
    }
    return run;
}

} // namespace

StepResult runColdStart(const ClientStoreSeeder &seeder, const StepOptions &options)
{
    StepResult result;
    result.step = QStringLiteral("cold start to the customer list");
    // The first start in this process pays for fonts, styles and plugins once.
    const ColdRun first = coldStart(seeder, false);
    const ColdRun recorded = coldStart(seeder, true);
    if (!first.error.isEmpty() || !recorded.error.isEmpty()) {
        result.error = first.error.isEmpty() ? recorded.error : first.error;
        return result;
    }
    if (recorded.rows == 0 || recorded.firstPage.isEmpty()) {
        result.error = QStringLiteral("the list showed no rows");
        return result;
    }
    const auto baseline = [&](double *ms, qint64 *rows, QString *error) {
        processEventsUntil([] { return false; }, 50); // both sides start after a pause
        QElapsedTimer clock;
        clock.start();
        CApiStore store;
        if (!store.open(seeder.path(), seeder.keyLiteral(), error)
            || !replayStatements(store.handle(), recorded.firstPage, rows, error))
            return false;
        *ms = double(clock.nsecsElapsed()) / 1e6;
        return true;
    };
    double ignored = 0;
    qint64 baselineRows = 0;
    if (!baseline(&ignored, &baselineRows, &result.error)) // warm-up
        return result;
    QList<double> opens;
    QList<double> builds;
    for (int rep = 0; rep < options.repetitions; ++rep) {
        ColdRun run = coldStart(seeder, false);
        opens << run.openMs;
        builds << run.builtMs - run.openMs;
        qint64 rows = 0;
        if (!run.error.isEmpty() || !baseline(&run.sample.baselineMs, &rows, &result.error)) {
            result.error = run.error.isEmpty() ? result.error : run.error;
            return result;
        }
        if (run.rows != rows) {
            result.error = QStringLiteral("the list holds %1 rows, the baseline read %2")
                                   .arg(run.rows)
                                   .arg(rows);
            return result;
        }
        result.samples << run.sample;
    }
    result.notes << QStringLiteral("cold start, medians: LocalStore::open %1 ms, the Customers "
                                   "page built %2 ms, then shown until painted")
                            .arg(median(opens), 0, 'f', 1)
                            .arg(median(builds), 0, 'f', 1)
                 << QStringLiteral("first start in the process: %1 ms, stall %2 ms (fonts, "
                                   "style and plugins load once; not in the median)")
                            .arg(first.sample.clientMs, 0, 'f', 1)
                            .arg(first.sample.stallMs, 0, 'f', 1)
                 << QStringLiteral("the page ran %1 statements after the store opened; the "
                                   "baseline runs the list model's first page (%2 statement, "
                                   "%3 rows)")
                            .arg(recorded.built.size())
                            .arg(recorded.firstPage.size())
                            .arg(baselineRows);
    if (options.plans) {
        CApiStore store;
        if (store.open(seeder.path(), seeder.keyLiteral(), &result.error))
            result.plans = queryPlans(store.handle(), recorded.built);
    }
    return result;
}

} // namespace branchline
