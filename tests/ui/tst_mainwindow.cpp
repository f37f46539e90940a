// SPDX-License-Identifier: GPL-3.0-or-later
// The main window on the offscreen platform: it shows its start page, says it is not
// signed in, speaks Chinese when asked to, and remembers its size.
#include "MainWindow.h"
#include "Translations.h"

#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace branchline;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsTheStartPage();
    void speaksChinese();
    void remembersItsGeometry();

private:
    QTemporaryDir m_settingsDir;
};

void TestMainWindow::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestMainWindow::showsTheStartPage()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Branchline"));
    auto *title = window.findChild<QLabel *>(QStringLiteral("startTitle"));
    QVERIFY(title);
    QVERIFY(title->isVisible());
    bool notSignedIn = false;
    for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
        notSignedIn |= label->text() == QStringLiteral("Not signed in");
    QVERIFY(notSignedIn);
}

void TestMainWindow::speaksChinese()
{
    QVERIFY(Translations::install(*qApp, QStringLiteral("zh_CN")));
    {
        MainWindow window;
        QCOMPARE(window.windowTitle(), QStringLiteral("Branchline 客户管理"));
        bool chineseStatus = false;
        for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
            chineseStatus |= label->text() == QStringLiteral("未登录");
        QVERIFY(chineseStatus);
    }
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    QVERIFY(!Translations::install(*qApp, QStringLiteral("fr")));
}

void TestMainWindow::remembersItsGeometry()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(900, 640);
        window.close();
    }
    MainWindow again;
    QCOMPARE(again.size(), QSize(900, 640));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
