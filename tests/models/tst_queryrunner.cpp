// SPDX-License-Identifier: GPL-3.0-or-later
// QueryRunner: dashboard queries on the runner's own thread and connection, answered by
// request id with the texts a viewer reads; a newer request for a widget cancels the older
// one; refused specs, drill-down and the KPI's previous period.
#include "DashboardFixture.h"
#include "StoreFixture.h"
#include "TestFiles.h"
#include "dashboards/QueryRunner.h"
#include "dashboards/ResultLabels.h"
#include "domain/rules/FieldLabels.h"
#include "domain/rules/Money.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace branchline;
using namespace branchline::test;

namespace {

QuerySpec byBranch()
{
    QuerySpec spec;
    spec.dataSet = "merchant_volumes";
    spec.dimensions = { { "branch", DateBucket::None } };
    MeasureSpec volume;
    volume.aggregate = Aggregate::Sum;
    volume.field = "volume";
    spec.measures = { volume, MeasureSpec() };
    return spec;
}

DashboardContext context(RelativePeriod period = RelativePeriod::None)
{
    DashboardContext result;
    result.dateRange.period = period;
    result.today = dashboardToday();
    return result;
}

} // namespace

class TestQueryRunner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void answersWithTexts();
    void newerRequestCancelsOlder();
    void cancelSlot();
    void refusedSpecIsAnsweredWithItsMessage();
    void comparesWithPreviousPeriod();
    void drillsDown();
    void wrongKeyDoesNotOpen();
    void namesFollowTheStore();

private:
    std::unique_ptr<StoreFixture> m_store;
    std::unique_ptr<QueryRunner> m_runner;
};

void TestQueryRunner::init()
{
    m_store = std::make_unique<StoreFixture>();
    QVERIFY(m_store->isOpen());
    QVERIFY(fillDashboardFixture(m_store->db()));
    m_runner = std::make_unique<QueryRunner>(m_store->path());
    QSignalSpy opened(m_runner.get(), &QueryRunner::opened);
    m_runner->open(testKey(), LocalStore::KeyKind::Raw);
    QVERIFY(opened.wait());
    QVERIFY2(opened.first().at(0).toBool(), qPrintable(opened.first().at(1).toString()));
    m_runner->setViewer(Role::BranchManager, "u3");
}

void TestQueryRunner::cleanup()
{
    m_runner.reset();
    m_store.reset();
}

void TestQueryRunner::answersWithTexts()
{
    QSignalSpy finished(m_runner.get(), &QueryRunner::finished);
    const int id = m_runner->run("w1", byBranch(), context());
    QVERIFY(m_runner->isBusy());
    QVERIFY(finished.wait());
    QCOMPARE(finished.first().at(0).toInt(), id);
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("w1"));
    const auto result = finished.first().at(2).value<QueryResult>();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(!m_runner->isBusy());
    QCOMPARE(result.requestId, id);
    QCOMPARE(result.columnCount(), 3);
    QCOMPARE(result.dimensionCount(), 1);
    QCOMPARE(result.columns.at(1).kind, ValueKind::Money);
    QCOMPARE(result.columns.at(2).kind, ValueKind::Integer);
    QCOMPARE(result.rowCount(), 2);
    QCOMPARE(result.dimensionKeys(0), QVariantList{ "B1" });
    QCOMPARE(result.text(0, 0), QStringLiteral("杭州分公司"));
    QCOMPARE(result.text(1, 0), QStringLiteral("上海分公司"));
    QCOMPARE(result.value(0, 1).toLongLong(), 350000);
    QCOMPARE(result.text(0, 1), Money::format(350000));
    QCOMPARE(result.text(1, 2), QStringLiteral("2"));

    // Codes read as their labels, months as months, an empty group as "(empty)".
    QuerySpec byStatus;
    byStatus.dataSet = "customers";
    byStatus.dimensions = { { "risk_level", DateBucket::None }, { "date", DateBucket::Quarter } };
    byStatus.measures = { MeasureSpec() };
    finished.clear();
    m_runner->run("w2", byStatus, context());
    QVERIFY(finished.wait());
    const auto labelled = finished.first().at(2).value<QueryResult>();
    QVERIFY2(labelled.ok(), qPrintable(labelled.error));
    QCOMPARE(labelled.rowCount(), 5); // (empty), high, low ×2 (2025 Q4, 2026 Q1), medium
    QCOMPARE(labelled.value(0, 0), QVariant());
    QCOMPARE(labelled.text(0, 0), ResultLabels::tr("(empty)"));
    QCOMPARE(
            labelled.text(1, 0),
            FieldLabels::value(Role::BranchManager, "customers", "risk_level", QJsonValue("high")));
    QVERIFY(labelled.text(1, 0) != QLatin1String("high"));
    QCOMPARE(labelled.text(0, 1), QStringLiteral("2026 Q1"));

    // The empty group's keys, as the chart hands them back, drill into its record.
    QSignalSpy drilled(m_runner.get(), &QueryRunner::drillDownFinished);
    m_runner->drillDown("w2", byStatus, context(), labelled.dimensionKeys(0));
    QVERIFY(drilled.wait());
    const auto records = drilled.first().at(2).value<DrillDownResult>();
    QVERIFY2(records.ok(), qPrintable(records.error));
    QCOMPARE(records.records.size(), 1);
    QCOMPARE(records.records.first().id, QStringLiteral("c4"));
}

void TestQueryRunner::newerRequestCancelsOlder()
{
    QSignalSpy finished(m_runner.get(), &QueryRunner::finished);
    const int older = m_runner->run("w1", byBranch(), context());
    const int newer = m_runner->run("w1", byBranch(), context(RelativePeriod::ThisMonth));
    QVERIFY(newer != older);
    QTRY_COMPARE(finished.size(), 2);
    QHash<int, QueryResult> answers;
    for (const QList<QVariant> &signal : std::as_const(finished))
        answers.insert(signal.at(0).toInt(), signal.at(2).value<QueryResult>());
    QVERIFY(answers.value(older).cancelled);
    QVERIFY(!answers.value(older).ok());
    QCOMPARE(answers.value(older).rowCount(), 0);
    QVERIFY(answers.value(newer).ok());
    QCOMPARE(answers.value(newer).rowCount(), 1); // March: only c3's B2
    QCOMPARE(answers.value(newer).value(0, 1).toLongLong(), 300000);
    QVERIFY(!m_runner->isBusy());
}

void TestQueryRunner::cancelSlot()
{
    QSignalSpy finished(m_runner.get(), &QueryRunner::finished);
    const int first = m_runner->run("w1", byBranch(), context());
    const int other = m_runner->run("w2", byBranch(), context());
    m_runner->cancelSlot("w1");
    QTRY_COMPARE(finished.size(), 2);
    for (const QList<QVariant> &signal : std::as_const(finished)) {
        const auto result = signal.at(2).value<QueryResult>();
        if (signal.at(0).toInt() == first)
            QVERIFY(result.cancelled);
        else
            QVERIFY(signal.at(0).toInt() == other && result.ok() && result.rowCount() == 2);
    }
}

void TestQueryRunner::refusedSpecIsAnsweredWithItsMessage()
{
    QSignalSpy finished(m_runner.get(), &QueryRunner::finished);
    QuerySpec masked;
    masked.dataSet = "customers";
    MeasureSpec accounts;
    accounts.aggregate = Aggregate::DistinctCount;
    accounts.field = "settlement_account";
    masked.measures = { accounts };
    const int id = m_runner->run("w1", masked, context());
    QCOMPARE(finished.size(), 0); // answered after run() returned, like any other request
    QVERIFY(finished.wait());
    const auto result = finished.first().at(2).value<QueryResult>();
    QCOMPARE(result.requestId, id);
    QVERIFY(!result.ok());
    QVERIFY(!result.cancelled);
    QVERIFY(!result.error.isEmpty());

    // The same measure is the rep's to see.
    m_runner->setViewer(Role::SalesRep, "u1");
    finished.clear();
    m_runner->run("w1", masked, context());
    QVERIFY(finished.wait());
    const auto allowed = finished.first().at(2).value<QueryResult>();
    QVERIFY2(allowed.ok(), qPrintable(allowed.error));
    QCOMPARE(allowed.value(0, 0).toInt(), 3);
}

void TestQueryRunner::comparesWithPreviousPeriod()
{
    QuerySpec volume = byBranch();
    volume.dimensions.clear();
    QSignalSpy finished(m_runner.get(), &QueryRunner::finished);
    m_runner->run("kpi", volume, context(RelativePeriod::ThisQuarter), true);
    QVERIFY(finished.wait());
    const auto result = finished.first().at(2).value<QueryResult>();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.hasPrevious);
    QCOMPARE(result.value(0, 0).toLongLong(), 650000);
    QCOMPARE(result.previousTotals.at(0).toLongLong(), 70000);
    QCOMPARE(result.previousTotals.at(1).toLongLong(), 1);
    QVERIFY(qAbs(*result.changeFromPrevious(0) - (650000.0 - 70000.0) / 70000.0) < 1e-9);
    QCOMPARE(*result.changeFromPrevious(1), 3.0); // 4 monthly rows against 1

    // Without a date range there is nothing to compare with, and no error either.
    finished.clear();
    m_runner->run("kpi", volume, context(), true);
    QVERIFY(finished.wait());
    const auto plain = finished.first().at(2).value<QueryResult>();
    QVERIFY(plain.ok());
    QVERIFY(!plain.hasPrevious);
    QVERIFY(!plain.changeFromPrevious(0));
}

void TestQueryRunner::drillsDown()
{
    QSignalSpy drilled(m_runner.get(), &QueryRunner::drillDownFinished);
    const int id = m_runner->drillDown("w1", byBranch(), context(), { "B2" }, 1);
    QVERIFY(drilled.wait());
    QCOMPARE(drilled.first().at(0).toInt(), id);
    const auto result = drilled.first().at(2).value<DrillDownResult>();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.dataSet, QStringLiteral("merchant_volumes"));
    QVERIFY(result.truncated); // mv4 and mv5, one asked for
    QCOMPARE(result.records.size(), 1);
    QCOMPARE(result.records.first().id, QStringLiteral("mv4"));
    QCOMPARE(result.records.first().customerId, QStringLiteral("c3"));
    QCOMPARE(result.records.first().title, QStringLiteral("外滩餐厅"));
    QCOMPARE(result.records.first().date, QStringLiteral("2026-03"));

    drilled.clear();
    m_runner->drillDown("w1", byBranch(), context(), { "B2", "extra" });
    QVERIFY(drilled.wait());
    QVERIFY(!drilled.first().at(2).value<DrillDownResult>().ok());
}

void TestQueryRunner::wrongKeyDoesNotOpen()
{
    QueryRunner runner(m_store->path());
    QSignalSpy opened(&runner, &QueryRunner::opened);
    runner.open(testKey(0x17), LocalStore::KeyKind::Raw);
    QVERIFY(opened.wait());
    QVERIFY(!opened.first().at(0).toBool());
    QSignalSpy finished(&runner, &QueryRunner::finished);
    runner.run("w1", byBranch(), context());
    QVERIFY(finished.wait());
    QVERIFY(!finished.first().at(2).value<QueryResult>().ok());
}

void TestQueryRunner::namesFollowTheStore()
{
    QSignalSpy finished(m_runner.get(), &QueryRunner::finished);
    m_runner->run("w1", byBranch(), context());
    QVERIFY(finished.wait());
    QCOMPARE(finished.first().at(2).value<QueryResult>().text(0, 0), QStringLiteral("杭州分公司"));
    // Another connection (the sync worker's, in the product) renames the branch.
    QSqlQuery rename(m_store->db());
    QVERIFY(rename.exec("UPDATE branches SET name = '杭州西湖支行' WHERE id = 'B1'"));
    finished.clear();
    m_runner->run("w1", byBranch(), context());
    QVERIFY(finished.wait());
    QCOMPARE(finished.first().at(2).value<QueryResult>().text(0, 0),
             QStringLiteral("杭州西湖支行"));
}

QTEST_GUILESS_MAIN(TestQueryRunner)
#include "tst_queryrunner.moc"
