// SPDX-License-Identifier: GPL-3.0-or-later
// The first sync's time estimate: elapsed always, time left only when a total is known and
// enough of it has been measured.
#include "session/ProgressEstimate.h"

#include <QTest>

using namespace branchline;

class TestProgressEstimate : public QObject
{
    Q_OBJECT

private slots:
    void unknownTotalHasNoEstimate();
    void estimatesFromTheRateSinceTheTotalWasKnown();
    void waitsUntilSomethingWasMeasured();
    void aNewTotalStartsANewMeasure();
};

void TestProgressEstimate::unknownTotalHasNoEstimate()
{
    ProgressEstimate estimate;
    estimate.start(1000);
    estimate.update(5000, -1, 11000);
    QCOMPARE(estimate.elapsedMs(11000), qint64(10000));
    QVERIFY(!estimate.remainingMs(11000));
}

void TestProgressEstimate::estimatesFromTheRateSinceTheTotalWasKnown()
{
    ProgressEstimate estimate;
    estimate.start(0);
    // Ten slow seconds without a total (signing in, a snapshot) do not count.
    estimate.update(100, -1, 10000);
    estimate.update(0, 400, 10000);
    estimate.update(100, 400, 12000); // 100 in 2 s: 300 left take 6 s
    QCOMPARE(estimate.remainingMs(12000), std::optional<qint64>(6000));
    estimate.update(400, 400, 14000);
    QCOMPARE(estimate.remainingMs(14000), std::optional<qint64>(0));
}

void TestProgressEstimate::waitsUntilSomethingWasMeasured()
{
    ProgressEstimate estimate;
    estimate.start(0);
    estimate.update(0, 400, 0);
    estimate.update(0, 400, 5000); // nothing done yet
    QVERIFY(!estimate.remainingMs(5000));
    estimate.update(10, 400, 5500); // 10 done in 5.5 s: enough to tell
    QVERIFY(estimate.remainingMs(5500));
    ProgressEstimate quick;
    quick.start(0);
    quick.update(0, 400, 0);
    quick.update(50, 400, ProgressEstimate::minimumMeasureMs - 1);
    QVERIFY(!quick.remainingMs(ProgressEstimate::minimumMeasureMs - 1));
}

void TestProgressEstimate::aNewTotalStartsANewMeasure()
{
    ProgressEstimate estimate;
    estimate.start(0);
    estimate.update(0, 100, 0);
    estimate.update(100, 100, 2000);
    estimate.update(0, 1000, 2000); // the next batch
    estimate.update(10, 1000, 2100);
    QVERIFY(!estimate.remainingMs(2100)); // 0.1 s is too little to tell
    estimate.update(500, 1000, 4000); // 500 in 2 s
    QCOMPARE(estimate.remainingMs(4000), std::optional<qint64>(2000));
}

QTEST_GUILESS_MAIN(TestProgressEstimate)
#include "tst_progressestimate.moc"
