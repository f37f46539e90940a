// SPDX-License-Identifier: GPL-3.0-or-later
// The merchant detail in the 360° view, clicked through as each role: the Merchant tab's
// terms (MCC with its meaning, fee rates as percentages, the settlement account masked, a
// borrower's credit limit in ¥) and terminals; the twelve months of volume as bars and a
// table; and the KYC checklist, where a rep marks an item submitted with no server at all
// (saved with its outbox row, shown as pending) and a risk officer rejects (with a reason)
// and verifies. Every model the panels show runs under QAbstractItemModelTester.
#include "CustomerView.h"
#include "DemoMerchant.h"
#include "KycChecklistPanel.h"
#include "MerchantPanel.h"
#include "MerchantTabs.h"
#include "StoreFixture.h"
#include "TypeText.h"
#include "VolumePanel.h"
#include "itemmodels/KycChecklistModel.h"
#include "itemmodels/MerchantVolumeModel.h"
#include "itemmodels/TerminalListModel.h"
#include "domain/rules/KycRules.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#ifdef BRANCHLINE_HAVE_CHARTS
#include "VolumeChart.h"
#endif

using namespace branchline;

class TestMerchantPanels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void merchantTabShowsTermsAndTerminals();
    void managerSeesTheAccountMasked();
    void borrowerTabShowsTheCreditLimit();
    void volumeTabShowsTwelveMonths();
    void repMarksAnItemSubmittedOffline();
    void riskOfficerRejectsAndVerifies();
    void managerOnlyReadsTheChecklist();

private:
    CustomerView *openView(Role role, const QString &userId, const QString &customerId);
    void showTab(QWidget *panel);
    int outboxRows(const QString &recordId) const;
    template<typename T>
    T *child(const QString &name) const
    {
        return m_view ? m_view->findChild<T *>(name) : nullptr;
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::StoreFixture> m_fixture;
    test::DemoBook m_book;
    test::DemoMerchantDetail m_detail;
    std::unique_ptr<CustomerView> m_view;
    QList<QAbstractItemModelTester *> m_testers;
};

void TestMerchantPanels::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
    // Money and dates as an English (US) user reads them.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestMerchantPanels::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
    m_book = test::seedDemoBook(m_fixture->db(), 20);
    m_detail = test::seedMerchantDetail(m_fixture->db(), m_book);
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
}

void TestMerchantPanels::cleanup()
{
    qDeleteAll(m_testers);
    m_testers.clear();
    m_view.reset();
    m_fixture.reset();
}

CustomerView *TestMerchantPanels::openView(Role role, const QString &userId,
                                           const QString &customerId)
{
    qDeleteAll(m_testers);
    m_testers.clear();
    m_view = std::make_unique<CustomerView>(m_fixture->db(), role, userId);
    MerchantTabs *tabs = m_view->merchantTabs();
    for (QAbstractItemModel *model :
         { static_cast<QAbstractItemModel *>(tabs->merchant()->terminals()),
           static_cast<QAbstractItemModel *>(tabs->volume()->model()),
           static_cast<QAbstractItemModel *>(tabs->checklist()->model()) })
        m_testers << new QAbstractItemModelTester(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_view->resize(1280, 780);
    m_view->show();
    m_view->activateWindow();
    if (!QTest::qWaitForWindowActive(m_view.get()))
        return nullptr;
    m_view->openCustomer(customerId);
    return m_view.get();
}

void TestMerchantPanels::showTab(QWidget *panel)
{
    auto *tabs = child<QTabWidget>(QStringLiteral("customerTabs"));
    tabs->setCurrentWidget(panel);
    QCoreApplication::sendPostedEvents();
}

int TestMerchantPanels::outboxRows(const QString &recordId) const
{
    QSqlQuery query(m_fixture->db());
    query.prepare(QStringLiteral("SELECT count(*) FROM outbox WHERE record_id = ?"));
    query.addBindValue(recordId);
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

void TestMerchantPanels::merchantTabShowsTermsAndTerminals()
{
    QVERIFY(openView(Role::SalesRep, m_book.repWang, m_book.teaMerchant));
    MerchantPanel *panel = m_view->merchantTabs()->merchant();
    auto *tabs = child<QTabWidget>(QStringLiteral("customerTabs"));
    QCOMPARE(tabs->tabText(tabs->indexOf(panel)), QStringLiteral("Merchant"));
    showTab(panel);
    QCOMPARE(child<QLabel>("merchantMcc")->text(), QStringLiteral("5499 · Specialty food stores"));
    QCOMPARE(child<QLabel>("feeRateDebit")->text(), QStringLiteral("0.38%"));
    QCOMPARE(child<QLabel>("feeRateCredit")->text(), QStringLiteral("0.60%"));
    QCOMPARE(child<QLabel>("feeRateQr")->text(), QStringLiteral("0.30%"));
    QCOMPARE(child<QLabel>("settlementAccount")->text(), m_detail.maskedAccount);
    QVERIFY(child<QLabel>("feeRateDebit")->isVisible());
    QVERIFY(!child<QLabel>("creditLimit")->isVisible()); // a merchant borrows nothing here
    QVERIFY(child<QLabel>("termsHint")->isVisible());

    auto *terminals = child<QTableView>("terminals");
    QVERIFY(terminals->isVisible());
    QCOMPARE(terminals->model()->rowCount(), 3);
    QCOMPARE(child<QLabel>("terminalSummary")->text(), QStringLiteral("2 of 3 taking payments"));
    QCOMPARE(terminals->model()->index(0, TerminalListModel::Serial).data().toString(),
             m_detail.teaTerminals[0]);
    QCOMPARE(terminals->model()->index(2, TerminalListModel::Status).data().toString(),
             QStringLiteral("Faulty"));
    QCOMPARE(terminals->model()->index(1, TerminalListModel::Kind).data().toString(),
             QStringLiteral("QR code stand"));
    // Nothing on the tab can be edited: it offers no editor at all.
    QVERIFY(panel->findChildren<QLineEdit *>().isEmpty());
    QCOMPARE(terminals->editTriggers(), QAbstractItemView::NoEditTriggers);
}

void TestMerchantPanels::managerSeesTheAccountMasked()
{
    // Even as the server masked it for another role, the account never shows more.
    QSqlQuery query(m_fixture->db());
    QVERIFY(query.exec(QStringLiteral("UPDATE customers SET settlement_account = "
                                      "'6222020200112233445' WHERE id = '%1'")
                               .arg(m_book.teaMerchant)));
    QVERIFY(openView(Role::BranchManager, QStringLiteral("user-zhou"), m_book.teaMerchant));
    showTab(m_view->merchantTabs()->merchant());
    QCOMPARE(child<QLabel>("settlementAccount")->text(), QStringLiteral("6222 **** **** 3445"));
}

void TestMerchantPanels::borrowerTabShowsTheCreditLimit()
{
    QVERIFY(openView(Role::SalesRep, m_book.repLi, m_book.borrower));
    MerchantPanel *panel = m_view->merchantTabs()->merchant();
    auto *tabs = child<QTabWidget>(QStringLiteral("customerTabs"));
    QCOMPARE(tabs->tabText(tabs->indexOf(panel)), QStringLiteral("Borrower"));
    QVERIFY(!tabs->isTabVisible(tabs->indexOf(m_view->merchantTabs()->volume())));
    showTab(panel);
    QCOMPARE(child<QLabel>("creditLimit")->text(), QStringLiteral("¥200,000.00"));
    QVERIFY(child<QLabel>("creditLimit")->isVisible());
    QVERIFY(!child<QLabel>("feeRateDebit")->isVisible());
    QVERIFY(!child<QTableView>("terminals")->isVisible());

    // Back to the merchant: its rows return.
    m_view->openCustomer(m_book.teaMerchant);
    showTab(panel);
    QVERIFY(child<QLabel>("feeRateDebit")->isVisible());
    QVERIFY(tabs->isTabVisible(tabs->indexOf(m_view->merchantTabs()->volume())));
}

void TestMerchantPanels::volumeTabShowsTwelveMonths()
{
    QVERIFY(openView(Role::SalesRep, m_book.repWang, m_book.teaMerchant));
    VolumePanel *panel = m_view->merchantTabs()->volume();
    showTab(panel);
    auto *table = child<QTableView>("volumeTable");
    QCOMPARE(table->model()->rowCount(), 12);
    const QDate lastMonth = QDate::currentDate().addMonths(-1);
    QCOMPARE(table->model()->index(11, MerchantVolumeModel::Month).data().toString(),
             QLocale().toString(lastMonth, QStringLiteral("MMM yyyy")));
    // From the first month to the last, summed: the seasons add up to 14.52 months of
    // ¥186,000 at a ticket of ¥420, with 1 % refunds.
    QCOMPARE(child<QLabel>("volumeSummary")->text(),
             QStringLiteral("%1 – %2: volume ¥2,700,720.00 · transactions 6,425 · refunds 1.0%"
                            " of the volume · chargebacks 0")
                     .arg(QLocale().toString(lastMonth.addMonths(-11), QStringLiteral("MMM yyyy")),
                          QLocale().toString(lastMonth, QStringLiteral("MMM yyyy"))));
#ifdef BRANCHLINE_HAVE_CHARTS
    QVERIFY(panel->hasChart());
    auto *chart = child<VolumeChart>("volumeChart");
    QVERIFY(chart && chart->isVisible());
    const QList<qreal> bars = chart->bars();
    QCOMPARE(bars.size(), 12);
    // April, the spring tea season, is the tallest bar: ¥390,600 is 390.6 thousand.
    const int april = int((4 - lastMonth.month() + 11 + 12) % 12);
    QCOMPARE(bars.at(april), 390.6);
    QCOMPARE(*std::max_element(bars.cbegin(), bars.cend()), 390.6);
#else
    QVERIFY(!panel->hasChart());
#endif
    // A merchant without figures says so.
    m_view->openCustomer(m_detail.onboardingMerchant);
    QCOMPARE(child<QLabel>("volumeSummary")->text(),
             QStringLiteral("No figures from the transaction system yet."));
}

void TestMerchantPanels::repMarksAnItemSubmittedOffline()
{
    QVERIFY(openView(Role::SalesRep, m_book.repWang, m_detail.onboardingMerchant));
    KycChecklistPanel *panel = m_view->merchantTabs()->checklist();
    showTab(panel);
    QSignalSpy pending(m_view.get(), &CustomerView::pendingEditsChanged);
    auto *submit = child<QPushButton>("markSubmitted");
    QVERIFY(submit->isVisible());
    QVERIFY(!child<QPushButton>("verify")->isVisible()); // a rep never verifies
    QVERIFY(!child<QPushButton>("reject")->isVisible());
    QCOMPARE(child<QLabel>("kycSummary")->text(), QStringLiteral("Verified: 1 of 6"));

    // Nothing chosen, nothing to do; a verified item cannot be handed in again.
    QVERIFY(!submit->isEnabled());
    panel->table()->selectRow(0);
    QVERIFY(!submit->isEnabled());
    panel->table()->selectRow(1); // submitted already
    QVERIFY(!submit->isEnabled());

    // The settlement account proof is missing: hand it in, with a note.
    panel->table()->selectRow(2);
    QVERIFY(submit->isEnabled());
    test::typeText(child<QLineEdit>("kycNote"), QStringLiteral("银行开户许可证复印件已收"));
    QTest::mouseClick(submit, Qt::LeftButton);

    const QString item =
            KycRules::itemId(m_detail.onboardingMerchant, KycItemKind::SettlementAccountProof);
    QCOMPARE(outboxRows(item), 1);
    QCOMPARE(pending.count(), 1);
    QAbstractItemModel *model = panel->table()->model();
    QCOMPARE(model->index(2, KycChecklistModel::State).data().toString(),
             QStringLiteral("Submitted"));
    QCOMPARE(model->index(2, KycChecklistModel::Note).data().toString(),
             QStringLiteral("银行开户许可证复印件已收"));
    QCOMPARE(model->index(2, KycChecklistModel::ChangedBy).data().toString(),
             QStringLiteral("王磊"));
    QVERIFY(model->index(2, 0).data(KycChecklistModel::PendingRole).toBool());
    QVERIFY(!model->index(1, 0).data(KycChecklistModel::PendingRole).toBool());
    QVERIFY(child<QLabel>("kycMessage")->text().contains(QStringLiteral("next sync")));
    QVERIFY(child<QLineEdit>("kycNote")->text().isEmpty());
    // Still the chosen row, now submitted: nothing more for the rep to do with it.
    QVERIFY(panel->table()->selectionModel()->isRowSelected(2, QModelIndex()));
    QVERIFY(!submit->isEnabled());

    // Opened again later, it is still there and still waiting for the server.
    m_view->openCustomer(m_book.teaMerchant);
    m_view->openCustomer(m_detail.onboardingMerchant);
    QVERIFY(panel->table()->model()->index(2, 0).data(KycChecklistModel::PendingRole).toBool());
}

void TestMerchantPanels::riskOfficerRejectsAndVerifies()
{
    QVERIFY(openView(Role::RiskOfficer, m_detail.riskOfficer, m_detail.onboardingMerchant));
    KycChecklistPanel *panel = m_view->merchantTabs()->checklist();
    showTab(panel);
    QVERIFY(!child<QPushButton>("markSubmitted")->isVisible());
    auto *rejectButton = child<QPushButton>("reject");
    auto *verifyButton = child<QPushButton>("verify");
    const QString idCard = KycRules::itemId(m_detail.onboardingMerchant, KycItemKind::LegalRepId);

    // A rejection without a reason is refused and nothing is saved.
    panel->table()->selectRow(1);
    QVERIFY(rejectButton->isEnabled());
    QTest::mouseClick(rejectButton, Qt::LeftButton);
    QCOMPARE(outboxRows(idCard), 0);
    QVERIFY(child<QLabel>("kycMessage")->text().startsWith(QStringLiteral("Nothing was saved")));
    QTRY_VERIFY(child<QLineEdit>("kycNote")->hasFocus());

    test::typeText(child<QLineEdit>("kycNote"), QStringLiteral("身份证已过期"));
    QTest::mouseClick(rejectButton, Qt::LeftButton);
    QCOMPARE(outboxRows(idCard), 1);
    QAbstractItemModel *model = panel->table()->model();
    QCOMPARE(model->index(1, KycChecklistModel::State).data().toString(),
             QStringLiteral("Rejected"));
    QCOMPARE(model->index(1, KycChecklistModel::ChangedBy).data().toString(),
             QStringLiteral("风控 陈静"));
    QVERIFY(!rejectButton->isEnabled()); // already rejected

    // Risk screens for sanctions itself: verified without anyone handing it in.
    panel->table()->selectRow(5);
    QTest::mouseClick(verifyButton, Qt::LeftButton);
    QCOMPARE(model->index(5, KycChecklistModel::State).data().toString(),
             QStringLiteral("Verified"));
    QCOMPARE(child<QLabel>("kycSummary")->text(), QStringLiteral("Verified: 2 of 6"));
}

void TestMerchantPanels::managerOnlyReadsTheChecklist()
{
    QVERIFY(openView(Role::BranchManager, QStringLiteral("user-zhou"),
                     m_detail.onboardingMerchant));
    showTab(m_view->merchantTabs()->checklist());
    for (const char *name : { "markSubmitted", "verify", "reject", "kycNote" })
        QVERIFY(!child<QWidget>(QString::fromLatin1(name))->isVisible());
    QCOMPARE(child<QLabel>("kycMessage")->text(),
             QStringLiteral("Reps hand documents in; risk officers verify them."));
    QCOMPARE(m_view->merchantTabs()->checklist()->model()->rowCount(), 6);
}

QTEST_MAIN(TestMerchantPanels)
#include "tst_merchantpanels.moc"
