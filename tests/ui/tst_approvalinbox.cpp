// SPDX-License-Identifier: GPL-3.0-or-later
// The approval inbox against the real branchline-server process seeded with the demo data:
// a rep asks for a fee change from the 360° view, the manager approves it by keyboard in the
// inbox, and the rep's customer carries the new rate after sync; two approvers of one
// or-sign step deciding offline, the second shown who was first and nothing else changed;
// a decision on a withdrawn request shown refused; the waiting count; both languages
// rendered (BRANCHLINE_SCREENSHOT_DIR).
#include "ApprovalDecisionBar.h"
#include "ApprovalDetail.h"
#include "ApprovalsPage.h"
#include "CustomerApprovalsPanel.h"
#include "LoopbackDevice.h"
#include "RequestChangeDialog.h"
#include "SeededServer.h"
#include "ServerApi.h"
#include "Translations.h"
#include "approvals/ApprovalCommands.h"
#include "approvals/ApprovalInbox.h"
#include "approvals/ApprovalRepository.h"
#include "approvals/ApprovalText.h"
#include "customers/CustomerView.h"
#include "itemmodels/ApprovalListModel.h"
#include "repositories/Directory.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>

using namespace branchline;
using namespace branchline::sync;
using namespace branchline::test;

namespace {

QString labelText(QWidget *parent, const char *name)
{
    auto *label = parent->findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
}

// An active, low-risk merchant in the rep's reach with no request open: one the built-in flow
// gives to the branch manager alone.
QString quietMerchant(const LoopbackDevice &device, int skip = 0)
{
    QSqlQuery query(device.store.database());
    query.prepare(QStringLiteral(
            "SELECT id FROM customers WHERE deleted = 0 AND kind = 'merchant' AND status = "
            "'active' AND risk_level IN ('low', 'medium') AND id NOT IN "
            "(SELECT record_id FROM approval_requests WHERE status = 'pending') "
            "ORDER BY id LIMIT 1 OFFSET ?"));
    query.addBindValue(skip);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

int decisionsOn(const LoopbackDevice &device, const QString &requestId)
{
    QSqlQuery query(device.store.database());
    query.prepare(QStringLiteral("SELECT count(*) FROM approval_decisions WHERE request_id = ? "
                                 "AND version > 0"));
    query.addBindValue(requestId);
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

} // namespace

class TestApprovalInbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void feeChangeAskedInCustomerViewApprovedByKeyboard();
    void orSignRaceOfflineShowsWhoWasFirst();
    void decisionOnWithdrawnRequestIsRefused();
    void rendersInBothLanguages_data();
    void rendersInBothLanguages();

private:
    std::unique_ptr<SeededServer> m_server;
    std::unique_ptr<LoopbackDevice> m_rep;
    std::unique_ptr<LoopbackDevice> m_manager;
};

void TestApprovalInbox::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_approvalinbox"));
}

void TestApprovalInbox::init()
{
    QSettings().clear();
    m_server = std::make_unique<SeededServer>(QStringLiteral("sqlite"), 150);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->failure()));
    m_rep = std::make_unique<LoopbackDevice>(m_server->filePath(QStringLiteral("rep.db")),
                                             m_server->url(), QStringLiteral("zj.rep1"));
    m_manager = std::make_unique<LoopbackDevice>(m_server->filePath(QStringLiteral("manager.db")),
                                                 m_server->url(), QStringLiteral("zj.manager"));
    QCOMPARE(m_rep->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_manager->syncNow(), SyncOutcome::Status::Done);
}

void TestApprovalInbox::cleanup()
{
    m_rep.reset();
    m_manager.reset();
    m_server.reset();
}

void TestApprovalInbox::feeChangeAskedInCustomerViewApprovedByKeyboard()
{
    const QString merchant = quietMerchant(*m_rep);
    QVERIFY(!merchant.isEmpty());

    // The rep, in the merchant's 360° view: Request a change… → fee rate change, 0.45 %.
    CustomerView view(m_rep->store.database(), Role::SalesRep, m_rep->sync->userId());
    QVERIFY(view.openCustomer(merchant));
    view.resize(1200, 700);
    view.show();
    QTest::mouseClick(view.approvals()->requestButton(), Qt::LeftButton);
    auto *dialog = view.findChild<RequestChangeDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(dialog->chooseFlow(QStringLiteral("fee_rate_change")));
    auto *send = dialog->findChild<QPushButton *>(QStringLiteral("send"));
    QTest::mouseClick(send, Qt::LeftButton); // no rate, no reason: refused, kept open
    QVERIFY(dialog->isVisible());
    QVERIFY(!labelText(dialog, "requestProblems").isEmpty());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("fee_rate_debit")),
                     QStringLiteral("0.45"));
    // Chinese is typed as an input method commits it, in one piece.
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("reason"))
            ->insertPlainText(QStringLiteral("月流水已过百万，按阶梯费率上调"));
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(view.approvals()->model()->rowCount(), 1); // its history shows it at once
    QVERIFY(view.approvals()->model()->index(0, 0).data(ApprovalListModel::QueuedRole).toBool());
    const QString requestId =
            view.approvals()->model()->index(0, 0).data(ApprovalListModel::IdRole).toString();
    QCOMPARE(m_rep->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_manager->syncNow(), SyncOutcome::Status::Done);

    // The manager's inbox: waiting, with the diff; Ctrl+Enter approves.
    ApprovalsPage page(m_manager->store.database(), Role::BranchManager, m_manager->sync->userId());
    QAbstractItemModelTester tester(page.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(1280, 720);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const int waiting = page.waitingCount();
    QVERIFY(waiting >= 2); // the demo's requests and this one
    QVERIFY(page.boxes()->tabText(0).contains(QString::number(waiting)));
    const int row = page.model()->rowOf(requestId);
    QVERIFY(row >= 0);
    page.view()->setFocus();
    page.view()->setCurrentIndex(page.model()->index(row, 0));
    auto *diff = page.detail()->findChild<QTableWidget *>(QStringLiteral("approvalDiff"));
    QVERIFY(diff);
    QCOMPARE(diff->rowCount(), 1);
    QCOMPARE(diff->item(0, 2)->text(), QStringLiteral("0.45%"));
    QTest::keyClick(page.view(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(page.waitingCount(), waiting - 1);
    page.boxes()->setCurrentIndex(2);
    const int decided = page.model()->rowOf(requestId);
    QVERIFY(decided >= 0);
    QCOMPARE(page.model()->index(decided, ApprovalListModel::State).data().toString(),
             ApprovalListModel::tr("Decision pending sync"));

    QCOMPARE(m_manager->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_rep->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_rep->customer(merchant).feeRateDebit.value_or(0), 4500);
    page.refresh();
    QCOMPARE(page.model()
                     ->index(page.model()->rowOf(requestId), ApprovalListModel::State)
                     .data()
                     .toString(),
             ApprovalText::status(QStringLiteral("approved")));
}

void TestApprovalInbox::orSignRaceOfflineShowsWhoWasFirst()
{
    // A fee flow whose one or-sign step names the manager and the risk officer.
    QString managerId;
    QString riskId;
    QVERIFY(!apiSignIn(m_server->url(), QStringLiteral("zj.manager"), &managerId).isEmpty());
    QVERIFY(!apiSignIn(m_server->url(), QStringLiteral("risk"), &riskId).isEmpty());
    const QString admin = apiSignIn(m_server->url(), QStringLiteral("admin"));
    const QJsonObject definition{
        { "name", QJsonObject{ { "en", "Fee rate change" }, { "zh_CN", "费率调整" } } },
        { "record", "customers" },
        { "effect", "set_fee_rates" },
        { "steps",
          QJsonArray{ QJsonObject{
                  { "key", "pair" },
                  { "name",
                    QJsonObject{ { "en", "Manager or risk" }, { "zh_CN", "负责人或风控" } } },
                  { "mode", "any" },
                  { "approvers",
                    QJsonArray{
                            QJsonObject{ { "rule", "users" },
                                         { "users", QJsonArray{ managerId, riskId } } } } } } } }
    };
    const ApiAnswer added = apiPost(m_server->url(),
                                    QStringLiteral("/api/v1/admin/approval-flows/fee_rate_change/"
                                                   "versions"),
                                    admin, { { "definition", definition }, { "activate", true } });
    QVERIFY2(added.status == 201, added.raw.constData());

    const QString merchant = quietMerchant(*m_rep);
    QVERIFY(!merchant.isEmpty());
    QString requestId;
    QVERIFY(ApprovalCommands(m_rep->store.database(), m_rep->sync->userId())
                    .request(QStringLiteral("fee_rate_change"), merchant,
                             { { "fee_rate_debit", 4200 } }, QStringLiteral("旺季促销"),
                             &requestId));
    QCOMPARE(m_rep->syncNow(), SyncOutcome::Status::Done);
    LoopbackDevice risk(m_server->filePath(QStringLiteral("risk.db")), m_server->url(),
                        QStringLiteral("risk"));
    QCOMPARE(risk.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_manager->syncNow(), SyncOutcome::Status::Done);

    // Both offline: the manager approves; risk approves in the inbox by keyboard.
    QVERIFY(ApprovalCommands(m_manager->store.database(), managerId)
                    .decide(requestId, 1, QStringLiteral("approve"), QStringLiteral("同意")));
    ApprovalsPage page(risk.store.database(), Role::RiskOfficer, riskId);
    page.resize(1280, 720);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.showRequest(requestId));
    QCOMPARE(page.boxes()->currentIndex(), 0);
    page.view()->setFocus();
    QTest::keyClick(page.view(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(page.model()->rowOf(requestId), -1); // left "waiting for me"

    // The manager's reaches the server first; risk's is refused, naming the manager.
    QCOMPARE(m_manager->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(risk.syncNow(), SyncOutcome::Status::Done);
    page.refresh();
    QVERIFY(page.showRequest(requestId));
    QCOMPARE(page.boxes()->currentIndex(), 2);
    const QString managerName = Directory(risk.store.database()).userName(managerId);
    QVERIFY(!managerName.isEmpty());
    const QString state = page.model()
                                  ->index(page.model()->rowOf(requestId), ApprovalListModel::State)
                                  .data()
                                  .toString();
    QVERIFY2(state.contains(managerName) && state.contains(QStringLiteral("already approved")),
             qPrintable(state));
    QVERIFY2(labelText(page.detail(), "approvalState").contains(managerName),
             qPrintable(labelText(page.detail(), "approvalState")));
    // Nothing else changed: one decision, the request approved once, the rate set once.
    QCOMPARE(decisionsOn(risk, requestId), 1);
    QCOMPARE(ApprovalRepository(risk.store.database()).find(requestId)->request.status,
             QStringLiteral("approved"));
    QCOMPARE(m_rep->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_rep->customer(merchant).feeRateDebit.value_or(0), 4200);
}

void TestApprovalInbox::decisionOnWithdrawnRequestIsRefused()
{
    const QString merchant = quietMerchant(*m_rep);
    QString requestId;
    QVERIFY(ApprovalCommands(m_rep->store.database(), m_rep->sync->userId())
                    .request(QStringLiteral("fee_rate_change"), merchant,
                             { { "fee_rate_debit", 4600 } }, QStringLiteral("调整"), &requestId));
    QCOMPARE(m_rep->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_manager->syncNow(), SyncOutcome::Status::Done);
    const qint64 before = m_rep->customer(merchant).feeRateDebit.value_or(-1);

    // The rep withdraws with the Withdraw button; the manager, offline, approves.
    ApprovalsPage repPage(m_rep->store.database(), Role::SalesRep, m_rep->sync->userId());
    repPage.show();
    QVERIFY(QTest::qWaitForWindowExposed(&repPage));
    QVERIFY(repPage.showRequest(requestId));
    auto *withdraw = repPage.detail()->findChild<QPushButton *>(QStringLiteral("withdraw"));
    QVERIFY(withdraw && withdraw->isVisible());
    QTest::mouseClick(withdraw, Qt::LeftButton);
    QCOMPARE(m_rep->syncNow(), SyncOutcome::Status::Done);

    ApprovalsPage page(m_manager->store.database(), Role::BranchManager, m_manager->sync->userId());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.showRequest(requestId));
    page.view()->setFocus();
    QTest::keyClick(page.view(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(ApprovalInbox(m_manager->sync->userId())
                    .queuedDecision(
                            *ApprovalRepository(m_manager->store.database()).find(requestId)));
    QCOMPARE(m_manager->syncNow(), SyncOutcome::Status::Done);
    page.refresh();
    QVERIFY(page.showRequest(requestId));
    const QString state = labelText(page.detail(), "approvalState");
    QVERIFY2(state.contains(QStringLiteral("withdrew")), qPrintable(state));
    QCOMPARE(ApprovalRepository(m_manager->store.database()).find(requestId)->request.status,
             QStringLiteral("withdrawn"));
    QCOMPARE(m_rep->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_rep->customer(merchant).feeRateDebit.value_or(-1), before);
}

void TestApprovalInbox::rendersInBothLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

void TestApprovalInbox::rendersInBothLanguages()
{
    QFETCH(QString, language);
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    Translations::install(*qApp, language);
    ApprovalsPage page(m_manager->store.database(), Role::BranchManager, m_manager->sync->userId());
    page.resize(1280, 660);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.waitingCount() > 0);
    // The demo's fee change, with its diff and flow.
    for (int row = 0; row < page.model()->rowCount(); ++row)
        if (page.model()->item(row).request.flowCode == QLatin1String("fee_rate_change"))
            page.view()->setCurrentIndex(page.model()->index(row, 0));
    QCoreApplication::sendPostedEvents();
    QTest::qWait(50);
    const QPixmap picture = page.grab();
    QVERIFY(!picture.isNull());
    const QString directory = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(picture.save(QStringLiteral("%1/approvals-inbox-%2.png").arg(directory, language)));
    Translations::install(*qApp, QStringLiteral("en"));
}

QTEST_MAIN(TestApprovalInbox)
#include "tst_approvalinbox.moc"
