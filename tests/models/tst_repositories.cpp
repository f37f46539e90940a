// SPDX-License-Identifier: GPL-3.0-or-later
// Repositories over a real encrypted store: save, validate, find, update, soft delete,
// search (full text and exact PII), filters and keyset paging.
#include "StoreFixture.h"
#include "repositories/ActivityRepository.h"
#include "repositories/ContactRepository.h"
#include "repositories/CustomerRepository.h"
#include "repositories/LeadRepository.h"
#include "repositories/TaskRepository.h"

#include <QSqlQuery>
#include <QTest>

using namespace branchline;

class TestRepositories : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void customerRoundTrip();
    void invalidCustomerIsRefusedWithEveryIssue();
    void identifiersAreStoredNormalised();
    void updateAndSoftDelete();
    void searchFindsByTextAndExactPii_data();
    void searchFindsByTextAndExactPii();
    void piiIsNotInTheFullTextIndex();
    void filtersCombine();
    void keysetPagingVisitsEveryRowOnce_data();
    void keysetPagingVisitsEveryRowOnce();
    void contactsBelongToTheirCustomer();
    void leadsSearchAndValidate();
    void tasksOrderByDueWithUndatedLast();
    void activitiesAreATimeline();

private:
    std::unique_ptr<test::StoreFixture> m_fixture;
};

void TestRepositories::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
}

void TestRepositories::cleanup()
{
    m_fixture.reset();
}

void TestRepositories::customerRoundTrip()
{
    CustomerRepository repository(m_fixture->db());
    Customer c = test::merchant(QStringLiteral("杭州西湖茶叶有限公司"));
    c.creditCode = test::validCreditCode(1);
    c.phone = QStringLiteral("138 1234 5678");
    c.mcc = QStringLiteral("5499");
    c.status = CustomerStatus::Onboarding;
    c.riskLevel = RiskLevel::Medium;
    c.kycStatus = KycStatus::InProgress;
    c.tags = QStringList{ "茶叶", " 重点 ", "茶叶,老客户" };
    c.notes = QStringLiteral("老板姓王");
    const SaveResult saved = repository.insert(c);
    QVERIFY2(saved, qPrintable(saved.firstMessage()));
    QVERIFY(c.meta.localId > 0);
    QCOMPARE(c.meta.id.size(), 36);
    QCOMPARE(c.meta.version, 0);

    const std::optional<Customer> found = repository.find(c.meta.id);
    QVERIFY(found);
    QCOMPARE(found->legalName, c.legalName);
    QCOMPARE(found->creditCode, c.creditCode);
    QCOMPARE(found->phone, QStringLiteral("13812345678"));
    QCOMPARE(found->mcc, QStringLiteral("5499"));
    QCOMPARE(found->status, CustomerStatus::Onboarding);
    QCOMPARE(found->riskLevel, std::optional<RiskLevel>(RiskLevel::Medium));
    QCOMPARE(found->kycStatus, KycStatus::InProgress);
    QCOMPARE(found->tags, (QStringList{ "茶叶", "重点", "老客户" }));
    QCOMPARE(found->notes, c.notes);
    QVERIFY(found->meta.createdAt.isValid());
}

void TestRepositories::invalidCustomerIsRefusedWithEveryIssue()
{
    CustomerRepository repository(m_fixture->db());
    Customer c = test::merchant(QString());
    QString bad = test::validCreditCode(2);
    bad[17] = bad[17] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    c.creditCode = bad;
    c.phone = QStringLiteral("12345");
    c.mcc = QStringLiteral("54");
    const SaveResult result = repository.insert(c);
    QVERIFY(!result);
    QStringList fields;
    for (const FieldIssue &issue : result.issues) {
        fields << issue.field;
        QVERIFY(!issue.message.isEmpty());
    }
    QCOMPARE(fields, (QStringList{ "legal_name", "credit_code", "phone", "mcc" }));
    QCOMPARE(repository.count({}, nullptr), 0);

    // From onboarding on, an individual needs a valid ID number.
    Customer person;
    person.kind = CustomerKind::Individual;
    person.legalName = QStringLiteral("张三");
    person.status = CustomerStatus::Onboarding;
    const SaveResult missing = repository.insert(person);
    QVERIFY(!missing);
    QCOMPARE(missing.issues.first().field, QStringLiteral("id_number"));
    person.idNumber = test::validIdNumber(7);
    QVERIFY(repository.insert(person));
}

void TestRepositories::identifiersAreStoredNormalised()
{
    CustomerRepository repository(m_fixture->db());
    Customer c;
    c.kind = CustomerKind::Individual;
    c.legalName = QStringLiteral("李四");
    QString id = test::validIdNumber(12);
    c.idNumber = id.toLower().insert(6, QLatin1Char(' '));
    c.phone = QStringLiteral("+86 139-0000-1111");
    QVERIFY2(repository.insert(c), qPrintable(repository.insert(c).firstMessage()));
    const std::optional<Customer> found = repository.find(c.meta.id);
    QCOMPARE(found->idNumber, id);
    QCOMPARE(found->phone, QStringLiteral("13900001111"));
}

void TestRepositories::updateAndSoftDelete()
{
    CustomerRepository repository(m_fixture->db());
    Customer c = test::merchant(QStringLiteral("旧名字"));
    QVERIFY(repository.insert(c));
    const QDateTime created = c.meta.updatedAt;
    QTest::qWait(5);
    c.legalName = QStringLiteral("新名字");
    QVERIFY(repository.update(c));
    QVERIFY(c.meta.updatedAt > created);
    QCOMPARE(repository.find(c.meta.id)->legalName, QStringLiteral("新名字"));

    // The full-text index followed the rename.
    CustomerFilter byOld;
    byOld.text = QStringLiteral("旧名");
    QCOMPARE(repository.count(byOld, nullptr), 0);
    CustomerFilter byNew;
    byNew.text = QStringLiteral("新名");
    QCOMPARE(repository.count(byNew, nullptr), 1);

    QVERIFY(repository.remove(c.meta.id));
    QVERIFY(!repository.find(c.meta.id));
    QCOMPARE(repository.count({}, nullptr), 0);
    // The tombstone stays for sync.
    QSqlQuery query(m_fixture->db());
    QVERIFY(query.exec(QStringLiteral("SELECT deleted FROM customers")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    // Editing or deleting a deleted record is a clear error, not a silent no-op.
    const SaveResult again = repository.update(c);
    QVERIFY(!again);
    QCOMPARE(again.error.kind, StoreError::Kind::RecordNotFound);
    QVERIFY(!repository.remove(c.meta.id));
}

void TestRepositories::searchFindsByTextAndExactPii_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("chinese inside a name")
            << QStringLiteral("茶叶") << QStringList{ "杭州西湖茶叶有限公司" };
    QTest::newRow("city in the address")
            << QStringLiteral("上海") << QStringList{ "上海浦东支付有限公司" };
    QTest::newRow("latin prefix") << QStringLiteral("acm") << QStringList{ "ACME Trading" };
    QTest::newRow("tag") << QStringLiteral("重点") << QStringList{ "ACME Trading" };
    QTest::newRow("full credit code")
            << test::validCreditCode(31) << QStringList{ "杭州西湖茶叶有限公司" };
    QTest::newRow("credit code lower case")
            << test::validCreditCode(31).toLower() << QStringList{ "杭州西湖茶叶有限公司" };
    QTest::newRow("full phone with prefix")
            << QStringLiteral("+86 137 0000 0002") << QStringList{ "上海浦东支付有限公司" };
    QTest::newRow("partial phone finds nothing") << QStringLiteral("1370000") << QStringList{};
    QTest::newRow("no match") << QStringLiteral("深圳") << QStringList{};
}

void TestRepositories::searchFindsByTextAndExactPii()
{
    QFETCH(QString, text);
    QFETCH(QStringList, names);
    CustomerRepository repository(m_fixture->db());
    Customer tea = test::merchant(QStringLiteral("杭州西湖茶叶有限公司"));
    tea.creditCode = test::validCreditCode(31);
    tea.phone = QStringLiteral("13700000001");
    Customer pay = test::merchant(QStringLiteral("上海浦东支付有限公司"), QStringLiteral("上海"));
    pay.phone = QStringLiteral("13700000002");
    Customer acme = test::merchant(QStringLiteral("ACME Trading"), QStringLiteral("Suzhou"));
    acme.tags = QStringList{ "重点" };
    for (Customer *c : { &tea, &pay, &acme })
        QVERIFY(repository.insert(*c));

    CustomerFilter filter;
    filter.text = text;
    StoreError error;
    QStringList found;
    for (const CustomerSummary &row : repository.page(filter, CustomerSort::ByName, {}, 50, &error))
        found << row.legalName;
    QVERIFY2(!error.isError(), qPrintable(error.detail));
    QCOMPARE(found, names);
    QCOMPARE(repository.count(filter, nullptr), names.size());
}

void TestRepositories::piiIsNotInTheFullTextIndex()
{
    CustomerRepository repository(m_fixture->db());
    Customer c = test::merchant(QStringLiteral("某某公司"));
    c.phone = QStringLiteral("13712345678");
    c.creditCode = test::validCreditCode(5);
    QVERIFY(repository.insert(c));
    QSqlQuery query(m_fixture->db());
    for (const QString &term : { QStringLiteral("13712345678"), c.creditCode.toLower() }) {
        query.prepare(
                QStringLiteral("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH ?"));
        query.addBindValue(term);
        QVERIFY(query.exec() && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
}

void TestRepositories::filtersCombine()
{
    CustomerRepository repository(m_fixture->db());
    for (int i = 0; i < 12; ++i) {
        Customer c = test::merchant(QStringLiteral("商户%1").arg(i));
        c.kind = i % 3 == 0 ? CustomerKind::Corporate : CustomerKind::Merchant;
        c.riskLevel = i % 2 ? RiskLevel::High : RiskLevel::Low;
        c.ownerId = i < 6 ? QStringLiteral("rep-a") : QStringLiteral("rep-b");
        QVERIFY(repository.insert(c));
    }
    CustomerFilter filter;
    filter.kind = CustomerKind::Merchant;
    QCOMPARE(repository.count(filter, nullptr), 8);
    filter.riskLevel = RiskLevel::High;
    QCOMPARE(repository.count(filter, nullptr), 4); // 1, 5, 7, 11
    filter.ownerId = QStringLiteral("rep-a");
    QCOMPARE(repository.count(filter, nullptr), 2); // 1 and 5
    filter.text = QStringLiteral("商户5");
    QCOMPARE(repository.count(filter, nullptr), 1);
}

void TestRepositories::keysetPagingVisitsEveryRowOnce_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<QString>("text");
    QTest::newRow("by name") << int(CustomerSort::ByName) << QString();
    QTest::newRow("by updated") << int(CustomerSort::ByRecentlyUpdated) << QString();
    QTest::newRow("full text") << int(CustomerSort::ByName) << QStringLiteral("商户");
}

void TestRepositories::keysetPagingVisitsEveryRowOnce()
{
    QFETCH(int, sort);
    QFETCH(QString, text);
    CustomerRepository repository(m_fixture->db());
    QList<Customer> all;
    for (int i = 0; i < 250; ++i) // many equal names: the row number breaks the ties
        all << test::merchant(QStringLiteral("商户%1").arg(i % 7));
    QVERIFY(repository.insertMany(all));

    CustomerFilter filter;
    filter.text = text;
    QSet<QString> seen;
    PageCursor cursor;
    QString previousName;
    int pages = 0;
    while (true) {
        StoreError error;
        const QList<CustomerSummary> page =
                repository.page(filter, CustomerSort(sort), cursor, 40, &error);
        QVERIFY(!error.isError());
        if (page.isEmpty())
            break;
        ++pages;
        for (const CustomerSummary &row : page) {
            QVERIFY2(!seen.contains(row.id), "a row came twice");
            seen.insert(row.id);
            if (CustomerSort(sort) == CustomerSort::ByName && text.isEmpty()) {
                QVERIFY(previousName <= row.legalName);
                previousName = row.legalName;
            }
        }
        cursor = CustomerRepository::cursorAfter(page.last(), CustomerSort(sort));
    }
    QCOMPARE(seen.size(), 250);
    QCOMPARE(pages, 7);
}

void TestRepositories::contactsBelongToTheirCustomer()
{
    ContactRepository contacts(m_fixture->db());
    Contact a;
    a.customerId = QStringLiteral("customer-1");
    a.name = QStringLiteral("王经理");
    a.phone = QStringLiteral("13800000000");
    a.email = QStringLiteral(" Wang@Example.COM ");
    QVERIFY(contacts.insert(a));
    QCOMPARE(contacts.find(a.meta.id)->email, QStringLiteral("wang@example.com"));
    Contact b = a;
    b.meta = SyncMeta();
    b.name = QStringLiteral("财务");
    b.email = QStringLiteral("not-an-email");
    const SaveResult bad = contacts.insert(b);
    QVERIFY(!bad);
    QCOMPARE(bad.issues.first().field, QStringLiteral("email"));
    b.email.clear();
    QVERIFY(contacts.insert(b));
    Contact other = a;
    other.meta = SyncMeta();
    other.customerId = QStringLiteral("customer-2");
    QVERIFY(contacts.insert(other));
    QCOMPARE(contacts.forCustomer(QStringLiteral("customer-1"), {}, 10, nullptr).size(), 2);
}

void TestRepositories::leadsSearchAndValidate()
{
    LeadRepository leads(m_fixture->db());
    Lead lead;
    lead.name = QStringLiteral("赵六");
    lead.company = QStringLiteral("宁波港口物流");
    lead.source = LeadSource::Event;
    const SaveResult unreachable = leads.insert(lead);
    QVERIFY(!unreachable);
    QCOMPARE(unreachable.issues.first().field, QStringLiteral("phone"));
    lead.phone = QStringLiteral("13611112222");
    QVERIFY(leads.insert(lead));
    lead.status = LeadStatus::Converted;
    QVERIFY(!leads.update(lead)); // only conversion may set "converted"
    LeadFilter filter;
    filter.text = QStringLiteral("物流");
    QCOMPARE(leads.page(filter, {}, 10, nullptr).size(), 1);
    filter.text = QStringLiteral("13611112222");
    QCOMPARE(leads.page(filter, {}, 10, nullptr).size(), 1);
    filter.text.clear();
    filter.status = LeadStatus::Lost;
    QCOMPARE(leads.page(filter, {}, 10, nullptr).size(), 0);
}

void TestRepositories::tasksOrderByDueWithUndatedLast()
{
    TaskRepository tasks(m_fixture->db());
    const QDateTime base(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
    const QList<int> offsets{ 3, -1, 7 };
    for (int offset : offsets) {
        Task t;
        t.title = QStringLiteral("回访 %1").arg(offset);
        t.dueAt = base.addDays(offset);
        t.ownerId = QStringLiteral("rep-a");
        QVERIFY(tasks.insert(t));
    }
    Task undated;
    undated.title = QStringLiteral("整理资料");
    undated.ownerId = QStringLiteral("rep-a");
    QVERIFY(tasks.insert(undated));
    Task badReminder;
    badReminder.title = QStringLiteral("提醒");
    badReminder.dueAt = base;
    badReminder.reminderAt = base.addDays(1);
    QVERIFY(!tasks.insert(badReminder));

    TaskFilter filter;
    filter.ownerId = QStringLiteral("rep-a");
    QStringList titles;
    PageCursor cursor;
    for (;;) { // pages of one, to exercise the cursor over NULL due dates
        const QList<Task> page = tasks.page(filter, cursor, 1, nullptr);
        if (page.isEmpty())
            break;
        titles << page.first().title;
        cursor = TaskRepository::cursorAfter(page.first());
    }
    QCOMPARE(titles, (QStringList{ "回访 -1", "回访 3", "回访 7", "整理资料" }));
}

void TestRepositories::activitiesAreATimeline()
{
    ActivityRepository activities(m_fixture->db());
    const QDateTime base(QDate(2026, 11, 1), QTime(10, 0), Qt::UTC);
    for (int i = 0; i < 5; ++i) {
        Activity a;
        a.kind = i % 2 ? ActivityKind::Visit : ActivityKind::Call;
        a.relatedId = QStringLiteral("customer-1");
        a.occurredAt = base.addDays(i);
        a.subject = QStringLiteral("第%1次联系").arg(i);
        a.body = i == 3 ? QStringLiteral("商户反映扫码费率偏高") : QString();
        QVERIFY(activities.append(a));
    }
    Activity empty;
    empty.relatedId = QStringLiteral("customer-1");
    QVERIFY(!activities.append(empty));
    const QList<Activity> first = activities.timeline(QStringLiteral("customer-1"), {}, 3, nullptr);
    QCOMPARE(first.size(), 3);
    QCOMPARE(first.first().subject, QStringLiteral("第4次联系"));
    const QList<Activity> rest =
            activities.timeline(QStringLiteral("customer-1"),
                                ActivityRepository::cursorAfter(first.last()), 3, nullptr);
    QCOMPARE(rest.size(), 2);
    QCOMPARE(rest.last().subject, QStringLiteral("第0次联系"));
    const QList<Activity> found = activities.search(QStringLiteral("费率"), {}, 10, nullptr);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().subject, QStringLiteral("第3次联系"));
}

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
