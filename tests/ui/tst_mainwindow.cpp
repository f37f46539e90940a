// SPDX-License-Identifier: GPL-3.0-or-later
// The main window over an offline session on the offscreen platform: its sections and their
// shortcuts, the status bar (offline, never synced, the edit waiting in the outbox), the
// customer list of the store, Chinese when asked, and its remembered size.
#include "FakeKeyStore.h"
#include "MainWindow.h"
#include "StatusPanel.h"
#include "StoreFixture.h"
#include "Translations.h"
#include "customers/CustomerListPage.h"
#include "customers/CustomerView.h"
#include "customers/CustomerWorkspace.h"
#include "leads/ConvertLeadDialog.h"
#include "leads/LeadsPage.h"
#include "repositories/CustomerRepository.h"
#include "repositories/LeadRepository.h"
#include "repositories/TaskRepository.h"
#include "session/Session.h"
#include "tasks/TasksPage.h"

#include <QAbstractItemView>
#include <QAction>
#include <QMessageBox>
#include <QTimer>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace branchline;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsSectionsAndSwitchesByShortcut();
    void convertedLeadOpensItsCustomer();
    void tasksRemindCompleteAndOpenTheirCustomer();
    void statusBarTellsTheSessionState();
    void speaksChinese();
    void remembersItsGeometry();
    void aboutTellsVersionAccountAndBranch();

private:
    QString labelText(MainWindow &window, const char *name) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Session> m_session;
};

void TestMainWindow::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestMainWindow::init()
{
    // Nothing listens on port 9: the session stays offline, as at a merchant's shop.
    auto keys = std::make_shared<test::FakeKeyStore>();
    auto settings = std::make_shared<QSettings>(m_dir.filePath(QStringLiteral("accounts.ini")),
                                                QSettings::IniFormat);
    AccountRegistry registry(keys, settings, m_dir.filePath(QStringLiteral("stores")));
    Account account = registry.prepare(QUrl(QStringLiteral("http://127.0.0.1:9")),
                                       QStringLiteral("zj.rep1"));
    account.userId = QStringLiteral("user-rep1"); // as after the first sign-in: whose tasks
    QFile::remove(account.storePath);
    m_session = std::make_unique<Session>(account, registry);
    StoreKey key;
    key.secret = SecretBytes::random(32);
    QString error;
    QVERIFY2(m_session->open(std::move(key), true, &error), qPrintable(error));
    Customer customer = test::merchant(QStringLiteral("西湖龙井茶庄"));
    QVERIFY(CustomerRepository(m_session->database()).insert(customer));
    m_session->refreshStatus();
}

void TestMainWindow::cleanup()
{
    m_session.reset();
}

QString TestMainWindow::labelText(MainWindow &window, const char *name) const
{
    auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

void TestMainWindow::showsSectionsAndSwitchesByShortcut()
{
    MainWindow window(*m_session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    QCOMPARE(navigation->count(), 6);
    QCOMPARE(window.currentSection(), MainWindow::Section::Customers);
    // The store's customer is in the list.
    auto *list = window.customers()->listPage()->findChild<QTableView *>();
    QVERIFY(list);
    QTRY_COMPARE(list->model()->rowCount(), 1);

    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::Section::Leads);
    QTest::keyClick(&window, Qt::Key_6, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::Section::Conflicts);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::Section::Customers);
    // No section name is cut off.
    for (int i = 0; i < navigation->count(); ++i)
        QVERIFY(navigation->visualItemRect(navigation->item(i)).right()
                <= navigation->viewport()->width());
}

void TestMainWindow::convertedLeadOpensItsCustomer()
{
    Lead lead;
    lead.name = QStringLiteral("王建华");
    lead.company = QStringLiteral("杭州西溪茶社有限公司");
    lead.phone = QStringLiteral("13905711234");
    lead.status = LeadStatus::Qualified;
    QVERIFY(LeadRepository(m_session->database()).insert(lead));
    m_session->refreshStatus();
    const int pendingBefore = m_session->pendingEditCount();
    MainWindow window(*m_session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    auto *leads = window.findChild<LeadsPage *>();
    QVERIFY(leads && leads->isVisible());

    leads->convertLead(lead.meta.id);
    ConvertLeadDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = leads->findChild<ConvertLeadDialog *>()) && dialog->isVisible());
    dialog->findChild<QLineEdit *>(QStringLiteral("creditCode"))->insert(test::validCreditCode(3));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("convert")), Qt::LeftButton);
    // The new customer's 360° view, and the two edits counted as waiting for the server.
    QTRY_COMPARE(window.currentSection(), MainWindow::Section::Customers);
    QVERIFY(window.customers()->isShowingCustomer());
    const QString customerId = window.customers()->customerView()->customerId();
    QCOMPARE(LeadRepository(m_session->database()).find(lead.meta.id)->convertedCustomerId,
             customerId);
    QCOMPARE(CustomerRepository(m_session->database()).find(customerId)->legalName,
             QStringLiteral("杭州西溪茶社有限公司"));
    QCOMPARE(m_session->pendingEditCount(), pendingBefore + 2);
}

void TestMainWindow::tasksRemindCompleteAndOpenTheirCustomer()
{
    Customer tea = test::merchant(QStringLiteral("杭州西湖龙井茶叶有限公司"));
    QVERIFY(CustomerRepository(m_session->database()).insert(tea));
    Task visit;
    visit.title = QStringLiteral("上门核对终端");
    visit.dueAt = QDateTime::currentDateTimeUtc().addSecs(5 * 60);
    visit.ownerId = m_session->userId();
    visit.relatedTable = QStringLiteral("customers");
    visit.relatedId = tea.meta.id;
    QVERIFY(TaskRepository(m_session->database()).insert(visit));
    m_session->refreshStatus();
    const int pendingBefore = m_session->pendingEditCount();

    MainWindow window(*m_session);
    // No tray on the offscreen platform: the reminder is in the status bar.
    QVERIFY(window.statusBar()->currentMessage().contains(visit.title));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::Section::Tasks);
    TasksPage *tasks = window.tasks();
    QVERIFY(tasks->isVisible());
    QCOMPARE(tasks->currentTaskId(), visit.meta.id);

    tasks->view()->setFocus();
    QTest::keyClick(tasks->view(), Qt::Key_Space);
    QCOMPARE(m_session->pendingEditCount(), pendingBefore + 1);
    QTest::keyClick(tasks->view(), Qt::Key_O, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::Section::Customers);
    QVERIFY(window.customers()->isShowingCustomer());
}

void TestMainWindow::statusBarTellsTheSessionState()
{
    // English plurals come from the English catalogue, as in the app.
    QVERIFY(Translations::install(*qApp, QStringLiteral("en")));
    MainWindow window(*m_session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(labelText(window, "onlineState"), QStringLiteral("○ Offline"));
    QCOMPARE(labelText(window, "lastSync"), QStringLiteral("Never synced"));
    QCOMPARE(labelText(window, "pendingEdits"), QStringLiteral("1 edit waiting to be sent"));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Branchline")));
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
}

void TestMainWindow::speaksChinese()
{
    QVERIFY(Translations::install(*qApp, QStringLiteral("zh_CN")));
    {
        MainWindow window(*m_session);
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("Branchline 客户管理")));
        QCOMPARE(labelText(window, "onlineState"), QStringLiteral("○ 离线"));
        QCOMPARE(labelText(window, "pendingEdits"), QStringLiteral("1 条修改等待上传"));
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QCOMPARE(navigation->item(0)->text(), QStringLiteral("客户"));
    }
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    QVERIFY(!Translations::install(*qApp, QStringLiteral("fr")));
}

void TestMainWindow::remembersItsGeometry()
{
    {
        MainWindow window(*m_session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(1000, 700);
        window.close();
    }
    MainWindow again(*m_session);
    QCOMPARE(again.size(), QSize(1000, 700));
}

void TestMainWindow::aboutTellsVersionAccountAndBranch()
{
    QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
    const QString config = m_dir.filePath(QStringLiteral("client.conf"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("server_url = https://crm.example.cn\nbranch = br-hz-xh\n");
    file.close();
    qputenv("BRANCHLINE_CLIENT_CONF", config.toUtf8());

    MainWindow window(*m_session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *about = window.findChild<QAction *>(QStringLiteral("about"));
    QVERIFY(about);
    QString shown;
    // The box is modal: read and close it from inside its own event loop.
    QTimer::singleShot(0, &window, [&shown] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        shown = box->text();
        const QString screenshots = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
        if (!screenshots.isEmpty())
            box->grab().save(screenshots + QStringLiteral("/about-en.png"));
        box->accept();
    });
    about->trigger();
    qunsetenv("BRANCHLINE_CLIENT_CONF");
    QVERIFY2(shown.contains(QStringLiteral("9.8.7")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("http://127.0.0.1:9")));
    QVERIFY(shown.contains(QStringLiteral("br-hz-xh")));
    QVERIFY(shown.contains(config));
    QVERIFY(shown.contains(QStringLiteral("GNU General Public License")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
