// SPDX-License-Identifier: GPL-3.0-or-later
// The leads board's models: a column per status under QAbstractItemModelTester with its
// count and pending markers, moves along the pipeline with their outbox rows, and the
// conversion of a lead into a customer as one local transaction.
#include "DemoData.h"
#include "StoreFixture.h"
#include "itemmodels/LeadColumnModel.h"
#include "itemmodels/LeadListModel.h"
#include "repositories/CustomerRepository.h"
#include "repositories/LeadConversion.h"
#include "repositories/LeadRepository.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace branchline;

namespace {

const QString rep = QStringLiteral("user-rep");
const QString manager = QStringLiteral("user-manager");
const QString branch = QStringLiteral("branch-xihu");

struct OutboxRow
{
    QString table;
    QString recordId;
    QString op;
    QJsonObject fields;
};

QList<OutboxRow> outbox(const QSqlDatabase &db)
{
    QList<OutboxRow> rows;
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT table_name, record_id, op, fields FROM outbox ORDER BY mutation"));
    while (query.next())
        rows << OutboxRow{ query.value(0).toString(), query.value(1).toString(),
                           query.value(2).toString(),
                           QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object() };
    return rows;
}

qint64 count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

class TestLeadPipeline : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void columnPagesCountsAndMarksPending();
    void cardsDragOnlyForRolesThatMoveLeads();
    void movesAlongThePipeline();
    void draftFollowsTheLead();
    void convertsInOneTransaction();
    void refusedConversionSavesNothing();
    void failedLeadUpdateUndoesTheCustomer();

private:
    QString addLead(const QString &name, LeadStatus status, const QString &company = {},
                    int score = 50);
    std::unique_ptr<test::StoreFixture> m_fixture;
};

void TestLeadPipeline::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
    QVERIFY(test::addBranch(m_fixture->db(), branch, QStringLiteral("杭州西湖支行")));
    QVERIFY(test::addUser(m_fixture->db(), rep, QStringLiteral("王磊"), branch));
    QVERIFY(test::addUser(m_fixture->db(), manager, QStringLiteral("周敏"), branch,
                          QStringLiteral("branch_manager")));
}

void TestLeadPipeline::cleanup()
{
    m_fixture.reset();
}

QString TestLeadPipeline::addLead(const QString &name, LeadStatus status, const QString &company,
                                  int score)
{
    Lead lead;
    lead.name = name;
    lead.company = company;
    lead.phone = QStringLiteral("13905711234");
    lead.status = status;
    lead.score = score;
    lead.ownerId = rep;
    lead.branchId = branch;
    lead.city = QStringLiteral("杭州");
    [&] { QVERIFY(LeadRepository(m_fixture->db()).insert(lead)); }();
    return lead.meta.id;
}

void TestLeadPipeline::columnPagesCountsAndMarksPending()
{
    for (int i = 0; i < 7; ++i)
        addLead(QStringLiteral("新线索%1").arg(i), LeadStatus::New);
    addLead(QStringLiteral("已联系"), LeadStatus::Contacted);
    QVERIFY(test::confirmAllEdits(m_fixture->db()));

    LeadColumnModel column(m_fixture->db(), LeadStatus::New, Role::SalesRep);
    QAbstractItemModelTester tester(&column,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counted(&column, &LeadColumnModel::totalCountChanged);
    column.setPageSize(3);
    column.setFilter({});
    QCOMPARE(column.rowCount(), 3); // one page, yet the whole column is counted
    QCOMPARE(column.totalCount(), 7);
    QCOMPARE(counted.size(), 1);
    while (column.canFetchMore({}))
        column.fetchMore({});
    QCOMPARE(column.rowCount(), 7);
    QCOMPARE(column.index(0, 0).data(LeadColumnModel::OwnerRole).toString(),
             QStringLiteral("王磊"));
    QVERIFY(!column.index(0, 0).data(LeadColumnModel::PendingRole).toBool());
    // PII stays masked in the tooltip.
    QVERIFY(column.index(0, 0).data(Qt::ToolTipRole).toString().contains(
            QStringLiteral("139****1234")));

    // An edit made here marks the card until the server answers.
    const QString moved = column.index(6, 0).data(LeadColumnModel::IdRole).toString();
    QVERIFY(LeadRepository(m_fixture->db()).moveTo(moved, LeadStatus::Contacted));
    column.reload();
    QCOMPARE(column.totalCount(), 6);
    QCOMPARE(column.rowOf(moved), -1);
    LeadColumnModel contacted(m_fixture->db(), LeadStatus::Contacted, Role::SalesRep);
    QAbstractItemModelTester contactedTester(
            &contacted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    contacted.setFilter({});
    QCOMPARE(contacted.totalCount(), 2);
    QCOMPARE(contacted.rowOf(moved), 0); // the newest change first
    QVERIFY(contacted.index(0, 0).data(LeadColumnModel::PendingRole).toBool());
    QVERIFY(!contacted.index(1, 0).data(LeadColumnModel::PendingRole).toBool());

    // The search box narrows every column; the status stays the column's own.
    LeadFilter filter;
    filter.text = QStringLiteral("已联系");
    contacted.setFilter(filter);
    QCOMPARE(contacted.totalCount(), 1);
    column.setFilter(filter);
    QCOMPARE(column.totalCount(), 0);

    // The list shows the same marker and the owner.
    LeadListModel list(m_fixture->db(), Role::SalesRep);
    QAbstractItemModelTester listTester(&list,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    list.setFilter({});
    QCOMPARE(list.index(0, LeadListModel::Name).data(LeadListModel::PendingRole).toBool(), true);
    QCOMPARE(list.index(0, LeadListModel::Owner).data().toString(), QStringLiteral("王磊"));
}

void TestLeadPipeline::cardsDragOnlyForRolesThatMoveLeads()
{
    const QString id = addLead(QStringLiteral("赵六"), LeadStatus::Qualified);
    addLead(QStringLiteral("已转化"), LeadStatus::New);
    LeadColumnModel qualified(m_fixture->db(), LeadStatus::Qualified, Role::SalesRep);
    qualified.setFilter({});
    const QModelIndex card = qualified.index(0, 0);
    QVERIFY(qualified.flags(card) & Qt::ItemIsDragEnabled);
    std::unique_ptr<QMimeData> data(qualified.mimeData({ card }));
    QVERIFY(data);
    const LeadColumnModel::DraggedLead dragged = LeadColumnModel::draggedLead(data.get());
    QCOMPARE(dragged.id, id);
    QCOMPARE(dragged.from, LeadStatus::Qualified);
    QVERIFY(LeadColumnModel::draggedLead(nullptr).id.isEmpty());
    QMimeData foreign;
    foreign.setData(LeadColumnModel::mimeType(), "qualified");
    QVERIFY(LeadColumnModel::draggedLead(&foreign).id.isEmpty());

    LeadColumnModel managers(m_fixture->db(), LeadStatus::Qualified, Role::BranchManager);
    managers.setFilter({});
    QVERIFY(managers.flags(managers.index(0, 0)) & Qt::ItemIsDragEnabled);
    for (const Role role : { Role::RiskOfficer, Role::Admin }) {
        LeadColumnModel readOnly(m_fixture->db(), LeadStatus::Qualified, role);
        readOnly.setFilter({});
        QVERIFY(!(readOnly.flags(readOnly.index(0, 0)) & Qt::ItemIsDragEnabled));
        QVERIFY(!readOnly.mimeData({ readOnly.index(0, 0) }));
    }
}

void TestLeadPipeline::movesAlongThePipeline()
{
    LeadRepository leads(m_fixture->db());
    const QString id = addLead(QStringLiteral("赵六"), LeadStatus::New);
    QVERIFY(test::confirmAllEdits(m_fixture->db()));

    QVERIFY(leads.moveTo(id, LeadStatus::Contacted));
    QList<OutboxRow> rows = outbox(m_fixture->db());
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].op, QStringLiteral("update"));
    QCOMPARE(rows[0].fields, (QJsonObject{ { "status", "contacted" } })); // nothing else sent
    QVERIFY(leads.moveTo(id, LeadStatus::Contacted)); // where it is already: nothing written
    QCOMPARE(outbox(m_fixture->db()).size(), 1);

    const SaveResult converted = leads.moveTo(id, LeadStatus::Converted);
    QVERIFY(!converted);
    QCOMPARE(converted.issues.first().field, QStringLiteral("status"));
    const SaveResult noReason = leads.moveTo(id, LeadStatus::Lost, QStringLiteral("  "));
    QVERIFY(!noReason);
    QCOMPARE(noReason.issues.first().field, QStringLiteral("lost_reason"));
    QCOMPARE(leads.find(id)->status, LeadStatus::Contacted);

    QVERIFY(leads.moveTo(id, LeadStatus::Lost, QStringLiteral("已选择其他收单机构")));
    const Lead lost = *leads.find(id);
    QCOMPARE(lost.status, LeadStatus::Lost);
    QVERIFY2(lost.notes.endsWith(QStringLiteral(": 已选择其他收单机构")), qPrintable(lost.notes));
    QVERIFY(lost.notes.contains(QDate::currentDate().toString(Qt::ISODate)));
    // Picked up again later.
    QVERIFY(leads.moveTo(id, LeadStatus::Qualified));
    QCOMPARE(leads.find(id)->status, LeadStatus::Qualified);
    QVERIFY(!leads.moveTo(QStringLiteral("no-such-lead"), LeadStatus::New));
}

void TestLeadPipeline::draftFollowsTheLead()
{
    LeadRepository leads(m_fixture->db());
    Lead lead = *leads.find(addLead(QStringLiteral("王建华"), LeadStatus::Qualified,
                                    QStringLiteral("杭州西溪茶社有限公司")));
    lead.ownerId = QStringLiteral("user-other");
    lead.branchId = QStringLiteral("branch-other");

    LeadConversion repConversion(m_fixture->db(), Role::SalesRep, rep);
    Customer draft = repConversion.draft(lead);
    QCOMPARE(draft.legalName, QStringLiteral("杭州西溪茶社有限公司"));
    QCOMPARE(draft.kind, CustomerKind::Merchant);
    QCOMPARE(draft.phone, QStringLiteral("13905711234"));
    QCOMPARE(draft.city, QStringLiteral("杭州"));
    QCOMPARE(draft.status, CustomerStatus::Prospect);
    // A rep cannot assign: the customer is theirs, in their branch, as the server would make it.
    QCOMPARE(draft.ownerId, rep);
    QCOMPARE(draft.branchId, branch);
    // A manager assigns, so the lead's owner keeps it.
    const Customer managers = LeadConversion(m_fixture->db(), Role::BranchManager, manager)
                                      .draft(lead);
    QCOMPARE(managers.ownerId, QStringLiteral("user-other"));
    QCOMPARE(managers.branchId, QStringLiteral("branch-other"));

    lead.productInterest = QStringLiteral("经营贷");
    QCOMPARE(repConversion.draft(lead).kind, CustomerKind::Corporate);
    lead.company.clear();
    QCOMPARE(repConversion.draft(lead).kind, CustomerKind::Individual);
    QCOMPARE(repConversion.draft(lead).legalName, QStringLiteral("王建华"));
    lead.phone = QStringLiteral("139****1234"); // as a pulled lead holds it
    QVERIFY(repConversion.draft(lead).phone.isEmpty());

    QVERIFY(LeadConversion::mayConvert(Role::SalesRep));
    QVERIFY(!LeadConversion::mayConvert(Role::BranchManager)); // does not capture PII
    QVERIFY(!LeadConversion::mayConvert(Role::RiskOfficer));
    QVERIFY(!LeadConversion::mayConvert(Role::Admin));
}

void TestLeadPipeline::convertsInOneTransaction()
{
    LeadRepository leads(m_fixture->db());
    const QString id = addLead(QStringLiteral("王建华"), LeadStatus::Qualified,
                               QStringLiteral("杭州西溪茶社有限公司"));
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
    LeadConversion conversion(m_fixture->db(), Role::SalesRep, rep);
    Customer customer = conversion.draft(*leads.find(id));
    customer.creditCode = test::validCreditCode(77);
    const SaveResult result = conversion.convert(id, customer);
    QVERIFY2(result, qPrintable(result.firstMessage()));
    QVERIFY(!customer.meta.id.isEmpty());

    const std::optional<Customer> stored = CustomerRepository(m_fixture->db()).find(customer.meta.id);
    QVERIFY(stored);
    QCOMPARE(stored->legalName, QStringLiteral("杭州西溪茶社有限公司"));
    QCOMPARE(stored->ownerId, rep);
    const Lead lead = *leads.find(id);
    QCOMPARE(lead.status, LeadStatus::Converted);
    QCOMPARE(lead.convertedCustomerId, customer.meta.id);

    // The customer first, then the lead that names it, as the server needs them.
    const QList<OutboxRow> rows = outbox(m_fixture->db());
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].table, QStringLiteral("customers"));
    QCOMPARE(rows[0].op, QStringLiteral("insert"));
    QCOMPARE(rows[0].recordId, customer.meta.id);
    QCOMPARE(rows[1].table, QStringLiteral("leads"));
    QCOMPARE(rows[1].recordId, id);
    QCOMPARE(rows[1].fields, (QJsonObject{ { "status", "converted" },
                                           { "converted_customer_id", customer.meta.id } }));

    // Once converted, it stays so: no second customer, no move back.
    Customer again = conversion.draft(lead);
    QVERIFY(!conversion.convert(id, again));
    QVERIFY(again.meta.id.isEmpty());
    QVERIFY(!leads.moveTo(id, LeadStatus::Qualified));
    QCOMPARE(count(m_fixture->db(), QStringLiteral("SELECT count(*) FROM customers")), 1);
    QCOMPARE(outbox(m_fixture->db()).size(), 2);
}

void TestLeadPipeline::refusedConversionSavesNothing()
{
    LeadRepository leads(m_fixture->db());
    const QString id = addLead(QStringLiteral("王建华"), LeadStatus::Qualified,
                               QStringLiteral("杭州西溪茶社有限公司"));
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
    LeadConversion conversion(m_fixture->db(), Role::SalesRep, rep);
    Customer customer = conversion.draft(*leads.find(id));
    QString bad = test::validCreditCode(77);
    bad[17] = bad[17] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    customer.creditCode = bad;
    customer.phone = QStringLiteral("1390571");
    const SaveResult refused = conversion.convert(id, customer);
    QVERIFY(!refused);
    QStringList fields;
    for (const FieldIssue &issue : refused.issues)
        fields << issue.field;
    QCOMPARE(fields, (QStringList{ "credit_code", "phone" }));
    QVERIFY(customer.meta.id.isEmpty());
    QCOMPARE(count(m_fixture->db(), QStringLiteral("SELECT count(*) FROM customers")), 0);
    QCOMPARE(leads.find(id)->status, LeadStatus::Qualified);
    QVERIFY(outbox(m_fixture->db()).isEmpty());

    // A role that may not convert is told so before anything is tried.
    Customer managers = customer;
    QVERIFY(!LeadConversion(m_fixture->db(), Role::BranchManager, manager).convert(id, managers));
    QVERIFY(outbox(m_fixture->db()).isEmpty());
}

void TestLeadPipeline::failedLeadUpdateUndoesTheCustomer()
{
    LeadRepository leads(m_fixture->db());
    const QString id = addLead(QStringLiteral("王建华"), LeadStatus::Qualified,
                               QStringLiteral("杭州西溪茶社有限公司"));
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
    // The store refuses the lead's write after the customer's went in.
    QSqlQuery trigger(m_fixture->db());
    QVERIFY(trigger.exec(QStringLiteral("CREATE TEMP TRIGGER refuse_lead BEFORE UPDATE ON leads "
                                        "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")));
    LeadConversion conversion(m_fixture->db(), Role::SalesRep, rep);
    Customer customer = conversion.draft(*leads.find(id));
    const SaveResult failed = conversion.convert(id, customer);
    QVERIFY(!failed);
    QVERIFY(failed.error.isError());
    QVERIFY(customer.meta.id.isEmpty());
    QCOMPARE(count(m_fixture->db(), QStringLiteral("SELECT count(*) FROM customers")), 0);
    QVERIFY(outbox(m_fixture->db()).isEmpty());
    QVERIFY(trigger.exec(QStringLiteral("DROP TRIGGER refuse_lead")));
    // The same draft goes through once the store is well again.
    QVERIFY(conversion.convert(id, customer));
    QCOMPARE(count(m_fixture->db(), QStringLiteral("SELECT count(*) FROM customers")), 1);
}

QTEST_GUILESS_MAIN(TestLeadPipeline)
#include "tst_leadpipeline.moc"
