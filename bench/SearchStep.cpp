// SPDX-License-Identifier: GPL-3.0-or-later
// The first search result after a keystroke (see ClientSteps.h).
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

#include <QLineEdit>
#include <QTimer>

#include <memory>

namespace branchline {

namespace {

// The list page's search delay: its one single-shot timer with an interval.
QTimer *searchDelayOf(CustomerListPage *page)
{
    QTimer *found = nullptr;
    for (QTimer *timer : page->findChildren<QTimer *>(Qt::FindDirectChildrenOnly)) {
        if (timer->isSingleShot() && timer->interval() > 0) {
            if (found)
                return nullptr; // more than one: the benchmark must learn which
            found = timer;
        }
    }
    return found;
}

// A shown Customers page on the store, and what the step watches on it.
struct SearchPage
{
    explicit SearchPage(const QSqlDatabase &db)
        : workspace(db, Role::SalesRep, CustomerGenerator().userId(1))
    {
        CustomerListPage *page = workspace.listPage();
        model = page->model();
        search = page->findChild<QLineEdit *>(QStringLiteral("search"));
        counter = page->findChild<CustomerCounter *>();
        delay = searchDelayOf(page);
    }
    bool isComplete() const { return model && search && counter && delay; }

    CustomerWorkspace workspace;
    CustomerListModel *model = nullptr;
    QLineEdit *search = nullptr;
    CustomerCounter *counter = nullptr;
    QTimer *delay = nullptr;
};

struct Keystroke
{
    StepSample sample;
    double delayMs = 0; // from the key to the search delay's end
    int rows = 0;
    QString error;
};

} // namespace

StepResult runSearch(const ClientStoreSeeder &seeder, const QString &label, const QString &query,
                     const StepOptions &options)
{
    StepResult result;
    result.step = QStringLiteral("first result: %1").arg(label);
    LocalStore store(seeder.path());
    if (!store.open(seeder.key(), LocalStore::KeyKind::Raw, false)) {
        result.error = store.lastError().detail;
        return result;
    }
    SearchPage page(store.database());
    if (!page.isComplete()) {
        result.error = QStringLiteral("the list page has no search field, counter or delay");
        return result;
    }
    page.workspace.resize(1280, 800);
    page.workspace.show();

    QElapsedTimer clock;
    clock.start();
    TimerWatcher delayFired(page.delay, clock);
    qint64 resetNs = -1;
    bool counted = false;
    std::unique_ptr<StatementRecorder> recorder;
    int resetRows = 0;
    bool typing = false; // between the measured key and its result
    delayFired.onFired = [&] {
        counted = false; // a count that ends now was for the text before
        if (recorder && typing)
            recorder->setRecording(true);
    };
    QObject::connect(page.model, &QAbstractItemModel::modelReset, [&] {
        if (delayFired.firedNs() >= 0 && resetNs < 0) {
            resetNs = clock.nsecsElapsed();
            resetRows = page.model->rowCount();
            if (recorder)
                recorder->setRecording(false);
        }
    });
    QObject::connect(page.counter, &CustomerCounter::finished, [&] { counted = true; });
    QObject::connect(page.counter, &CustomerCounter::failed, [&] { counted = true; });

    const QString prefix = query.left(query.size() - 1);
    const QString last = query.right(1);
    // The field holds everything but the last character, searched and counted; then the
    // last key is typed.
    const auto keystroke = [&]() {
        Keystroke typed;
        counted = false;
        page.search->setText(prefix);
        if (!processEventsUntil([&] { return !page.delay->isActive() && counted; })) {
            typed.error = QStringLiteral("the search for \"%1\" never settled").arg(prefix);
            return typed;
        }
        delayFired.reset();
        resetNs = -1;
        counted = false;
        StallProbe probe;
        probe.start();
        typing = true;
        const qint64 keyNs = clock.nsecsElapsed();
        typeCharacter(page.search, last);
        const qint64 keyDoneNs = clock.nsecsElapsed();
        if (!processEventsUntil([&] { return resetNs >= 0; })
            || !processEventsUntil([&] { return counted; })) {
            typed.error = QStringLiteral("no result for \"%1\"").arg(query);
            return typed;
        }
        typing = false;
        typed.sample.stallMs = probe.stop();
        typed.sample.clientMs = double(keyDoneNs - keyNs + resetNs - delayFired.firedNs()) / 1e6;
        typed.delayMs = double(delayFired.firedNs() - keyDoneNs) / 1e6;
        typed.rows = resetRows;
        return typed;
    };

    recorder = std::make_unique<StatementRecorder>(sqliteHandle(store.database()));
    const Keystroke recordedRun = keystroke();
    const QList<RecordedStatement> statements = recorder->statements();
    const QString recordError = recorder->error();
    recorder.reset();
    if (!recordedRun.error.isEmpty() || !recordError.isEmpty()) {
        result.error = recordedRun.error.isEmpty() ? recordError : recordedRun.error;
        return result;
    }
    if (page.search->text() != query || recordedRun.rows == 0 || statements.isEmpty()) {
        result.error = QStringLiteral("\"%1\" found nothing").arg(query);
        return result;
    }

    CApiStore direct;
    if (!direct.open(seeder.path(), seeder.keyLiteral(), &result.error))
        return result;
    qint64 baselineRows = 0;
    if (!replayStatements(direct.handle(), statements, &baselineRows, &result.error)) // warm-up
        return result;
    QList<double> delays;
    for (int rep = 0; rep < options.repetitions; ++rep) {
        Keystroke typed = keystroke();
        if (!typed.error.isEmpty()) {
            result.error = typed.error;
            return result;
        }
        // The client's query runs after the search delay's idle wait, when caches have
        // gone cold; the baseline waits as long first, so both start alike.
        processEventsUntil([] { return false; }, page.delay->interval());
        QElapsedTimer baseline;
        baseline.start();
        qint64 rows = 0;
        if (!replayStatements(direct.handle(), statements, &rows, &result.error))
            return result;
        typed.sample.baselineMs = double(baseline.nsecsElapsed()) / 1e6;
        if (rows != typed.rows) {
            result.error = QStringLiteral("the list holds %1 rows, the baseline read %2")
                                   .arg(typed.rows)
                                   .arg(rows);
            return result;
        }
        result.samples << typed.sample;
        delays << typed.delayMs;
    }
    result.notes << QStringLiteral("%1: typed \"%2\" after \"%3\"; %4 rows in the first page "
                                   "(%5 statement); the search delay took %6 ms (median), "
                                   "not counted")
                            .arg(label, last, prefix)
                            .arg(recordedRun.rows)
                            .arg(statements.size())
                            .arg(median(delays), 0, 'f', 1);
    if (options.plans)
        result.plans = queryPlans(direct.handle(), statements);
    return result;
}

} // namespace branchline
