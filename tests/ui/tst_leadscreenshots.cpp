// SPDX-License-Identifier: GPL-3.0-or-later
// The leads board and the conversion dialog rendered as a person sees them, in English and
// in Chinese, over the demo book's pipeline. With BRANCHLINE_SCREENSHOT_DIR set, the pictures
// are kept for docs/screenshots.
#include "ConvertLeadDialog.h"
#include "DemoLeads.h"
#include "LeadBoard.h"
#include "LeadsPage.h"
#include "StoreFixture.h"
#include "Translations.h"
#include "itemmodels/LeadColumnModel.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace branchline;

class TestLeadScreenshots : public QObject
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

void TestLeadScreenshots::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestLeadScreenshots::keep(QWidget *widget, const QString &name, const QString &language)
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

void TestLeadScreenshots::rendersInBothLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("qualified");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Qualified");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("已确认意向");
}

void TestLeadScreenshots::rendersInBothLanguages()
{
    QFETCH(QString, language);
    QFETCH(QString, qualified);
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    Translations::install(*qApp, language);

    test::StoreFixture fixture;
    QVERIFY(fixture.isOpen());
    const test::DemoBook book = test::seedDemoBook(fixture.db(), 40);
    const QHash<QString, QString> leads = test::addDemoLeads(fixture.db(), book);

    LeadsPage page(fixture.db(), Role::SalesRep, book.repWang);
    page.showBoard(true);
    page.resize(1280, 720);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *header = page.findChild<QLabel *>(QStringLiteral("header_qualified"));
    QVERIFY2(header->text().contains(qualified), qPrintable(header->text()));
    page.board()->selectLead(leads.value(QStringLiteral("杨超")));
    keep(&page, QStringLiteral("leads-board"), language);
    page.showBoard(false);
    keep(&page, QStringLiteral("leads-list"), language);
    page.showBoard(true);

    // Converting it, with a credit code mistyped.
    page.findChild<QPushButton *>(QStringLiteral("convertLead"))->click();
    ConvertLeadDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<ConvertLeadDialog *>()) && dialog->isVisible());
    QString bad = test::validCreditCode(9031);
    bad[17] = bad[17] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    dialog->findChild<QLineEdit *>(QStringLiteral("creditCode"))->insert(bad);
    dialog->accept();
    QVERIFY(dialog->isVisible());
    keep(dialog, QStringLiteral("leads-convert"), language);
    dialog->reject();
}

QTEST_MAIN(TestLeadScreenshots)
#include "tst_leadscreenshots.moc"
