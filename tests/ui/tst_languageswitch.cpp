// SPDX-License-Identifier: GPL-3.0-or-later
// Switching the interface language while the program runs: Edit ▸ Preferences, 简体中文, OK,
// and the main window comes back in Chinese on the same session, section, customer and size,
// with the edit still waiting for the server; then back to English. A language IT locked in
// the branch configuration cannot be changed, and unsaved edits stop a switch that would
// lose them.
#include "FakeKeyStore.h"
#include "MainWindow.h"
#include "MainWindowHost.h"
#include "StoreFixture.h"
#include "Translations.h"
#include "TypeText.h"
#include "customers/CustomerView.h"
#include "customers/CustomerWorkspace.h"
#include "repositories/CustomerRepository.h"
#include "session/Session.h"
#include "settings/LanguagePreference.h"
#include "settings/SettingsDialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace branchline;

class TestLanguageSwitch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void preferenceOrder();
    void switchesWithoutRestarting();
    void unsavedEditsStopTheSwitch();
    void lockedLanguageCannotBeChanged();
    void pictures_data();
    void pictures();

private:
    void writeBranchConfig(const QByteArray &content);
    // Answers the settings dialog that the next line of the test opens (it is modal).
    void answerSettings(std::function<void(SettingsDialog *)> answer);
    static void choose(SettingsDialog *dialog, const QString &language);
    static void press(SettingsDialog *dialog, QDialogButtonBox::StandardButton button);
    static QStringList menuTitles(MainWindow *window);
    static QString label(MainWindow *window, const char *name);

    QTemporaryDir m_dir;
    QString m_configPath;
    std::unique_ptr<Session> m_session;
    QString m_customerId;
};

void TestLanguageSwitch::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
    // Never the computer's own /etc/branchline/client.conf.
    m_configPath = m_dir.filePath(QStringLiteral("client.conf"));
    qputenv("BRANCHLINE_CLIENT_CONF", m_configPath.toUtf8());
}

void TestLanguageSwitch::init()
{
    QSettings().clear();
    QFile::remove(m_configPath);
    QVERIFY(Translations::install(*qApp, QStringLiteral("en")));

    // Nothing listens on port 9: the session stays offline, its edit waits in the outbox.
    auto keys = std::make_shared<test::FakeKeyStore>();
    auto settings = std::make_shared<QSettings>(m_dir.filePath(QStringLiteral("accounts.ini")),
                                                QSettings::IniFormat);
    AccountRegistry registry(keys, settings, m_dir.filePath(QStringLiteral("stores")));
    Account account = registry.prepare(QUrl(QStringLiteral("http://127.0.0.1:9")),
                                       QStringLiteral("zj.rep1"));
    QFile::remove(account.storePath);
    m_session = std::make_unique<Session>(account, registry);
    StoreKey key;
    key.secret = SecretBytes::random(32);
    QString error;
    QVERIFY2(m_session->open(std::move(key), true, &error), qPrintable(error));
    Customer customer = test::merchant(QStringLiteral("西湖龙井茶庄"));
    QVERIFY(CustomerRepository(m_session->database()).insert(customer));
    m_customerId = customer.meta.id;
    m_session->refreshStatus();
    QCOMPARE(m_session->pendingEditCount(), 1);
}

void TestLanguageSwitch::cleanup()
{
    m_session.reset();
    QFile::remove(m_configPath);
}

void TestLanguageSwitch::writeBranchConfig(const QByteArray &content)
{
    QFile file(m_configPath);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

void TestLanguageSwitch::answerSettings(std::function<void(SettingsDialog *)> answer)
{
    auto *poll = new QTimer(this);
    poll->setInterval(10);
    connect(poll, &QTimer::timeout, this, [poll, answer] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        poll->deleteLater();
        poll->stop();
        answer(dialog);
    });
    poll->start();
}

void TestLanguageSwitch::choose(SettingsDialog *dialog, const QString &language)
{
    auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("language"));
    QVERIFY(combo);
    const int index = combo->findData(language);
    QVERIFY(index >= 0);
    // As a person would: the list opens, the language is clicked.
    combo->setFocus();
    combo->setCurrentIndex(index);
    QCOMPARE(dialog->language(), language);
}

void TestLanguageSwitch::press(SettingsDialog *dialog, QDialogButtonBox::StandardButton button)
{
    QPushButton *pushButton = dialog->findChild<QDialogButtonBox *>()->button(button);
    QVERIFY(pushButton);
    QTest::mouseClick(pushButton, Qt::LeftButton);
}

QStringList TestLanguageSwitch::menuTitles(MainWindow *window)
{
    QStringList titles;
    for (QAction *action : window->menuBar()->actions())
        titles << action->text();
    return titles;
}

QString TestLanguageSwitch::label(MainWindow *window, const char *name)
{
    auto *found = window->findChild<QLabel *>(QLatin1String(name));
    return found ? found->text() : QString();
}

void TestLanguageSwitch::preferenceOrder()
{
    // Nothing configured, nothing chosen: the system's.
    QCOMPARE(LanguagePreference().language(), QString());
    // The branch's default until the person chooses.
    writeBranchConfig("language = zh_CN\n");
    QCOMPARE(LanguagePreference().language(), QStringLiteral("zh_CN"));
    QVERIFY(!LanguagePreference().isLocked());
    QVERIFY(LanguagePreference().choose(QStringLiteral("en")));
    QCOMPARE(LanguagePreference().language(), QStringLiteral("en"));
    // "Follow the system" is a choice too, not a return to the branch default.
    QVERIFY(LanguagePreference().choose(QString()));
    QCOMPARE(LanguagePreference().language(), QString());
    QCOMPARE(QSettings().value(QStringLiteral("interface/language")).toString(),
             QStringLiteral("system"));
    QVERIFY(!LanguagePreference().choose(QStringLiteral("fr")));
    QCOMPARE(LanguagePreference().language(), QString());
}

void TestLanguageSwitch::switchesWithoutRestarting()
{
    MainWindowHost host(*m_session);
    MainWindow *english = host.window();
    english->show();
    QVERIFY(QTest::qWaitForWindowExposed(english));
    english->resize(1000, 700);
    english->customers()->openCustomer(m_customerId);
    QVERIFY(english->customers()->isShowingCustomer());
    english->showSection(MainWindow::Section::Tasks);
    QCOMPARE(label(english, "pendingEdits"), QStringLiteral("1 edit waiting to be sent"));
    QSignalSpy replaced(&host, &MainWindowHost::windowReplaced);
    QPointer<MainWindow> gone(english);

    // Ctrl+, opens the preferences; 简体中文 is named in Chinese whatever the language now.
    QString offered;
    answerSettings([&offered](SettingsDialog *dialog) {
        auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("language"));
        offered = combo->itemText(combo->findData(QStringLiteral("zh_CN")));
        choose(dialog, QStringLiteral("zh_CN"));
        press(dialog, QDialogButtonBox::Ok);
    });
    QTest::keyClick(english, Qt::Key_Comma, Qt::ControlModifier);
    QCOMPARE(offered, QStringLiteral("简体中文"));
    QTRY_COMPARE(replaced.count(), 1);
    QTRY_VERIFY(gone.isNull());

    MainWindow *chinese = host.window();
    QVERIFY(chinese->isVisible());
    auto *navigation = chinese->findChild<QListWidget *>(QStringLiteral("navigation"));
    QCOMPARE(navigation->item(0)->text(), QStringLiteral("客户"));
    QCOMPARE(navigation->item(1)->text(), QStringLiteral("线索"));
    QCOMPARE(navigation->item(2)->text(), QStringLiteral("任务"));
    QVERIFY(menuTitles(chinese).contains(QStringLiteral("文件(&F)")));
    QVERIFY(menuTitles(chinese).contains(QStringLiteral("转到(&G)")));
    QVERIFY(chinese->windowTitle().startsWith(QStringLiteral("Branchline 客户管理")));
    // Where the person was, and the edit still waiting for the server.
    QCOMPARE(chinese->currentSection(), MainWindow::Section::Tasks);
    QVERIFY(chinese->customers()->isShowingCustomer());
    QCOMPARE(chinese->customers()->customerView()->customerId(), m_customerId);
    QCOMPARE(chinese->size(), QSize(1000, 700));
    QCOMPARE(label(chinese, "pendingEdits"), QStringLiteral("1 条修改等待上传"));
    QCOMPARE(label(chinese, "onlineState"), QStringLiteral("○ 离线"));
    // Numbers and dates follow, and the choice is kept for the next start.
    QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));
    QCOMPARE(LanguagePreference().language(), QStringLiteral("zh_CN"));

    // And back, through the menu this time.
    answerSettings([](SettingsDialog *dialog) {
        QCOMPARE(dialog->language(), QStringLiteral("zh_CN"));
        choose(dialog, QStringLiteral("en"));
        press(dialog, QDialogButtonBox::Ok);
    });
    chinese->findChild<QAction *>(QStringLiteral("preferences"))->trigger();
    QTRY_COMPARE(replaced.count(), 2);
    MainWindow *again = host.window();
    QVERIFY(again != chinese);
    navigation = again->findChild<QListWidget *>(QStringLiteral("navigation"));
    QCOMPARE(navigation->item(0)->text(), QStringLiteral("Customers"));
    QVERIFY(menuTitles(again).contains(QStringLiteral("&File")));
    QCOMPARE(again->currentSection(), MainWindow::Section::Tasks);
    QCOMPARE(label(again, "pendingEdits"), QStringLiteral("1 edit waiting to be sent"));
    QCOMPARE(QLocale().name(), QStringLiteral("en_US"));

    // OK without a change rebuilds nothing.
    answerSettings([](SettingsDialog *dialog) { press(dialog, QDialogButtonBox::Ok); });
    again->findChild<QAction *>(QStringLiteral("preferences"))->trigger();
    QTest::qWait(50);
    QCOMPARE(replaced.count(), 2);
    QCOMPARE(host.window(), again);
}

void TestLanguageSwitch::unsavedEditsStopTheSwitch()
{
    MainWindowHost host(*m_session);
    MainWindow *window = host.window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    window->customers()->openCustomer(m_customerId);
    auto *address = window->customers()->customerView()->findChild<QLineEdit *>(
            QStringLiteral("address"));
    QVERIFY(address);
    test::typeText(address, QStringLiteral("延安路 1 号"));
    QVERIFY(window->customers()->customerView()->hasUnsavedChanges());
    QSignalSpy replaced(&host, &MainWindowHost::windowReplaced);

    QString problem;
    bool stillOpen = false;
    answerSettings([&](SettingsDialog *dialog) {
        choose(dialog, QStringLiteral("zh_CN"));
        press(dialog, QDialogButtonBox::Ok);
        stillOpen = dialog->isVisible();
        problem = dialog->findChild<QLabel *>(QStringLiteral("problem"))->text();
        press(dialog, QDialogButtonBox::Cancel);
    });
    window->findChild<QAction *>(QStringLiteral("preferences"))->trigger();
    QVERIFY(stillOpen);
    QVERIFY2(problem.contains(QStringLiteral("not saved")), qPrintable(problem));
    QTest::qWait(50);
    QCOMPARE(replaced.count(), 0);
    QCOMPARE(host.window(), window);
    QVERIFY(window->customers()->customerView()->hasUnsavedChanges());
    QCOMPARE(LanguagePreference().language(), QString());
}

void TestLanguageSwitch::lockedLanguageCannotBeChanged()
{
    writeBranchConfig("language = zh_CN\nlanguage_locked = true\n");
    LanguagePreference preference;
    QVERIFY(preference.isLocked());
    QCOMPARE(preference.language(), QStringLiteral("zh_CN"));
    QVERIFY(!preference.choose(QStringLiteral("en")));
    QCOMPARE(LanguagePreference().language(), QStringLiteral("zh_CN"));

    SettingsDialog dialog(preference);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("language"));
    QVERIFY(!combo->isEnabled());
    QCOMPARE(combo->currentText(), QStringLiteral("简体中文"));
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("languageNote"));
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("IT")), qPrintable(note->text()));
    // Even a choice made behind the greyed-out list is not taken.
    combo->setCurrentIndex(combo->findData(QStringLiteral("en")));
    press(&dialog, QDialogButtonBox::Ok);
    QVERIFY(!dialog.isVisible());
    QVERIFY(!dialog.languageChanged());
    QVERIFY(!QSettings().contains(QStringLiteral("interface/language")));
}

void TestLanguageSwitch::pictures_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("locked");
    QTest::newRow("en") << QStringLiteral("en") << false;
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << false;
    QTest::newRow("locked, en") << QStringLiteral("en") << true;
}

void TestLanguageSwitch::pictures()
{
    QFETCH(QString, language);
    QFETCH(bool, locked);
    QVERIFY(Translations::install(*qApp, language));
    if (locked)
        writeBranchConfig("language = zh_CN\nlanguage_locked = true\n");
    SettingsDialog dialog{ LanguagePreference() };
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("languageNote"));
    // The note is never cut off: the dialog is tall enough for its wrapped lines.
    QTRY_VERIFY(note->height() >= note->heightForWidth(note->width()));
    const QString directory = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(dialog.grab().save(QStringLiteral("%1/settings%2-%3.png")
                                           .arg(directory,
                                                locked ? QStringLiteral("-locked") : QString(),
                                                language)));
}

QTEST_MAIN(TestLanguageSwitch)
#include "tst_languageswitch.moc"
