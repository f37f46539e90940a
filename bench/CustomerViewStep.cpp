// SPDX-License-Identifier: GPL-3.0-or-later
// Opening the 360° view of a customer with a long timeline (see ClientSteps.h).
#include "CApiReplay.h"
#include "CApiStore.h"
#include "ClientBenchTools.h"
#include "ClientSteps.h"
#include "ClientStoreSeeder.h"
#include "CustomerGenerator.h"
#include "CustomerTimelinePanel.h"
#include "CustomerView.h"
#include "CustomerWorkspace.h"
#include "StallProbe.h"
#include "itemmodels/ActivityTimelineModel.h"
#include "itemmodels/CustomerCounter.h"
#include "store/LocalStore.h"

#include <QListView>
#include <QTableView>

#include <memory>

namespace branchline {

namespace {

int rowsIn(CustomerView *view, const char *list)
{
    auto *table = view->findChild<QTableView *>(QString::fromLatin1(list));
    return table ? table->model()->rowCount() : -1;
}

} // namespace

StepResult runCustomerView(const ClientStoreSeeder &seeder, const StepOptions &options)
{
    StepResult result;
    result.step = QStringLiteral("360° view, %1 timeline entries").arg(seeder.busyTimeline());
    LocalStore store(seeder.path());
    if (!store.open(seeder.key(), LocalStore::KeyKind::Raw, false)) {
        result.error = store.lastError().detail;
        return result;
    }
    CustomerWorkspace workspace(store.database(), Role::SalesRep, CustomerGenerator().userId(1));
    workspace.resize(1280, 800);
    workspace.show();
    CustomerView *view = workspace.customerView();
    auto *timeline = view->timeline()->findChild<QListView *>();
    if (!timeline) {
        result.error = QStringLiteral("the timeline has no list");
        return result;
    }
    // The list counts its customers once it is up: the user opens a customer after that.
    auto *counter = workspace.findChild<CustomerCounter *>();
    if (!counter || !processEventsUntil([&] { return counter->total() >= 0; })) {
        result.error = QStringLiteral("the list's count never finished");
        return result;
    }
    PaintWatcher painted(timeline->viewport());
    const QString id = seeder.busyCustomerId();

    struct Opened
    {
        StepSample sample;
        double paintedMs = 0;
        QString error;
    };
    // From the list, as a double click or Enter opens it; the stall window ends once
    // the view has painted.
    std::unique_ptr<StatementRecorder> recorder;
    const auto open = [&] {
        Opened opened;
        workspace.showList();
        processEventsUntil([] { return false; }, 50); // the list is on screen again
        painted.reset();
        StallProbe probe;
        QElapsedTimer clock;
        probe.start();
        clock.start();
        if (recorder)
            recorder->setRecording(true);
        workspace.openCustomer(id);
        opened.sample.clientMs = double(clock.nsecsElapsed()) / 1e6;
        if (recorder)
            recorder->setRecording(false);
        if (!processEventsUntil([&] { return painted.painted(); }))
            opened.error = QStringLiteral("the 360° view never painted");
        opened.paintedMs = double(clock.nsecsElapsed()) / 1e6;
        opened.sample.stallMs = probe.stop();
        // Every part filled: the timeline's first page in full, some contacts, tasks, leads.
        const auto *entries = view->timeline()->model();
        if (!view->isEnabled()
            || entries->rowCount() != qMin(entries->pageSize(), seeder.busyTimeline())
            || rowsIn(view, "contacts") <= 0 || rowsIn(view, "tasks") <= 0
            || rowsIn(view, "leads") <= 0)
            opened.error = QStringLiteral("the view shows %1 timeline entries, %2 contacts, "
                                          "%3 tasks, %4 leads")
                                   .arg(entries->rowCount())
                                   .arg(rowsIn(view, "contacts"))
                                   .arg(rowsIn(view, "tasks"))
                                   .arg(rowsIn(view, "leads"));
        return opened;
    };

    QList<RecordedStatement> statements;
    recorder = std::make_unique<StatementRecorder>(sqliteHandle(store.database()));
    const Opened recorded = open();
    statements = recorder->statements();
    result.error = recorded.error.isEmpty() ? recorder->error() : recorded.error;
    recorder.reset();
    if (!result.error.isEmpty())
        return result;

    CApiStore direct;
    qint64 baselineRows = 0;
    if (!direct.open(seeder.path(), seeder.keyLiteral(), &result.error)
        || !replayStatements(direct.handle(), statements, &baselineRows, &result.error))
        return result; // (the replay was the warm-up)
    QList<double> paints;
    for (int rep = 0; rep < options.repetitions; ++rep) {
        Opened opened = open();
        if (!opened.error.isEmpty()) {
            result.error = opened.error;
            return result;
        }
        // After the same idle moment the client had (the list on screen again).
        processEventsUntil([] { return false; }, 50);
        QElapsedTimer baseline;
        baseline.start();
        qint64 rows = 0;
        if (!replayStatements(direct.handle(), statements, &rows, &result.error))
            return result;
        opened.sample.baselineMs = double(baseline.nsecsElapsed()) / 1e6;
        result.samples << opened.sample;
        paints << opened.paintedMs;
    }
    result.notes << QStringLiteral("360° view: %1 statements (%2 rows) filled the header, profile, "
                                   "timeline's first page, contacts, tasks and leads; painted "
                                   "after %3 ms (median)")
                            .arg(statements.size())
                            .arg(baselineRows)
                            .arg(median(paints), 0, 'f', 1);
    if (options.plans)
        result.plans = queryPlans(direct.handle(), statements);
    return result;
}

} // namespace branchline
