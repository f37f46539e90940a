// SPDX-License-Identifier: GPL-3.0-or-later
// Approvals on the client without a server: rows as sync would pull them, sorted into the
// inbox's boxes; decisions, withdrawals and requests checked here and queued through the
// outbox; a refusal journalled by the server shown in its words; the diff in the
// interface's units; notices told once; the item models under QAbstractItemModelTester.
#include "StoreFixture.h"
#include "approvals/ApprovalCommands.h"
#include "approvals/ApprovalDiff.h"
#include "approvals/ApprovalNotices.h"
#include "approvals/ApprovalRepository.h"
#include "approvals/ApprovalText.h"
#include "itemmodels/ApprovalListModel.h"
#include "itemmodels/ApprovalTimelineModel.h"
#include "repositories/CustomerRepository.h"
#include "domain/rules/FieldLabels.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace branchline;
using namespace branchline::test;

namespace {

const QString rep = QStringLiteral("u-rep");
const QString manager = QStringLiteral("u-mgr");
const QString deputy = QStringLiteral("u-deputy");
const QString now = QStringLiteral("2026-11-24T08:00:00.000Z");

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        qWarning() << sql << query.lastError().text();
    return !query.lastError().isValid();
}

int count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toInt() : -1;
}

QString slotJson(const QString &user, const QString &decision = QString())
{
    return QString::fromUtf8(
            QJsonDocument(QJsonObject{ { "user_id", user },
                                       { "holder_id", user },
                                       { "via", "manager" },
                                       { "decision", decision },
                                       { "decided_by", decision.isEmpty() ? QString() : user },
                                       { "decided_at", decision.isEmpty() ? QString() : now } })
                    .toJson(QJsonDocument::Compact));
}

} // namespace

class TestApprovals : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void boxesForRequesterAndApprover();
    void decisionIsQueuedAndShownPending();
    void decisionsCheckedHere_data();
    void decisionsCheckedHere();
    void refusalIsShownInTheServersWords();
    void withdrawByTheRequesterOnly();
    void requestIsCheckedAndQueued();
    void diffReadsInTheInterfacesUnits();
    void searchAndFilters();
    void noticesShowOnce();

private:
    // A pulled request by the rep on the merchant, its first step pending with the manager.
    QString pulledRequest(const QString &flow, const QJsonObject &proposed,
                          const QJsonObject &before, const QString &status = "pending");

    std::unique_ptr<StoreFixture> m_fixture;
    QString m_merchant;
};

void TestApprovals::init()
{
    m_fixture = std::make_unique<StoreFixture>();
    QVERIFY(m_fixture->isOpen());
    const QSqlDatabase db = m_fixture->db();
    for (const auto &user :
         { qMakePair(rep, QStringLiteral("李娜")), qMakePair(manager, QStringLiteral("张经理")),
           qMakePair(deputy, QStringLiteral("王副经理")) })
        QVERIFY(exec(db,
                     "INSERT INTO users (id, display_name, role, version, created_at, updated_at) "
                     "VALUES (?, ?, 'branch_manager', 1, ?, ?)",
                     { user.first, user.second, now, now }));
    Customer shop = merchant(QStringLiteral("杭州西湖茶馆"));
    shop.status = CustomerStatus::Active;
    shop.creditCode = validCreditCode(7);
    const SaveResult saved = CustomerRepository(db).insert(shop);
    QVERIFY2(saved, qPrintable(saved.firstMessage()));
    m_merchant = shop.meta.id;
    // Fee rates come from the server only (the repository never writes them).
    QVERIFY(exec(db, "UPDATE customers SET fee_rate_debit = 3800 WHERE id = ?", { m_merchant }));
    QVERIFY(exec(db, "DELETE FROM outbox")); // as if it had been synced
}

QString TestApprovals::pulledRequest(const QString &flow, const QJsonObject &proposed,
                                     const QJsonObject &before, const QString &status)
{
    const QSqlDatabase db = m_fixture->db();
    const QString id = newId();
    const bool pending = status == QLatin1String("pending");
    exec(db,
         "INSERT INTO approval_requests (id, flow_code, flow_version, record_id, record_label, "
         "requester_id, proposed, before_values, reason, status, current_step, round, version, "
         "created_at, updated_at) VALUES (?, ?, 1, ?, '杭州西湖茶馆', ?, ?, ?, '竞品费率更低', ?, "
         "?, 1, 10, ?, ?)",
         { id, flow, m_merchant, rep,
           QString::fromUtf8(QJsonDocument(proposed).toJson(QJsonDocument::Compact)),
           QString::fromUtf8(QJsonDocument(before).toJson(QJsonDocument::Compact)), status,
           pending ? 1 : 0, now, now });
    exec(db,
         "INSERT INTO approval_steps (id, request_id, position, round, name_en, name_zh, mode, "
         "state, approvers, due_hours, due_at, version, created_at, updated_at) VALUES (?, ?, 1, "
         "1, 'Branch manager', '网点负责人审批', 'any', ?, ?, 24, '2026-11-25T08:00:00.000Z', 11, "
         "?, ?)",
         { newId(), id, pending ? QStringLiteral("pending") : QStringLiteral("approved"),
           QString("[" + slotJson(manager, pending ? QString() : QStringLiteral("approve")) + "]"),
           now, now });
    return id;
}

void TestApprovals::boxesForRequesterAndApprover()
{
    const QString id = pulledRequest("fee_rate_change", { { "fee_rate_debit", 3500 } },
                                     { { "fee_rate_debit", 3800 } });
    ApprovalListModel managerList(m_fixture->db(), manager);
    QAbstractItemModelTester tester(&managerList,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(managerList.reload());
    QCOMPARE(managerList.rowCount(), 1);
    QCOMPARE(managerList.waitingCount(), 1);
    QCOMPARE(managerList.index(0, ApprovalListModel::Customer).data().toString(),
             QStringLiteral("杭州西湖茶馆"));
    QCOMPARE(managerList.index(0, ApprovalListModel::Requester).data().toString(),
             QStringLiteral("李娜"));
    QVERIFY(managerList.index(0, 0).data(ApprovalListModel::WaitingRole).toBool());
    managerList.setBox(ApprovalInbox::Box::RequestedByMe);
    QCOMPARE(managerList.rowCount(), 0);

    ApprovalListModel repList(m_fixture->db(), rep);
    QVERIFY(repList.reload());
    QCOMPARE(repList.rowCount(), 0); // nothing waits for the requester
    QCOMPARE(repList.waitingCount(), 0);
    repList.setBox(ApprovalInbox::Box::RequestedByMe);
    QCOMPARE(repList.rowCount(), 1);
    QCOMPARE(repList.rowOf(id), 0);
    // Someone who is not on the step sees nothing waiting.
    ApprovalListModel deputyList(m_fixture->db(), deputy);
    QVERIFY(deputyList.reload());
    QCOMPARE(deputyList.waitingCount(), 0);

    // Finished: decided by the manager, it is in their Decided box.
    pulledRequest("merchant_termination", { { "status", "terminated" } },
                  { { "status", "active" } }, "approved");
    QVERIFY(managerList.reload());
    managerList.setBox(ApprovalInbox::Box::Decided);
    QCOMPARE(managerList.rowCount(), 1);
    QCOMPARE(managerList.index(0, ApprovalListModel::State).data().toString(),
             ApprovalText::status("approved"));

    ApprovalTimelineModel timeline(m_fixture->db());
    QAbstractItemModelTester timelineTester(&timeline,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    timeline.setItem(*ApprovalRepository(m_fixture->db()).find(id));
    QCOMPARE(timeline.rowCount(), 1);
    QCOMPARE(timeline.index(0, ApprovalTimelineModel::Approver).data().toString(),
             QStringLiteral("张经理"));
    QCOMPARE(timeline.index(0, ApprovalTimelineModel::Decision).data().toString(),
             ApprovalText::decision(QString()));
    QVERIFY(timeline.index(0, ApprovalTimelineModel::Step)
                    .data()
                    .toString()
                    .contains(ApprovalText::mode("any")));
}

void TestApprovals::decisionIsQueuedAndShownPending()
{
    const QString id = pulledRequest("fee_rate_change", { { "fee_rate_debit", 3500 } },
                                     { { "fee_rate_debit", 3800 } });
    ApprovalCommands commands(m_fixture->db(), manager);
    const SaveResult saved = commands.decide(id, 1, "approve", QStringLiteral("同意"));
    QVERIFY2(saved, qPrintable(saved.firstMessage()));
    QCOMPARE(count(m_fixture->db(),
                   "SELECT count(*) FROM outbox WHERE table_name = "
                   "'approval_decisions' AND op = 'insert'"),
             1);
    QSqlQuery fields(m_fixture->db());
    QVERIFY(fields.exec("SELECT fields FROM outbox"));
    QVERIFY(fields.next());
    const QJsonObject sent = QJsonDocument::fromJson(fields.value(0).toByteArray()).object();
    QCOMPARE(sent.value("request_id").toString(), id);
    QCOMPARE(sent.value("expected_step").toInt(), 1);
    QCOMPARE(sent.value("decision").toString(), QStringLiteral("approve"));

    ApprovalListModel list(m_fixture->db(), manager);
    QVERIFY(list.reload());
    QCOMPARE(list.waitingCount(), 0); // decided here: no longer waiting
    list.setBox(ApprovalInbox::Box::Decided);
    QCOMPARE(list.rowCount(), 1);
    QCOMPARE(list.index(0, ApprovalListModel::State).data().toString(),
             ApprovalListModel::tr("Decision pending sync"));
    QVERIFY(list.index(0, 0).data(ApprovalListModel::QueuedRole).toBool());
    // A second decision on the same step is refused here.
    QVERIFY(!commands.decide(id, 1, "reject", QStringLiteral("不行")));
}

void TestApprovals::decisionsCheckedHere_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("decision");
    QTest::addColumn<QString>("comment");
    QTest::addColumn<QString>("delegateTo");
    QTest::addColumn<int>("step");
    QTest::addColumn<QString>("field");
    QTest::newRow("reject without comment") << manager << "reject"
                                            << " "
                                            << "" << 1 << "comment";
    QTest::newRow("return without comment") << manager << "return"
                                            << ""
                                            << "" << 1 << "comment";
    QTest::newRow("own request") << rep << "approve"
                                 << ""
                                 << "" << 1 << "decision";
    QTest::newRow("not an approver") << deputy << "approve"
                                     << ""
                                     << "" << 1 << "decision";
    QTest::newRow("stale step") << manager << "approve"
                                << ""
                                << "" << 2 << "decision";
    QTest::newRow("unknown decision") << manager << "maybe"
                                      << ""
                                      << "" << 1 << "decision";
    QTest::newRow("delegate to nobody") << manager << "delegate"
                                        << ""
                                        << "" << 1 << "delegate_to";
    QTest::newRow("delegate to self") << manager << "delegate"
                                      << "" << manager << 1 << "delegate_to";
    QTest::newRow("delegate to requester") << manager << "delegate"
                                           << "" << rep << 1 << "delegate_to";
}

void TestApprovals::decisionsCheckedHere()
{
    QFETCH(QString, who);
    QFETCH(QString, decision);
    QFETCH(QString, comment);
    QFETCH(QString, delegateTo);
    QFETCH(int, step);
    QFETCH(QString, field);
    const QString id = pulledRequest("fee_rate_change", { { "fee_rate_debit", 3500 } },
                                     { { "fee_rate_debit", 3800 } });
    const SaveResult result =
            ApprovalCommands(m_fixture->db(), who).decide(id, step, decision, comment, delegateTo);
    QVERIFY(!result);
    QCOMPARE(result.issues.size(), 1);
    QCOMPARE(result.issues.first().field, field);
    QVERIFY(!result.firstMessage().isEmpty());
    QCOMPARE(count(m_fixture->db(), "SELECT count(*) FROM outbox"), 0);
    QCOMPARE(count(m_fixture->db(), "SELECT count(*) FROM approval_decisions"), 0);
    // A proper delegation goes through.
    if (decision == QLatin1String("delegate") && who == manager)
        QVERIFY(ApprovalCommands(m_fixture->db(), manager).decide(id, 1, "delegate", "", deputy));
}

void TestApprovals::refusalIsShownInTheServersWords()
{
    const QString id = pulledRequest("fee_rate_change", { { "fee_rate_debit", 3500 } },
                                     { { "fee_rate_debit", 3800 } });
    QVERIFY(ApprovalCommands(m_fixture->db(), manager).decide(id, 1, "approve", ""));
    QSqlQuery decision(m_fixture->db());
    QVERIFY(decision.exec("SELECT id FROM approval_decisions") && decision.next());
    const QString decisionId = decision.value(0).toString();
    // The server answered (the outbox row moved on) and journalled the refusal.
    const QString message = QStringLiteral("王副经理 already approved this step; your decision "
                                           "was not recorded.");
    QVERIFY(exec(m_fixture->db(), "DELETE FROM outbox"));
    QVERIFY(exec(m_fixture->db(),
                 "INSERT INTO sync_conflicts (id, table_name, record_id, kind, code, message, "
                 "user_id, version, created_at, updated_at) VALUES (?, 'approval_decisions', ?, "
                 "'rejected', 'already_decided', ?, ?, 20, ?, ?)",
                 { newId(), decisionId, message, manager, now, now }));
    const std::optional<ApprovalItem> item = ApprovalRepository(m_fixture->db()).find(id);
    QVERIFY(item);
    QCOMPARE(item->decisions.size(), 1);
    QCOMPARE(item->decisions.first().delivery, ApprovalDecision::Delivery::Refused);
    QCOMPARE(ApprovalInbox(manager).refusal(*item).value_or(QString()), message);
    QVERIFY(!ApprovalInbox(manager).queuedDecision(*item));
    QVERIFY(!ApprovalInbox(manager).isWaitingForMe(*item)); // nothing more to do on it

    ApprovalListModel list(m_fixture->db(), manager);
    QVERIFY(list.reload());
    list.setBox(ApprovalInbox::Box::Decided);
    QCOMPARE(list.rowCount(), 1);
    QCOMPARE(list.index(0, ApprovalListModel::State).data().toString(),
             ApprovalListModel::tr("Refused: %1").arg(message));
    QCOMPARE(ApprovalListModel::Attention(
                     list.index(0, 0).data(ApprovalListModel::AttentionRole).toInt()),
             ApprovalListModel::Attention::Problem);
    // Without the server's words, the code is put into words here.
    QVERIFY(!ApprovalText::refusal("approver_lost_right", QString()).isEmpty());
    QVERIFY(ApprovalText::refusal("request_withdrawn", QString()).contains("withdrawn"));
}

void TestApprovals::withdrawByTheRequesterOnly()
{
    const QString id = pulledRequest("fee_rate_change", { { "fee_rate_debit", 3500 } },
                                     { { "fee_rate_debit", 3800 } });
    QVERIFY(!ApprovalCommands(m_fixture->db(), manager).withdraw(id));
    const SaveResult withdrawn = ApprovalCommands(m_fixture->db(), rep).withdraw(id);
    QVERIFY2(withdrawn, qPrintable(withdrawn.firstMessage()));
    QVERIFY(!ApprovalCommands(m_fixture->db(), rep).withdraw(id)); // once
    QCOMPARE(count(m_fixture->db(),
                   "SELECT count(*) FROM approval_decisions WHERE decision = "
                   "'withdraw' AND decider_id = 'u-rep'"),
             1);
}

void TestApprovals::requestIsCheckedAndQueued()
{
    ApprovalCommands commands(m_fixture->db(), rep);
    // No reason; a rate out of range; the same rate as now; a borrower's flow on a merchant.
    SaveResult result = commands.request("fee_rate_change", m_merchant,
                                         { { "fee_rate_debit", 4500 } }, QStringLiteral(" "));
    QVERIFY(!result);
    QCOMPARE(result.issues.first().field, QStringLiteral("reason"));
    result = commands.request("fee_rate_change", m_merchant, { { "fee_rate_debit", 100001 } },
                              QStringLiteral("理由"));
    QVERIFY(!result);
    QCOMPARE(result.issues.first().field, QStringLiteral("fee_rate_debit"));
    result = commands.request("fee_rate_change", m_merchant, { { "fee_rate_debit", 0 } },
                              QStringLiteral("理由"));
    QVERIFY(!result);
    result = commands.request("fee_rate_change", m_merchant, { { "fee_rate_debit", 3800 } },
                              QStringLiteral("理由"));
    QVERIFY(!result);
    result = commands.request("credit_approval", m_merchant, { { "credit_limit_fen", 100 } },
                              QStringLiteral("理由"));
    QVERIFY(!result);
    QCOMPARE(result.issues.first().field, QStringLiteral("flow"));
    QCOMPARE(count(m_fixture->db(), "SELECT count(*) FROM outbox"), 0);

    QString id;
    result = commands.request("fee_rate_change", m_merchant, { { "fee_rate_debit", 4500 } },
                              QStringLiteral("商户流水上涨"), &id);
    QVERIFY2(result, qPrintable(result.firstMessage()));
    QSqlQuery sent(m_fixture->db());
    QVERIFY(sent.exec("SELECT table_name, op, fields FROM outbox"));
    QVERIFY(sent.next());
    QCOMPARE(sent.value(0).toString(), QStringLiteral("approval_requests"));
    QCOMPARE(sent.value(1).toString(), QStringLiteral("insert"));
    const QJsonObject fields = QJsonDocument::fromJson(sent.value(2).toByteArray()).object();
    QCOMPARE(fields.value("flow_code").toString(), QStringLiteral("fee_rate_change"));
    QCOMPARE(fields.value("record_id").toString(), m_merchant);
    QCOMPARE(QJsonDocument::fromJson(fields.value("proposed").toString().toUtf8())
                     .object()
                     .value("fee_rate_debit")
                     .toInt(),
             4500);
    // Shown at once under "requested by me", waiting to be sent; a second one is refused.
    ApprovalListModel list(m_fixture->db(), rep);
    list.setBox(ApprovalInbox::Box::RequestedByMe);
    QVERIFY(list.reload());
    QCOMPARE(list.rowCount(), 1);
    QVERIFY(list.index(0, 0).data(ApprovalListModel::QueuedRole).toBool());
    QVERIFY(!commands.request("fee_rate_change", m_merchant, { { "fee_rate_debit", 5000 } },
                              QStringLiteral("再来")));
    const std::optional<ApprovalItem> item = ApprovalRepository(m_fixture->db()).find(id);
    QVERIFY(item);
    QCOMPARE(item->request.before.value("fee_rate_debit").toInt(), 3800);
}

void TestApprovals::diffReadsInTheInterfacesUnits()
{
    ApprovalRequest request;
    request.proposed = { { "fee_rate_debit", 3500 },
                         { "credit_limit_fen", 300000050 },
                         { "kyc_status", "in_progress" } };
    request.before = { { "fee_rate_debit", 3800 },
                       { "credit_limit_fen", QJsonValue::Null },
                       { "kyc_status", "expired" } };
    const QList<ApprovalDiffRow> rows = ApprovalDiff::rows(request, Role::BranchManager);
    QCOMPARE(rows.size(), 3);
    QHash<QString, ApprovalDiffRow> byField;
    for (const ApprovalDiffRow &row : rows)
        byField.insert(row.field, row);
    QCOMPARE(byField["fee_rate_debit"].before, QStringLiteral("0.38%"));
    QCOMPARE(byField["fee_rate_debit"].after, QStringLiteral("0.35%"));
    QCOMPARE(byField["credit_limit_fen"].after, QStringLiteral("¥3,000,000.50"));
    QCOMPARE(byField["credit_limit_fen"].before, FieldLabels::tr("(empty)"));
    QVERIFY(byField["kyc_status"].after != QStringLiteral("in_progress")); // its label
    QVERIFY(!byField["fee_rate_debit"].label.isEmpty());
    QVERIFY(byField["fee_rate_debit"].label != QStringLiteral("fee_rate_debit"));
}

void TestApprovals::searchAndFilters()
{
    pulledRequest("fee_rate_change", { { "fee_rate_debit", 3500 } },
                  { { "fee_rate_debit", 3800 } });
    pulledRequest("merchant_termination", { { "status", "terminated" } },
                  { { "status", "active" } });
    ApprovalListModel list(m_fixture->db(), manager);
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(list.reload());
    QCOMPARE(list.rowCount(), 2);
    list.setFlowFilter("merchant_termination");
    QCOMPARE(list.rowCount(), 1);
    QCOMPARE(list.index(0, ApprovalListModel::Flow).data().toString(),
             ApprovalText::flowName("merchant_termination"));
    list.setFlowFilter(QString());
    list.setSearch(QStringLiteral("西湖"));
    QCOMPARE(list.rowCount(), 2);
    list.setSearch(QStringLiteral("李娜")); // the requester
    QCOMPARE(list.rowCount(), 2);
    list.setSearch(QStringLiteral("上海"));
    QCOMPARE(list.rowCount(), 0);
    list.setSearch(QString());
    list.setStatusFilter("approved");
    QCOMPARE(list.rowCount(), 0);
}

void TestApprovals::noticesShowOnce()
{
    // The first look takes note of what is there without telling.
    pulledRequest("fee_rate_change", { { "fee_rate_debit", 3500 } },
                  { { "fee_rate_debit", 3800 } });
    {
        ApprovalNotices notices(m_fixture->db(), manager);
        QCOMPARE(notices.fresh(ApprovalRepository(m_fixture->db()).list(100)).size(), 0);
        QVERIFY(notices.save());
    }
    pulledRequest("merchant_termination", { { "status", "terminated" } },
                  { { "status", "active" } });
    ApprovalNotices notices(m_fixture->db(), manager);
    const QList<ApprovalNotice> fresh =
            notices.fresh(ApprovalRepository(m_fixture->db()).list(100));
    QCOMPARE(fresh.size(), 1);
    QVERIFY(fresh.first().message.contains(QStringLiteral("杭州西湖茶馆")));
    QVERIFY(notices.save());
    QCOMPARE(notices.fresh(ApprovalRepository(m_fixture->db()).list(100)).size(), 0);
    // After a restart too.
    ApprovalNotices again(m_fixture->db(), manager);
    QCOMPARE(again.fresh(ApprovalRepository(m_fixture->db()).list(100)).size(), 0);
}

QTEST_GUILESS_MAIN(TestApprovals)
#include "tst_approvals.moc"
