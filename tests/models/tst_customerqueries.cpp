// SPDX-License-Identifier: GPL-3.0-or-later
// The queries behind the customer list and the 360° view: names of branches and users,
// the pending marker of an edit the server has not confirmed, and a customer's leads.
#include "DemoData.h"
#include "StoreFixture.h"
#include "itemmodels/CustomerCounter.h"
#include "itemmodels/CustomerListModel.h"
#include "itemmodels/LeadListModel.h"
#include "repositories/Directory.h"
#include "repositories/LeadRepository.h"
#include "repositories/Outbox.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace branchline;

class TestCustomerQueries : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void directoryNamesBranchesAndUsers();
    void pendingFollowsTheOutbox();
    void listMarksPendingRows();
    void leadsOfACustomer();
    void leadsOfACustomerAreFoundByIndex();
    void countInSlicesMatchesCount_data();
    void countInSlicesMatchesCount();
    void aNewCountCancelsTheRunningOne();

private:
    std::unique_ptr<test::StoreFixture> m_fixture;
};

void TestCustomerQueries::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
}

void TestCustomerQueries::cleanup()
{
    m_fixture.reset();
}

void TestCustomerQueries::directoryNamesBranchesAndUsers()
{
    const QSqlDatabase db = m_fixture->db();
    QVERIFY(test::addBranch(db, QStringLiteral("b2"), QStringLiteral("宁波鄞州支行")));
    QVERIFY(test::addBranch(db, QStringLiteral("b1"), QStringLiteral("杭州西湖支行")));
    QVERIFY(test::addUser(db, QStringLiteral("u1"), QStringLiteral("王磊"), QStringLiteral("b1")));
    QVERIFY(test::addUser(db, QStringLiteral("u2"), QStringLiteral("李静"), QStringLiteral("b1")));

    Directory directory(db);
    StoreError error;
    const QList<DirectoryEntry> branches = directory.branches(&error);
    QVERIFY(!error.isError());
    QCOMPARE(branches.size(), 2);
    QCOMPARE(directory.users().size(), 2);
    QCOMPARE(directory.branchName(QStringLiteral("b2")), QStringLiteral("宁波鄞州支行"));
    QCOMPARE(directory.userName(QStringLiteral("u2")), QStringLiteral("李静"));
    QCOMPARE(directory.branchOfUser(QStringLiteral("u1")), QStringLiteral("b1"));
    QVERIFY(directory.userName(QStringLiteral("nobody")).isEmpty());
    QVERIFY(directory.branchName(QString()).isEmpty());
}

void TestCustomerQueries::pendingFollowsTheOutbox()
{
    CustomerRepository customers(m_fixture->db());
    Customer c = test::merchant(QStringLiteral("杭州鑫源餐饮管理有限公司"));
    QVERIFY(customers.insert(c));
    Outbox outbox(m_fixture->db());
    QVERIFY(outbox.hasPending(QStringLiteral("customers"), c.meta.id));
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
    QVERIFY(!outbox.hasPending(QStringLiteral("customers"), c.meta.id));
    c.city = QStringLiteral("宁波");
    QVERIFY(customers.update(c));
    QVERIFY(outbox.hasPending(QStringLiteral("customers"), c.meta.id));
    QVERIFY(!outbox.hasPending(QStringLiteral("leads"), c.meta.id));
}

void TestCustomerQueries::listMarksPendingRows()
{
    CustomerRepository customers(m_fixture->db());
    Customer a = test::merchant(QStringLiteral("甲商户"));
    Customer b = test::merchant(QStringLiteral("乙商户"));
    QVERIFY(customers.insert(a));
    QVERIFY(customers.insert(b));
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
    b.notes = QStringLiteral("改了备注");
    QVERIFY(customers.update(b));

    CustomerListModel model(m_fixture->db(), Role::SalesRep);
    QAbstractItemModelTester tester(&model);
    model.reload();
    QCOMPARE(model.rowCount(), 2);
    for (int row = 0; row < 2; ++row) {
        const QModelIndex name = model.index(row, CustomerListModel::Name);
        const bool isB = name.data(CustomerListModel::IdRole).toString() == b.meta.id;
        QCOMPARE(name.data(CustomerListModel::PendingRole).toBool(), isB);
        QCOMPARE(name.data(Qt::ToolTipRole).isValid(), isB);
    }
}

void TestCustomerQueries::leadsOfACustomer()
{
    LeadRepository leads(m_fixture->db());
    auto make = [&](const QString &name, const QString &phone, const QString &convertedTo) {
        Lead lead;
        lead.name = name;
        lead.phone = phone;
        lead.source = LeadSource::Referral;
        lead.convertedCustomerId = convertedTo;
        if (!convertedTo.isEmpty())
            lead.status = LeadStatus::Converted;
        return leads.insert(lead).ok;
    };
    QVERIFY(make(QStringLiteral("转化来的"), QStringLiteral("13900000001"), QStringLiteral("c1")));
    QVERIFY(make(QStringLiteral("同一号码"), QStringLiteral("13900000002"), QString()));
    QVERIFY(make(QStringLiteral("无关"), QStringLiteral("13900000003"), QString()));

    LeadFilter filter;
    filter.customerId = QStringLiteral("c1");
    QCOMPARE(leads.page(filter, {}, 10, nullptr).size(), 1);
    filter.customerPhone = QStringLiteral("13900000002");
    QCOMPARE(leads.page(filter, {}, 10, nullptr).size(), 2);

    LeadListModel model(m_fixture->db(), Role::SalesRep);
    QAbstractItemModelTester tester(&model);
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 2);
}

void TestCustomerQueries::leadsOfACustomerAreFoundByIndex()
{
    // The 360° view's leads: converted into the customer or carrying its phone. Both terms
    // are index lookups; a scan of every lead was most of the time it took to open a
    // customer (bench_client, docs/benchmarks.md).
    QSqlQuery plan(m_fixture->db());
    QVERIFY(plan.exec(
            QStringLiteral("EXPLAIN QUERY PLAN SELECT l.id FROM leads l WHERE l.deleted = 0 AND "
                           "(l.converted_customer_id = 'c' OR l.phone = '13900000001')")));
    QStringList steps;
    while (plan.next())
        steps << plan.value(plan.record().count() - 1).toString();
    const QString text = steps.join(QLatin1Char('\n'));
    QVERIFY2(text.contains(QStringLiteral("leads_by_converted_customer"))
                     && text.contains(QStringLiteral("leads_by_phone")),
             qPrintable(text));
}

void TestCustomerQueries::countInSlicesMatchesCount_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("branch");
    QTest::newRow("everything") << QString() << QString() << QString();
    QTest::newRow("kind") << QString() << QStringLiteral("individual") << QString();
    QTest::newRow("kind and branch")
            << QString() << QStringLiteral("merchant") << QStringLiteral("branch-nb");
    QTest::newRow("full text") << QStringLiteral("杭州") << QString() << QString();
    QTest::newRow("full text and kind")
            << QStringLiteral("有限公司") << QStringLiteral("corporate") << QString();
    QTest::newRow("exact credit code") << test::validCreditCode(20240001) << QString() << QString();
    QTest::newRow("nothing") << QStringLiteral("不存在的名字") << QString() << QString();
}

void TestCustomerQueries::countInSlicesMatchesCount()
{
    QFETCH(QString, text);
    QFETCH(QString, kind);
    QFETCH(QString, branch);
    test::seedDemoBook(m_fixture->db(), 120);
    // Deleted rows and gaps in the row numbers must not upset the ranges.
    CustomerRepository customers(m_fixture->db());
    const QList<CustomerSummary> some = customers.page({}, CustomerSort::ByName, {}, 9, nullptr);
    QVERIFY(customers.remove(some.at(3).id));
    QVERIFY(customers.remove(some.at(7).id));

    CustomerFilter filter;
    filter.text = text;
    filter.kind = RecordEnums::parse<CustomerKind>(kind);
    filter.branchId = branch;
    const qint64 expected = customers.count(filter, nullptr);
    QVERIFY(expected >= 0);

    CustomerCounter counter(m_fixture->db());
    counter.setSliceRows(7);
    counter.setTurnBudgetMs(0); // one slice per turn: many turns
    QSignalSpy finished(&counter, &CustomerCounter::finished);
    QSignalSpy progress(&counter, &CustomerCounter::progress);
    counter.start(filter);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toLongLong(), expected);
    QCOMPARE(counter.total(), expected);
    QVERIFY(!counter.isCounting());
    if (expected > 14)
        QVERIFY(!progress.isEmpty()); // it took turns
}

void TestCustomerQueries::aNewCountCancelsTheRunningOne()
{
    test::seedDemoBook(m_fixture->db(), 120);
    CustomerCounter counter(m_fixture->db());
    counter.setSliceRows(5);
    counter.setTurnBudgetMs(0);
    QSignalSpy finished(&counter, &CustomerCounter::finished);
    counter.start(CustomerFilter());
    QVERIFY(counter.isCounting());
    CustomerFilter individuals;
    individuals.kind = CustomerKind::Individual;
    counter.start(individuals);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toLongLong(),
             CustomerRepository(m_fixture->db()).count(individuals, nullptr));
    QTest::qWait(20);
    QCOMPARE(finished.size(), 1);
}

QTEST_GUILESS_MAIN(TestCustomerQueries)
#include "tst_customerqueries.moc"
