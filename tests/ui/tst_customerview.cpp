// SPDX-License-Identifier: GPL-3.0-or-later
// The 360° view clicked and typed through: what it shows per role, masked PII and the
// reveal explanation, a bad check digit refused next to its field with nothing saved, a
// valid edit saved with its outbox row and pending marker, a logged note on top of the
// timeline, and the keyboard way in and out through the Customers page.
#include "CustomerListPage.h"
#include "CustomerTimelinePanel.h"
#include "CustomerView.h"
#include "CustomerWorkspace.h"
#include "DemoData.h"
#include "StoreFixture.h"
#include "itemmodels/ActivityTimelineModel.h"
#include "itemmodels/CustomerListModel.h"
#include "repositories/CustomerRepository.h"

#include "TypeText.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace branchline;

using test::typeText;

class TestCustomerView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void showsTheWholeCustomer();
    void piiIsMaskedAndRevealNeedsTheServer();
    void aBadCheckDigitIsRefusedNextToItsField_data();
    void aBadCheckDigitIsRefusedNextToItsField();
    void aValidEditIsSavedAndMarkedPending();
    void aSyncedChangeIsNotOverwrittenBySave();
    void aLoggedNoteComesFirst();
    void rolesSeeAndEditWhatTheyMay();
    void escapeGuardsUnsavedEdits();
    void keyboardFromSearchToViewAndBack();

private:
    CustomerView *openView(Role role, const QString &customerId);
    int outboxRows(const QString &table = QString()) const;
    template<typename T>
    T *child(const QString &name) const
    {
        return m_view ? m_view->findChild<T *>(name) : nullptr;
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::StoreFixture> m_fixture;
    test::DemoBook m_book;
    std::unique_ptr<CustomerView> m_view;
    QList<QAbstractItemModelTester *> m_testers;
};

void TestCustomerView::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestCustomerView::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
    m_book = test::seedDemoBook(m_fixture->db(), 20);
}

void TestCustomerView::cleanup()
{
    qDeleteAll(m_testers);
    m_testers.clear();
    m_view.reset();
    m_fixture.reset();
}

CustomerView *TestCustomerView::openView(Role role, const QString &customerId)
{
    qDeleteAll(m_testers);
    m_testers.clear();
    m_view = std::make_unique<CustomerView>(m_fixture->db(), role, m_book.repWang);
    // Every list the view shows runs under the model tester while the view drives it.
    for (const QString &name :
         { QStringLiteral("contacts"), QStringLiteral("tasks"), QStringLiteral("leads") })
        m_testers << new QAbstractItemModelTester(
                m_view->findChild<QTableView *>(name)->model(),
                QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_testers << new QAbstractItemModelTester(
            m_view->timeline()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_view->resize(1200, 760);
    m_view->show();
    if (!QTest::qWaitForWindowExposed(m_view.get()))
        return nullptr;
    m_view->openCustomer(customerId);
    return m_view.get();
}

int TestCustomerView::outboxRows(const QString &table) const
{
    QSqlQuery query(m_fixture->db());
    query.prepare(QStringLiteral("SELECT count(*) FROM outbox WHERE ? = '' OR table_name = ?"));
    query.addBindValue(table);
    query.addBindValue(table);
    query.exec();
    return query.next() ? query.value(0).toInt() : -1;
}

void TestCustomerView::showsTheWholeCustomer()
{
    QVERIFY(openView(Role::SalesRep, m_book.teaMerchant));
    QCOMPARE(child<QLabel>(QStringLiteral("customerName"))->text(),
             QStringLiteral("杭州西湖龙井茶叶有限公司"));
    QCOMPARE(child<QLabel>(QStringLiteral("kindTag"))->text(), QStringLiteral("Merchant"));
    QCOMPARE(child<QLabel>(QStringLiteral("statusTag"))->text(), QStringLiteral("Active"));
    QCOMPARE(child<QLabel>(QStringLiteral("riskTag"))->text(), QStringLiteral("Low risk"));
    QCOMPARE(child<QLabel>(QStringLiteral("kycTag"))->text(), QStringLiteral("KYC verified"));
    QCOMPARE(child<QLabel>(QStringLiteral("ownerTag"))->text(), QStringLiteral("Owner: 王磊"));
    QCOMPARE(child<QLabel>(QStringLiteral("branchTag"))->text(), QStringLiteral("杭州西湖支行"));
    QVERIFY(!child<QWidget>(QStringLiteral("pendingMarker"))->isVisible());

    // Merchant detail as the record holds it.
    QCOMPARE(child<QLineEdit>(QStringLiteral("mcc"))->text(), QStringLiteral("5499"));
    QVERIFY(child<QLineEdit>(QStringLiteral("mcc"))->isVisible());
    QVERIFY(!child<QLineEdit>(QStringLiteral("id_number"))->isVisible());

    auto *tabs = child<QTabWidget>(QStringLiteral("customerTabs"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("Contacts (3)"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Tasks (3)"));
    QCOMPARE(tabs->tabText(3), QStringLiteral("Leads (1)")); // same mobile number
    const QAbstractItemModel *tasks = child<QTableView>(QStringLiteral("tasks"))->model();
    QVERIFY(tasks->index(0, 0).data(Qt::UserRole + 2).toBool()); // overdue, due first

    const QAbstractItemModel *timeline = m_view->timeline()->model();
    QCOMPARE(timeline->rowCount(), 5);
    QCOMPARE(timeline->index(0, ActivityTimelineModel::Subject).data().toString(),
             QStringLiteral("费率调整意向沟通")); // the newest
}

void TestCustomerView::piiIsMaskedAndRevealNeedsTheServer()
{
    QVERIFY(openView(Role::SalesRep, m_book.teaMerchant));
    auto *phone = child<QLineEdit>(QStringLiteral("phone"));
    QVERIFY(phone->text().isEmpty()); // never the clear value in an editor
    QCOMPARE(phone->placeholderText(), QStringLiteral("139****1234"));
    auto *code = child<QLineEdit>(QStringLiteral("credit_code"));
    QVERIFY(code->placeholderText().contains(QStringLiteral("******")));

    auto *notice = child<QLabel>(QStringLiteral("revealNotice"));
    QVERIFY(!notice->isVisible());
    QTest::mouseClick(child<QToolButton>(QStringLiteral("reveal_phone")), Qt::LeftButton);
    QVERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(QStringLiteral("offline")));
    QCOMPARE(phone->placeholderText(), QStringLiteral("139****1234"));

    m_view->setOnline(true);
    QTest::mouseClick(child<QToolButton>(QStringLiteral("reveal_credit_code")), Qt::LeftButton);
    QVERIFY(notice->text().contains(QStringLiteral("audit trail")));
    QVERIFY(!notice->text().contains(QStringLiteral("offline")));
    QVERIFY(phone->text().isEmpty());
    QVERIFY(!m_view->hasUnsavedChanges());
}

void TestCustomerView::aBadCheckDigitIsRefusedNextToItsField_data()
{
    QTest::addColumn<bool>("individual");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("resident id") << true << QStringLiteral("id_number")
                                 << QStringLiteral("last character of the resident ID");
    QTest::newRow("credit code") << false << QStringLiteral("credit_code")
                                 << QStringLiteral("last character of the unified social");
    QTest::newRow("mobile") << false << QStringLiteral("phone") << QStringLiteral("mobile number");
}

void TestCustomerView::aBadCheckDigitIsRefusedNextToItsField()
{
    QFETCH(bool, individual);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const QString id = individual ? m_book.borrower : m_book.teaMerchant;
    QVERIFY(openView(Role::SalesRep, id));
    QString bad = field == QLatin1String("id_number") ? test::validIdNumber(322)
            : field == QLatin1String("credit_code")   ? test::validCreditCode(4242)
                                                      : QStringLiteral("1390571123");
    if (field != QLatin1String("phone")) // flip the check character
        bad[17] = bad[17] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    const Customer before = *CustomerRepository(m_fixture->db()).find(id);

    typeText(child<QLineEdit>(field), bad);
    QTest::keyClick(child<QLineEdit>(field), Qt::Key_S, Qt::ControlModifier);

    auto *error = child<QLabel>(QStringLiteral("error_") + field);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(message), qPrintable(error->text()));
    QVERIFY(child<QLabel>(QStringLiteral("saveMessage"))
                    ->text()
                    .contains(QStringLiteral("Nothing was saved")));
    QCOMPARE(outboxRows(), 0);
    const Customer after = *CustomerRepository(m_fixture->db()).find(id);
    QCOMPARE(after.idNumber, before.idNumber);
    QCOMPARE(after.creditCode, before.creditCode);
    QCOMPARE(after.phone, before.phone);
    QVERIFY(m_view->hasUnsavedChanges()); // the typed value stays to be fixed
}

void TestCustomerView::aValidEditIsSavedAndMarkedPending()
{
    CustomerWorkspace workspace(m_fixture->db(), Role::SalesRep, m_book.repWang);
    workspace.resize(1200, 760);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workspace));
    QSignalSpy pending(&workspace, &CustomerWorkspace::pendingEditsChanged);
    workspace.openCustomer(m_book.teaMerchant);
    CustomerView *view = workspace.customerView();

    auto *phone = view->findChild<QLineEdit *>(QStringLiteral("phone"));
    typeText(phone, QStringLiteral("137 5712 9876"));
    auto *city = view->findChild<QLineEdit *>(QStringLiteral("city"));
    city->selectAll();
    typeText(city, QStringLiteral("杭州市"));
    QTest::keyClick(city, Qt::Key_S, Qt::ControlModifier);

    QCOMPARE(pending.size(), 1);
    QCOMPARE(outboxRows(QStringLiteral("customers")), 1);
    const Customer saved = *CustomerRepository(m_fixture->db()).find(m_book.teaMerchant);
    QCOMPARE(saved.phone, QStringLiteral("13757129876"));
    QCOMPARE(saved.city, QStringLiteral("杭州市"));
    QCOMPARE(saved.creditCode, test::validCreditCode(20240001)); // the masked field kept
    QVERIFY(view->findChild<QWidget *>(QStringLiteral("pendingMarker"))->isVisible());
    QCOMPARE(phone->placeholderText(), QStringLiteral("137****9876"));
    QVERIFY(!view->hasUnsavedChanges());

    QSqlQuery query(m_fixture->db());
    query.exec(QStringLiteral("SELECT fields FROM outbox"));
    QVERIFY(query.next());
    QVERIFY(query.value(0).toString().contains(QStringLiteral("13757129876")));
    QVERIFY(!query.value(0).toString().contains(QStringLiteral("credit_code")));

    // Back on the list, the row carries the pending marker.
    QTest::keyClick(city, Qt::Key_Escape);
    QVERIFY(!workspace.isShowingCustomer());
    const CustomerListModel *model = workspace.listPage()->model();
    bool marked = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(CustomerListModel::IdRole).toString() == m_book.teaMerchant)
            marked = index.data(CustomerListModel::PendingRole).toBool();
    }
    QVERIFY(marked);
}

void TestCustomerView::aSyncedChangeIsNotOverwrittenBySave()
{
    QVERIFY(openView(Role::SalesRep, m_book.teaMerchant));
    typeText(child<QLineEdit>(QStringLiteral("industry")), QStringLiteral("（含茶具）"));
    // Meanwhile a sync round brings a colleague's new address.
    CustomerRepository customers(m_fixture->db());
    Customer theirs = *customers.find(m_book.teaMerchant);
    theirs.address = QStringLiteral("杭州市西湖区梅家坞 8 号");
    QVERIFY(customers.update(theirs));
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
    m_view->refresh();
    QVERIFY(m_view->hasUnsavedChanges()); // the typing survives the refresh

    QVERIFY(m_view->save());
    const Customer saved = *customers.find(m_book.teaMerchant);
    QCOMPARE(saved.industry, QStringLiteral("茶叶零售（含茶具）"));
    QCOMPARE(saved.address, QStringLiteral("杭州市西湖区梅家坞 8 号"));
    QSqlQuery query(m_fixture->db());
    query.exec(QStringLiteral("SELECT fields FROM outbox"));
    QVERIFY(query.next());
    QVERIFY(!query.value(0).toString().contains(QStringLiteral("address")));
}

void TestCustomerView::aLoggedNoteComesFirst()
{
    QVERIFY(openView(Role::SalesRep, m_book.teaMerchant));
    QSignalSpy pending(m_view.get(), &CustomerView::pendingEditsChanged);
    QTest::mouseClick(child<QToolButton>(QStringLiteral("log_note")), Qt::LeftButton);
    auto *entry = child<QLineEdit>(QStringLiteral("logText"));
    typeText(entry, QStringLiteral("王总同意下周提交新门店资料"));
    QTest::keyClick(entry, Qt::Key_Return);

    const QAbstractItemModel *timeline = m_view->timeline()->model();
    QCOMPARE(timeline->rowCount(), 6);
    QCOMPARE(timeline->index(0, ActivityTimelineModel::Subject).data().toString(),
             QStringLiteral("王总同意下周提交新门店资料"));
    QCOMPARE(timeline->index(0, 0).data(ActivityTimelineModel::KindCodeRole).toString(),
             QStringLiteral("note"));
    QVERIFY(entry->text().isEmpty());
    QCOMPARE(pending.size(), 1);
    QCOMPARE(outboxRows(QStringLiteral("activities")), 1);
    QVERIFY(!child<QPushButton>(QStringLiteral("logButton"))->isEnabled());
}

void TestCustomerView::rolesSeeAndEditWhatTheyMay()
{
    // A branch manager sees PII masked as text, reassigns, and cannot rate risk.
    QVERIFY(openView(Role::BranchManager, m_book.teaMerchant));
    QCOMPARE(child<QLabel>(QStringLiteral("phone"))->text(), QStringLiteral("139****1234"));
    QVERIFY(child<QComboBox>(QStringLiteral("owner_id")));
    QVERIFY(child<QLabel>(QStringLiteral("risk_level")));
    QVERIFY(child<QToolButton>(QStringLiteral("reveal_phone")));

    // A risk officer rates risk and KYC, and edits no profile text.
    QVERIFY(openView(Role::RiskOfficer, m_book.teaMerchant));
    auto *risk = child<QComboBox>(QStringLiteral("risk_level"));
    QVERIFY(risk);
    QVERIFY(child<QLabel>(QStringLiteral("legal_name")));
    risk->setCurrentIndex(risk->findData(QStringLiteral("high")));
    QVERIFY(m_view->save());
    QCOMPARE(CustomerRepository(m_fixture->db()).find(m_book.teaMerchant)->riskLevel,
             std::optional<RiskLevel>(RiskLevel::High));
    QCOMPARE(child<QLabel>(QStringLiteral("riskTag"))->text(), QStringLiteral("High risk"));

    // Nobody edits the lifecycle status in place; an admin sees PII masked with no reveal.
    QVERIFY(openView(Role::Admin, m_book.teaMerchant));
    QVERIFY(child<QLabel>(QStringLiteral("status")));
    QVERIFY(!child<QToolButton>(QStringLiteral("reveal_phone")));
    QCOMPARE(child<QLabel>(QStringLiteral("phone"))->text(), QStringLiteral("139****1234"));
}

void TestCustomerView::escapeGuardsUnsavedEdits()
{
    QVERIFY(openView(Role::SalesRep, m_book.teaMerchant));
    QSignalSpy back(m_view.get(), &CustomerView::backRequested);
    auto *industry = child<QLineEdit>(QStringLiteral("industry"));
    typeText(industry, QStringLiteral("（含茶具）"));
    QTest::keyClick(industry, Qt::Key_Escape);
    QCOMPARE(back.size(), 0);
    QVERIFY(child<QLabel>(QStringLiteral("saveMessage"))
                    ->text()
                    .contains(QStringLiteral("Esc again")));
    QTest::keyClick(industry, Qt::Key_Escape);
    QCOMPARE(back.size(), 1);
    QCOMPARE(industry->text(), QStringLiteral("茶叶零售")); // thrown away
    QCOMPARE(outboxRows(), 0);
}

void TestCustomerView::keyboardFromSearchToViewAndBack()
{
    CustomerWorkspace workspace(m_fixture->db(), Role::SalesRep, m_book.repWang);
    workspace.resize(1200, 760);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workspace));
    workspace.activateWindow();
    auto *search = workspace.findChild<QLineEdit *>(QStringLiteral("search"));
    QTest::keyClick(&workspace, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
    typeText(search, QStringLiteral("龙井"));
    QTRY_COMPARE(workspace.listPage()->model()->rowCount(), 1);
    QTest::keyClick(search, Qt::Key_Return);
    QVERIFY(workspace.isShowingCustomer());
    QCOMPARE(workspace.customerView()->customerId(), m_book.teaMerchant);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY(!workspace.isShowingCustomer());
    auto *table = workspace.findChild<QTableView *>(QStringLiteral("customerTable"));
    QVERIFY(table->hasFocus());
    // Ctrl+F from inside the view goes back to the search box.
    QTest::keyClick(table, Qt::Key_Return);
    QVERIFY(workspace.isShowingCustomer());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(!workspace.isShowingCustomer());
    QVERIFY(search->hasFocus());
}

QTEST_MAIN(TestCustomerView)
#include "tst_customerview.moc"
