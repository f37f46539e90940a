// SPDX-License-Identifier: GPL-3.0-or-later
// The customer list and the 360° view rendered as a person sees them, in English and in
// Chinese, over a realistic demo book. With BRANCHLINE_SCREENSHOT_DIR set, the pictures
// are kept for docs/screenshots.
#include "CustomerListPage.h"
#include "CustomerView.h"
#include "CustomerWorkspace.h"
#include "DemoData.h"
#include "NewCustomerDialog.h"
#include "StoreFixture.h"
#include "Translations.h"
#include "itemmodels/CustomerListModel.h"
#include "repositories/CustomerRepository.h"

#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

using namespace branchline;

class TestCustomerScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rendersInBothLanguages_data();
    void rendersInBothLanguages();

private:
    void keep(QWidget *widget, const QString &name, const QString &language);
    QTemporaryDir m_settingsDir;
};

void TestCustomerScreenshots::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestCustomerScreenshots::keep(QWidget *widget, const QString &name, const QString &language)
{
    // Layouts settle in posted events: let them run so nothing is drawn half laid out.
    QCoreApplication::sendPostedEvents();
    QTest::qWait(50);
    const QPixmap picture = widget->grab();
    QVERIFY(!picture.isNull());
    const QString directory = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(picture.save(QStringLiteral("%1/%2-%3.png").arg(directory, name, language)));
}

void TestCustomerScreenshots::rendersInBothLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("nameHeader");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Name");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("名称");
}

void TestCustomerScreenshots::rendersInBothLanguages()
{
    QFETCH(QString, language);
    QFETCH(QString, nameHeader);
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    Translations::install(*qApp, language);

    test::StoreFixture fixture;
    QVERIFY(fixture.isOpen());
    const test::DemoBook book = test::seedDemoBook(fixture.db(), 60);
    // One edit not yet confirmed by the server, so the pending marker shows.
    CustomerRepository customers(fixture.db());
    Customer tea = *customers.find(book.teaMerchant);
    tea.notes += QStringLiteral("新门店预计五月开业。");
    QVERIFY(customers.update(tea));

    CustomerWorkspace workspace(fixture.db(), Role::SalesRep, book.repWang);
    workspace.resize(1280, 760);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workspace));
    auto *table = workspace.findChild<QTableView *>(QStringLiteral("customerTable"));
    QCOMPARE(table->model()->headerData(0, Qt::Horizontal).toString(), nameHeader);
    QTRY_VERIFY(!workspace.findChild<QLabel *>(QStringLiteral("countLabel"))->text().isEmpty());
    // Newest change first, so the edit waiting for the server is on top with its marker.
    QHeaderView *header = table->horizontalHeader();
    const int updated = CustomerListModel::Updated;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(updated) + 10, header->height() / 2));
    QCOMPARE(workspace.listPage()->model()->sortOrder(), CustomerSort::ByRecentlyUpdated);
    keep(&workspace, QStringLiteral("customer-list"), language);

    workspace.findChild<QLineEdit *>(QStringLiteral("search"))->insert(QStringLiteral("杭州 餐饮"));
    QTRY_VERIFY(workspace.listPage()->model()->filter().text == QStringLiteral("杭州 餐饮"));
    QTRY_COMPARE(workspace.listPage()->model()->rowCount(), 3);
    keep(&workspace, QStringLiteral("customer-search"), language);

    workspace.openCustomer(book.teaMerchant);
    QVERIFY(workspace.isShowingCustomer());
    keep(&workspace, QStringLiteral("customer-view"), language);

    // A bad check character refused next to its field, and the reveal explanation.
    CustomerView *view = workspace.customerView();
    QString bad = test::validCreditCode(4242);
    bad[17] = bad[17] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    view->findChild<QLineEdit *>(QStringLiteral("credit_code"))->insert(bad);
    QVERIFY(!view->save());
    QTest::mouseClick(view->findChild<QToolButton *>(QStringLiteral("reveal_phone")),
                      Qt::LeftButton);
    keep(&workspace, QStringLiteral("customer-view-check"), language);
    view->discardChanges();

    auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("customerTabs"));
    tabs->setCurrentIndex(2); // open tasks, the overdue one first
    keep(tabs, QStringLiteral("customer-tasks"), language);
    tabs->setCurrentIndex(1);
    keep(tabs, QStringLiteral("customer-contacts"), language);

    // Ctrl+N with a mistake in it.
    workspace.showList();
    workspace.listPage()->newCustomer();
    NewCustomerDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = workspace.findChild<NewCustomerDialog *>()) && dialog->isVisible());
    auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("kind"));
    kind->setCurrentIndex(kind->findData(QStringLiteral("individual")));
    dialog->findChild<QLineEdit *>(QStringLiteral("legalName"))->insert(QStringLiteral("赵海燕"));
    dialog->findChild<QLineEdit *>(QStringLiteral("idNumber"))
            ->insert(QStringLiteral("110105199003071234"));
    dialog->findChild<QLineEdit *>(QStringLiteral("phone"))->insert(QStringLiteral("1385712"));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    keep(dialog, QStringLiteral("customer-new"), language);
    dialog->reject();
}

QTEST_MAIN(TestCustomerScreenshots)
#include "tst_customerscreenshots.moc"
