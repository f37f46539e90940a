// SPDX-License-Identifier: GPL-3.0-or-later
// Every list model under QAbstractItemModelTester, lazy loading page by page, and masking
// of PII by the viewer's role.
#include "StoreFixture.h"
#include "conflicts/ConflictText.h"
#include "itemmodels/ActivityTimelineModel.h"
#include "itemmodels/ContactListModel.h"
#include "itemmodels/CustomerListModel.h"
#include "itemmodels/LeadListModel.h"
#include "itemmodels/TaskListModel.h"
#include "repositories/ContactRepository.h"
#include "repositories/LeadRepository.h"
#include "repositories/TaskRepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace branchline;

class TestItemModels : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void customerListLoadsLazily();
    void customerListFiltersAndSorts();
    void customerListMasksPhoneForEveryRole_data();
    void customerListMasksPhoneForEveryRole();
    void contactListPassesTheTester();
    void leadListPassesTheTester();
    void taskListMarksOverdue();
    void timelineShowsNewestFirstAndAppends();
    void timelineMarksWaitingAndRefusedEntries();
    void taskAndLeadListsWaitForTheirFilter();
    void brokenStoreReportsInsteadOfCrashing();

private:
    void addCustomers(int count);
    std::unique_ptr<test::StoreFixture> m_fixture;
};

void TestItemModels::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
}

void TestItemModels::cleanup()
{
    m_fixture.reset();
}

void TestItemModels::addCustomers(int count)
{
    QList<Customer> customers;
    for (int i = 0; i < count; ++i) {
        Customer c = test::merchant(QStringLiteral("商户%1").arg(i, 4, 10, QLatin1Char('0')));
        c.phone = QStringLiteral("1380000%1").arg(i, 4, 10, QLatin1Char('0'));
        c.riskLevel = i % 2 ? RiskLevel::High : RiskLevel::Low;
        customers << c;
    }
    QVERIFY(CustomerRepository(m_fixture->db()).insertMany(customers));
}

void TestItemModels::customerListLoadsLazily()
{
    addCustomers(450);
    CustomerListModel model(m_fixture->db(), Role::SalesRep);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(100);
    model.reload();
    QCOMPARE(model.rowCount(), 100); // one page, not 450 rows
    QVERIFY(model.canFetchMore({}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(inserted.count(), 1);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 450);
    QCOMPARE(model.index(0, CustomerListModel::Name).data().toString(), QStringLiteral("商户0000"));
    QCOMPARE(model.index(449, CustomerListModel::Name).data().toString(),
             QStringLiteral("商户0449"));
    QCOMPARE(model.index(0, 0).data(CustomerListModel::IdRole).toString().size(), 36);
    QCOMPARE(model.headerData(CustomerListModel::Risk, Qt::Horizontal).toString(),
             QStringLiteral("Risk level"));
}

void TestItemModels::customerListFiltersAndSorts()
{
    addCustomers(30);
    CustomerListModel model(m_fixture->db(), Role::BranchManager);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CustomerFilter filter;
    filter.riskLevel = RiskLevel::High;
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 15);
    QCOMPARE(model.index(0, CustomerListModel::Risk).data().toString(),
             QStringLiteral("High risk"));
    filter.text = QStringLiteral("商户0007");
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 1);
    model.setFilter({});
    model.sort(CustomerListModel::Updated);
    QCOMPARE(model.sortOrder(), CustomerSort::ByRecentlyUpdated);
    QCOMPARE(model.rowCount(), 30);
    // Inserted in one transaction in order: the newest is the last one written.
    QCOMPARE(model.index(0, CustomerListModel::Name).data().toString(), QStringLiteral("商户0029"));
    model.sort(CustomerListModel::Name);
    QCOMPARE(model.index(0, CustomerListModel::Name).data().toString(), QStringLiteral("商户0000"));
}

void TestItemModels::customerListMasksPhoneForEveryRole_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("shown");
    for (Role role : allRoles())
        QTest::newRow(qPrintable(roleCode(role))) << int(role) << QStringLiteral("138****0003");
}

void TestItemModels::customerListMasksPhoneForEveryRole()
{
    QFETCH(int, role);
    QFETCH(QString, shown);
    addCustomers(5);
    CustomerListModel model(m_fixture->db(), Role(role));
    model.reload();
    QCOMPARE(model.index(3, CustomerListModel::Phone).data().toString(), shown);
    for (int row = 0; row < model.rowCount(); ++row)
        for (int column = 0; column < model.columnCount(); ++column)
            QVERIFY(!model.index(row, column)
                             .data()
                             .toString()
                             .contains(QStringLiteral("13800000")));
}

void TestItemModels::contactListPassesTheTester()
{
    ContactRepository contacts(m_fixture->db());
    for (int i = 0; i < 7; ++i) {
        Contact c;
        c.customerId = QStringLiteral("customer-1");
        c.name = QStringLiteral("联系人%1").arg(i);
        c.email = QStringLiteral("person%1@example.com").arg(i);
        c.isPrimary = i == 0;
        QVERIFY(contacts.insert(c));
    }
    ContactListModel model(m_fixture->db(), Role::SalesRep);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(3);
    model.setCustomer(QStringLiteral("customer-1"));
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(model.index(0, ContactListModel::Primary).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    QVERIFY(!model.index(0, ContactListModel::Email)
                     .data()
                     .toString()
                     .contains(QStringLiteral("person0")));
}

void TestItemModels::leadListPassesTheTester()
{
    LeadRepository leads(m_fixture->db());
    for (int i = 0; i < 12; ++i) {
        Lead l;
        l.name = QStringLiteral("线索%1").arg(i);
        l.phone = QStringLiteral("1390000%1").arg(i, 4, 10, QLatin1Char('0'));
        l.status = i % 3 ? LeadStatus::New : LeadStatus::Qualified;
        l.score = i * 5;
        QVERIFY(leads.insert(l));
    }
    LeadListModel model(m_fixture->db(), Role::SalesRep);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(5);
    LeadFilter filter;
    filter.status = LeadStatus::Qualified;
    model.setFilter(filter);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(0, LeadListModel::Status).data().toString(), QStringLiteral("Qualified"));
    QVERIFY(model.index(0, LeadListModel::Phone)
                    .data()
                    .toString()
                    .contains(QStringLiteral("****")));
}

void TestItemModels::taskListMarksOverdue()
{
    TaskRepository tasks(m_fixture->db());
    const QDateTime now(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);
    for (int offset : { -2, 1 }) {
        Task t;
        t.title = QStringLiteral("任务%1").arg(offset);
        t.dueAt = now.addDays(offset);
        QVERIFY(tasks.insert(t));
    }
    Task done;
    done.title = QStringLiteral("已完成");
    done.dueAt = now.addDays(-5);
    done.status = TaskStatus::Done;
    QVERIFY(tasks.insert(done));
    TaskListModel model(m_fixture->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(now);
    model.setFilter({});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, TaskListModel::Title).data().toString(), QStringLiteral("已完成"));
    QCOMPARE(model.index(0, 0).data(TaskListModel::OverdueRole).toBool(), false); // done
    QCOMPARE(model.index(1, 0).data(TaskListModel::OverdueRole).toBool(), true);
    QCOMPARE(model.index(2, 0).data(TaskListModel::OverdueRole).toBool(), false);
}

void TestItemModels::timelineShowsNewestFirstAndAppends()
{
    ActivityTimelineModel model(m_fixture->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRecord(QStringLiteral("customer-1"));
    QCOMPARE(model.rowCount(), 0);
    const QDateTime base(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC);
    for (int i = 0; i < 3; ++i) {
        Activity a;
        a.kind = ActivityKind::Visit;
        a.occurredAt = base.addDays(i);
        a.subject = QStringLiteral("拜访%1").arg(i);
        QVERIFY(model.append(a));
        QCOMPARE(a.relatedId, QStringLiteral("customer-1"));
    }
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, ActivityTimelineModel::Subject).data().toString(),
             QStringLiteral("拜访2"));
    Activity invalid;
    QVERIFY(!model.append(invalid));
    QCOMPARE(model.rowCount(), 3);
}

void TestItemModels::timelineMarksWaitingAndRefusedEntries()
{
    ActivityTimelineModel model(m_fixture->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRecord(QStringLiteral("customer-1"));
    Activity call;
    call.kind = ActivityKind::Call;
    call.occurredAt = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
    call.subject = QStringLiteral("电话回访");
    QVERIFY(model.append(call));
    // Logged here, not yet sent: the row says so.
    const QModelIndex row = model.index(0, ActivityTimelineModel::Subject);
    QCOMPARE(row.data(ActivityTimelineModel::SyncStateRole).toInt(),
             int(SyncMarks::State::Pending));
    QCOMPARE(row.data(ActivityTimelineModel::SyncLabelRole).toString(),
             SyncMarks::label(SyncMarks::State::Pending));
    QVERIFY(!row.data(Qt::ToolTipRole).toString().isEmpty());

    // Sent and refused by the server: the edit leaves the outbox, and the journal's entry
    // makes the row say that it was refused, why, and where the entry waits.
    QSqlQuery query(m_fixture->db());
    QVERIFY(query.exec("DELETE FROM outbox"));
    query.prepare("INSERT INTO sync_conflicts (id, table_name, record_id, kind, code, message, "
                  "origin, created_at, updated_at) VALUES ('j1', 'activities', ?, 'rejected', "
                  "'not_allowed', '只能以自己的名义记录', 'server', '2026-12-01', '2026-12-01')");
    query.addBindValue(call.meta.id);
    QVERIFY(query.exec());
    model.reload();
    const QModelIndex refused = model.index(0, ActivityTimelineModel::Subject);
    QCOMPARE(refused.data(ActivityTimelineModel::SyncStateRole).toInt(),
             int(SyncMarks::State::Refused));
    // Why, in the interface's language, from the refusal's code (the server's words are in
    // the server's language) …
    QVERIFY(refused.data(Qt::ToolTipRole)
                    .toString()
                    .contains(ConflictText::refusal("not_allowed", QString())));
    QVERIFY(!refused.data(Qt::ToolTipRole).toString().contains("只能以自己的名义记录"));
    // … and the server's own words for a code this client does not know.
    QVERIFY(query.exec("UPDATE sync_conflicts SET code = 'quota_exceeded'"));
    model.reload();
    QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains("只能以自己的名义记录"));

    // Once the entry is resolved, the row is in step again.
    QVERIFY(query.exec("UPDATE sync_conflicts SET resolution = 'theirs'"));
    model.reload();
    QCOMPARE(model.index(0, 0).data(ActivityTimelineModel::SyncStateRole).toInt(),
             int(SyncMarks::State::InStep));
    QVERIFY(model.index(0, 0).data(ActivityTimelineModel::SyncLabelRole).toString().isEmpty());
}

void TestItemModels::taskAndLeadListsWaitForTheirFilter()
{
    // The 360° view attaches these lists to their tables when it is built; until a
    // customer opens, a view's fetchMore() must not load every task and lead in the store.
    Task task;
    task.title = QStringLiteral("回访");
    QVERIFY(TaskRepository(m_fixture->db()).insert(task));
    Lead lead;
    lead.name = QStringLiteral("线索");
    lead.phone = QStringLiteral("13900001234");
    QVERIFY(LeadRepository(m_fixture->db()).insert(lead));
    TaskListModel tasks(m_fixture->db());
    LeadListModel leads(m_fixture->db(), Role::SalesRep);
    QAbstractItemModelTester taskTester(&tasks,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester leadTester(&leads,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    while (tasks.canFetchMore({}))
        tasks.fetchMore({});
    while (leads.canFetchMore({}))
        leads.fetchMore({});
    QCOMPARE(tasks.rowCount(), 0);
    QCOMPARE(leads.rowCount(), 0);
    tasks.setFilter({});
    leads.setFilter({});
    QCOMPARE(tasks.rowCount(), 1);
    QCOMPARE(leads.rowCount(), 1);
}

void TestItemModels::brokenStoreReportsInsteadOfCrashing()
{
    addCustomers(3);
    QSqlQuery drop(m_fixture->db());
    QVERIFY(drop.exec(QStringLiteral("DROP TABLE users")));
    CustomerListModel model(m_fixture->db(), Role::SalesRep);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy failed(&model, &PagedListModel::loadFailed);
    model.reload();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(failed.count(), 1);
    QVERIFY(!model.lastErrorMessage().isEmpty());
    QVERIFY(!model.canFetchMore({}));
}

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"
