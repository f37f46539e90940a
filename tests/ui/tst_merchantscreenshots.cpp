// SPDX-License-Identifier: GPL-3.0-or-later
// The merchant detail of the 360° view as a rep sees it, in English and in Chinese: the
// Merchant tab (terms and terminals), the Volume tab (twelve months as bars) and the KYC
// checklist with an item waiting for the server. Fails when a label is cut off. With
// BRANCHLINE_SCREENSHOT_DIR set, the pictures are kept for docs/screenshots.
#include "CustomerView.h"
#include "CustomerWorkspace.h"
#include "DemoMerchant.h"
#include "KycChecklistPanel.h"
#include "MerchantPanel.h"
#include "MerchantTabs.h"
#include "StoreFixture.h"
#include "Translations.h"
#include "VolumePanel.h"
#include "repositories/KycChecklistRepository.h"

#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace branchline;

class TestMerchantScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rendersInBothLanguages_data();
    void rendersInBothLanguages();

private:
    void keep(QWidget *widget, const QString &name, const QString &language);
    static void nothingCutOff(QWidget *panel);
    QTemporaryDir m_settingsDir;
};

void TestMerchantScreenshots::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestMerchantScreenshots::keep(QWidget *widget, const QString &name, const QString &language)
{
    QCoreApplication::sendPostedEvents();
    QTest::qWait(50);
    const QPixmap picture = widget->grab();
    QVERIFY(!picture.isNull());
    const QString directory = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(picture.save(QStringLiteral("%1/%2-%3.png").arg(directory, name, language)));
}

void TestMerchantScreenshots::nothingCutOff(QWidget *panel)
{
    // Every tab's title is on screen, none behind the tab bar's scroll buttons.
    auto *tabs = qobject_cast<QTabWidget *>(panel->parentWidget()->parentWidget());
    QVERIFY(tabs);
    QVERIFY2(tabs->tabBar()->sizeHint().width() <= tabs->width(),
             qPrintable(QStringLiteral("the tabs do not fit: %1 px in %2")
                                .arg(tabs->tabBar()->sizeHint().width())
                                .arg(tabs->width())));
    for (const QLabel *label : panel->findChildren<QLabel *>()) {
        if (!label->isVisible() || label->wordWrap() || label->text().isEmpty())
            continue;
        QVERIFY2(label->width() >= label->sizeHint().width(),
                 qPrintable(QStringLiteral("\"%1\" is cut off").arg(label->text())));
    }
}

void TestMerchantScreenshots::rendersInBothLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

void TestMerchantScreenshots::rendersInBothLanguages()
{
    QFETCH(QString, language);
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    Translations::install(*qApp, language);

    test::StoreFixture fixture;
    QVERIFY(fixture.isOpen());
    const test::DemoBook book = test::seedDemoBook(fixture.db(), 60);
    const test::DemoMerchantDetail detail = test::seedMerchantDetail(fixture.db(), book);
    QVERIFY(test::confirmAllEdits(fixture.db()));

    CustomerWorkspace workspace(fixture.db(), Role::SalesRep, book.repWang);
    workspace.resize(1280, 760);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workspace));
    workspace.openCustomer(book.teaMerchant);
    QVERIFY(workspace.isShowingCustomer());
    CustomerView *view = workspace.customerView();
    auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("customerTabs"));
    MerchantTabs *merchant = view->merchantTabs();

    tabs->setCurrentWidget(merchant->merchant());
    keep(&workspace, QStringLiteral("customer-merchant"), language);
    nothingCutOff(merchant->merchant());

    tabs->setCurrentWidget(merchant->volume());
    keep(&workspace, QStringLiteral("customer-volume"), language);
    nothingCutOff(merchant->volume());

    // A merchant being onboarded: one item handed in on this computer, not yet synced.
    QVERIFY(KycChecklistRepository(fixture.db())
                    .move(detail.onboardingMerchant, KycItemKind::SettlementAccountProof,
                          KycItemState::Submitted, QStringLiteral("银行开户许可证复印件已收"),
                          Role::SalesRep, book.repWang));
    workspace.openCustomer(detail.onboardingMerchant);
    tabs->setCurrentWidget(merchant->checklist());
    merchant->checklist()->table()->selectRow(3);
    keep(&workspace, QStringLiteral("customer-kyc"), language);
    nothingCutOff(merchant->checklist());
}

QTEST_MAIN(TestMerchantScreenshots)
#include "tst_merchantscreenshots.moc"
