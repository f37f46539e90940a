// SPDX-License-Identifier: GPL-3.0-or-later
// The customer list as a rep uses it: type to search, filter, sort by a header, save a
// filter, open a customer with Enter, make a new one with Ctrl+N, see what is pending.
#include "CustomerFilterBar.h"
#include "CustomerListPage.h"
#include "DemoData.h"
#include "NewCustomerDialog.h"
#include "StoreFixture.h"
#include "itemmodels/CustomerListModel.h"
#include "repositories/CustomerRepository.h"

#include "TypeText.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace branchline;

using test::typeText;

class TestCustomerListPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void typingSearchesTheWholeStore();
    void aFullIdentifierFindsExactly_data();
    void aFullIdentifierFindsExactly();
    void filtersNarrowAndCount();
    void headersSortByNameOrUpdated();
    void enterOpensTheCustomer();
    void savedFiltersApplyAndDelete();
    void savedFiltersNeverKeepPersonalInformation();
    void pendingEditsAreMarked();
    void newCustomerIsValidatedThenOpened();
    void manyRowsLoadLazilyWithFixedHeights();

private:
    int outboxRows() const;
    QLineEdit *search() const { return m_page->findChild<QLineEdit *>(QStringLiteral("search")); }
    QTableView *table() const
    {
        return m_page->findChild<QTableView *>(QStringLiteral("customerTable"));
    }
    QString countText() const
    {
        return m_page->findChild<QLabel *>(QStringLiteral("countLabel"))->text();
    }
    QStringList shownNames() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::StoreFixture> m_fixture;
    test::DemoBook m_book;
    std::unique_ptr<CustomerListPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestCustomerListPage::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestCustomerListPage::init()
{
    QSettings().clear();
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
    m_book = test::seedDemoBook(m_fixture->db());
    m_page = std::make_unique<CustomerListPage>(m_fixture->db(), Role::SalesRep, m_book.repWang);
    m_tester = std::make_unique<QAbstractItemModelTester>(
            m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_page->resize(1100, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestCustomerListPage::cleanup()
{
    m_tester.reset();
    m_page.reset();
    m_fixture.reset();
}

int TestCustomerListPage::outboxRows() const
{
    QSqlQuery query(m_fixture->db());
    query.exec(QStringLiteral("SELECT count(*) FROM outbox"));
    return query.next() ? query.value(0).toInt() : -1;
}

QStringList TestCustomerListPage::shownNames() const
{
    QStringList names;
    const CustomerListModel *model = m_page->model();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, CustomerListModel::Name).data().toString();
    return names;
}

void TestCustomerListPage::typingSearchesTheWholeStore()
{
    const int all = m_page->model()->rowCount();
    QCOMPARE(all, m_book.customerIds.size());
    QTRY_COMPARE(countText(), QStringLiteral("%1 customers").arg(all));

    typeText(search(), QStringLiteral("龙井"));
    // Debounced: nothing happens at each key, the search runs once the typing pauses.
    QCOMPARE(m_page->model()->rowCount(), all);
    QTRY_COMPARE(shownNames(), QStringList{ QStringLiteral("杭州西湖龙井茶叶有限公司") });
    QTRY_COMPARE(countText(), QStringLiteral("1 customer"));

    search()->clear();
    QTRY_COMPARE(m_page->model()->rowCount(), all);
}

void TestCustomerListPage::aFullIdentifierFindsExactly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::newRow("credit code") << test::validCreditCode(20240001)
                                 << QStringLiteral("杭州西湖龙井茶叶有限公司");
    QTest::newRow("resident id") << test::validIdNumber(321) << QStringLiteral("张秀英");
    QTest::newRow("mobile with spaces")
            << QStringLiteral("136 0057 1188") << QStringLiteral("张秀英");
}

void TestCustomerListPage::aFullIdentifierFindsExactly()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    typeText(search(), text);
    QTRY_COMPARE(shownNames(), QStringList{ name });
}

void TestCustomerListPage::filtersNarrowAndCount()
{
    auto *kind = m_page->findChild<QComboBox *>(QStringLiteral("kindFilter"));
    auto *branch = m_page->findChild<QComboBox *>(QStringLiteral("branchFilter"));
    auto *owner = m_page->findChild<QComboBox *>(QStringLiteral("ownerFilter"));
    QVERIFY(kind && branch && owner);
    QCOMPARE(branch->count(), 3); // "all branches" and the two from the store
    QCOMPARE(owner->itemText(0), QStringLiteral("All owners"));

    kind->setCurrentIndex(kind->findData(QStringLiteral("individual")));
    const CustomerListModel *model = m_page->model();
    QVERIFY(model->rowCount() > 0);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->index(row, 0).data(CustomerListModel::KindCodeRole).toString(),
                 QStringLiteral("individual"));

    branch->setCurrentIndex(branch->findData(m_book.ningboBranch));
    CustomerFilter expected;
    expected.kind = CustomerKind::Individual;
    expected.branchId = m_book.ningboBranch;
    const qint64 count = CustomerRepository(m_fixture->db()).count(expected, nullptr);
    QCOMPARE(model->rowCount(), int(count));
    QTRY_COMPARE(countText(),
                 count == 1 ? QStringLiteral("1 customer")
                            : QStringLiteral("%1 customers").arg(count));

    QTest::mouseClick(m_page->findChild<QWidget *>(QStringLiteral("clearFilters")), Qt::LeftButton);
    QCOMPARE(model->rowCount(), m_book.customerIds.size());
}

void TestCustomerListPage::headersSortByNameOrUpdated()
{
    QHeaderView *header = table()->horizontalHeader();
    auto clickHeader = [&](int column) {
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    clickHeader(CustomerListModel::Updated);
    QCOMPARE(m_page->model()->sortOrder(), CustomerSort::ByRecentlyUpdated);
    QCOMPARE(header->sortIndicatorSection(), int(CustomerListModel::Updated));
    const CustomerListModel *model = m_page->model();
    QCOMPARE(model->rowCount(), m_book.customerIds.size());
    clickHeader(CustomerListModel::City); // no index to sort by: nothing changes
    QCOMPARE(m_page->model()->sortOrder(), CustomerSort::ByRecentlyUpdated);
    QCOMPARE(header->sortIndicatorSection(), int(CustomerListModel::Updated));

    clickHeader(CustomerListModel::Name);
    QCOMPARE(m_page->model()->sortOrder(), CustomerSort::ByName);
    QStringList names = shownNames();
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end()); // the store compares code points, as this does
    QCOMPARE(names, sorted);
}

void TestCustomerListPage::enterOpensTheCustomer()
{
    QSignalSpy opened(m_page.get(), &CustomerListPage::customerActivated);
    typeText(search(), QStringLiteral("张秀英"));
    QTRY_COMPARE(m_page->model()->rowCount(), 1);
    // Enter in the search box with one match opens it straight away.
    QTest::keyClick(search(), Qt::Key_Return);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toString(), m_book.borrower);

    search()->clear();
    QTRY_VERIFY(m_page->model()->rowCount() > 1);
    table()->setFocus();
    table()->setCurrentIndex(m_page->model()->index(2, 0));
    QTest::keyClick(table(), Qt::Key_Return);
    QCOMPARE(opened.size(), 2);
    QCOMPARE(opened.last().first().toString(),
             m_page->model()->index(2, 0).data(CustomerListModel::IdRole).toString());

    // A double click opens too.
    const QRect cell = table()->visualRect(m_page->model()->index(4, 0));
    // (QTest sends a double click without its first press; the view wants to have seen one.)
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table()->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(opened.size(), 3);
    QCOMPARE(opened.last().first().toString(),
             m_page->model()->index(4, 0).data(CustomerListModel::IdRole).toString());

    // Ctrl+F from the table goes back to the search box.
    QTest::keyClick(table(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(search()->hasFocus());
}

void TestCustomerListPage::savedFiltersApplyAndDelete()
{
    auto *kind = m_page->findChild<QComboBox *>(QStringLiteral("kindFilter"));
    kind->setCurrentIndex(kind->findData(QStringLiteral("merchant")));
    typeText(search(), QStringLiteral("杭州"));
    QTRY_VERIFY(m_page->model()->filter().text == QStringLiteral("杭州"));
    m_page->saveCurrentFilterAs(QStringLiteral("杭州商户"));
    const int merchantsInHangzhou = m_page->model()->rowCount();

    search()->clear();
    QTest::mouseClick(m_page->findChild<QWidget *>(QStringLiteral("clearFilters")), Qt::LeftButton);
    QTRY_COMPARE(m_page->model()->rowCount(), m_book.customerIds.size());

    m_page->applySavedFilter(QStringLiteral("杭州商户"));
    QCOMPARE(search()->text(), QStringLiteral("杭州"));
    QCOMPARE(kind->currentData().toString(), QStringLiteral("merchant"));
    QCOMPARE(m_page->model()->rowCount(), merchantsInHangzhou);

    // Kept across restarts (settings), per user.
    CustomerListPage again(m_fixture->db(), Role::SalesRep, m_book.repWang);
    again.applySavedFilter(QStringLiteral("杭州商户"));
    QCOMPARE(again.model()->rowCount(), merchantsInHangzhou);
    CustomerListPage otherUser(m_fixture->db(), Role::SalesRep, m_book.repLi);
    otherUser.applySavedFilter(QStringLiteral("杭州商户"));
    QCOMPARE(otherUser.model()->rowCount(), m_book.customerIds.size());

    m_page->deleteSavedFilter(QStringLiteral("杭州商户"));
    search()->clear();
    m_page->applySavedFilter(QStringLiteral("杭州商户")); // gone: nothing changes
    QVERIFY(search()->text().isEmpty());
}

void TestCustomerListPage::savedFiltersNeverKeepPersonalInformation()
{
    const QString phone = QStringLiteral("13600571188");
    typeText(search(), phone);
    auto *risk = m_page->findChild<QComboBox *>(QStringLiteral("riskFilter"));
    risk->setCurrentIndex(1);
    m_page->saveCurrentFilterAs(QStringLiteral("phone"));
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("notice"))
                    ->text()
                    .contains(QStringLiteral("without the search text")));
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(phone), qPrintable(key));
    search()->clear();
    risk->setCurrentIndex(0);
    m_page->applySavedFilter(QStringLiteral("phone"));
    QVERIFY(search()->text().isEmpty());
    QCOMPARE(risk->currentIndex(), 1);
}

void TestCustomerListPage::pendingEditsAreMarked()
{
    auto isPending = [&](const QString &id) {
        const CustomerListModel *model = m_page->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, CustomerListModel::Name);
            if (index.data(CustomerListModel::IdRole).toString() == id)
                return index.data(CustomerListModel::PendingRole).toBool();
        }
        return false;
    };
    QVERIFY(!isPending(m_book.teaMerchant));
    CustomerRepository customers(m_fixture->db());
    Customer tea = *customers.find(m_book.teaMerchant);
    tea.notes += QStringLiteral(" 已确认新门店地址。");
    QVERIFY(customers.update(tea));
    m_page->refresh();
    QVERIFY(isPending(m_book.teaMerchant));
    QVERIFY(!isPending(m_book.borrower));
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
    m_page->refresh();
    QVERIFY(!isPending(m_book.teaMerchant));
}

void TestCustomerListPage::newCustomerIsValidatedThenOpened()
{
    QSignalSpy opened(m_page.get(), &CustomerListPage::customerActivated);
    QSignalSpy pending(m_page.get(), &CustomerListPage::pendingEditsChanged);
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_N, Qt::ControlModifier);
    NewCustomerDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<NewCustomerDialog *>()) && dialog->isVisible());

    typeText(dialog->findChild<QLineEdit *>(QStringLiteral("legalName")),
             QStringLiteral("温州鹿城眼镜有限公司"));
    // The check character of this credit code is wrong.
    QString code = test::validCreditCode(777);
    code[17] = code[17] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    typeText(dialog->findChild<QLineEdit *>(QStringLiteral("creditCode")), code);
    auto *create = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    const int before = outboxRows();
    QTest::mouseClick(create, Qt::LeftButton);
    auto *message = dialog->findChild<QLabel *>(QStringLiteral("error_credit_code"));
    QVERIFY(message && message->isVisible());
    QVERIFY(message->text().contains(QStringLiteral("last character")));
    QCOMPARE(outboxRows(), before);
    QVERIFY(dialog->isVisible());

    auto *codeEdit = dialog->findChild<QLineEdit *>(QStringLiteral("creditCode"));
    codeEdit->clear();
    typeText(codeEdit, test::validCreditCode(777));
    QTest::mouseClick(create, Qt::LeftButton);
    QTRY_COMPARE(opened.size(), 1);
    QCOMPARE(pending.size(), 1);
    QCOMPARE(outboxRows(), before + 1);
    const std::optional<Customer> made =
            CustomerRepository(m_fixture->db()).find(opened.first().first().toString());
    QVERIFY(made);
    QCOMPARE(made->legalName, QStringLiteral("温州鹿城眼镜有限公司"));
    QCOMPARE(made->ownerId, m_book.repWang);
    QCOMPARE(made->branchId, m_book.hangzhouBranch);
    QCOMPARE(made->status, CustomerStatus::Prospect);
}

void TestCustomerListPage::manyRowsLoadLazilyWithFixedHeights()
{
    QList<Customer> many;
    for (int i = 0; i < 1500; ++i)
        many << test::merchant(QStringLiteral("批量商户%1").arg(i, 5, 10, QLatin1Char('0')));
    QVERIFY(CustomerRepository(m_fixture->db()).insertMany(many));
    m_page->refresh();
    const CustomerListModel *model = m_page->model();
    QCOMPARE(model->rowCount(), model->pageSize()); // one page, not 1,562 rows
    QCOMPARE(table()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    table()->scrollToBottom();
    QTRY_VERIFY(model->rowCount() > model->pageSize());

    // A sync round's refresh keeps the place: same rows held, same row at the top.
    table()->scrollTo(model->index(300, 0), QAbstractItemView::PositionAtTop);
    table()->setCurrentIndex(model->index(305, 0));
    const QString topId =
            model->index(table()->rowAt(0), 0).data(CustomerListModel::IdRole).toString();
    const QString currentId = table()->currentIndex().data(CustomerListModel::IdRole).toString();
    const int held = model->rowCount();
    m_page->refresh();
    QVERIFY(model->rowCount() >= held);
    QCOMPARE(model->index(table()->rowAt(0), 0).data(CustomerListModel::IdRole).toString(), topId);
    QCOMPARE(table()->currentIndex().data(CustomerListModel::IdRole).toString(), currentId);
    QTRY_COMPARE(countText(),
                 QStringLiteral("%1 customers")
                         .arg(QLocale().toString(1500 + m_book.customerIds.size())));
}

QTEST_MAIN(TestCustomerListPage)
#include "tst_customerlistpage.moc"
