// SPDX-License-Identifier: GPL-3.0-or-later
// The conflict screen and the lost-race notice over real conflicts: two devices of one rep
// race on a field through the real branchline-server process, then the screen resolves the
// journal entry by clicking, and sync carries the choice to the other device.
#include "ConflictDetail.h"
#include "ConflictsPage.h"
#include "LoopbackDevice.h"
#include "LostRaceNotice.h"
#include "SeededServer.h"
#include "Translations.h"
#include "TypeText.h"
#include "conflicts/ConflictText.h"
#include "itemmodels/ConflictListModel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QSignalSpy>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTranslator>
#include <QVBoxLayout>

using namespace branchline;
using namespace branchline::sync;
using namespace branchline::test;

namespace {

void setLegalName(Customer &customer, const QString &value)
{
    customer.legalName = value;
}

int outboxResolves(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE op = 'resolve'"));
    return query.next() ? query.value(0).toInt() : -1;
}

QString labelText(QWidget *parent, const char *name)
{
    auto *label = parent->findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
}

} // namespace

class TestConflictScreen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void keepMineByClickReachesTheOtherDevice();
    void mergedValueIsCheckedThenSent();
    void lostRaceNoticeAppliesMineOnce();
    void rendersInBothLanguages_data();
    void rendersInBothLanguages();

private:
    // Two devices of zj.rep1; both edit `setter` of the first customer offline, the laptop
    // first, so the laptop's value loses. Returns the customer's id.
    QString race(CustomerSetter setter, const QString &laptopValue, const QString &tabletValue);

    std::unique_ptr<SeededServer> m_server;
    std::unique_ptr<LoopbackDevice> m_laptop;
    std::unique_ptr<LoopbackDevice> m_tablet;
    QString m_before;
};

void TestConflictScreen::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_conflictscreen"));
}

void TestConflictScreen::init()
{
    QSettings().clear();
    m_server = std::make_unique<SeededServer>(QStringLiteral("sqlite"), 20);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->failure()));
    m_laptop = std::make_unique<LoopbackDevice>(m_server->filePath(QStringLiteral("laptop.db")),
                                                m_server->url(), QStringLiteral("zj.rep1"));
    m_tablet = std::make_unique<LoopbackDevice>(m_server->filePath(QStringLiteral("tablet.db")),
                                                m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(m_laptop->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_tablet->syncNow(), SyncOutcome::Status::Done);
}

void TestConflictScreen::cleanup()
{
    m_laptop.reset();
    m_tablet.reset();
    m_server.reset();
}

QString TestConflictScreen::race(CustomerSetter setter, const QString &laptopValue,
                                 const QString &tabletValue)
{
    const QString id = m_laptop->firstCustomer();
    m_before = m_laptop->customer(id).legalName;
    if (!edit(*m_laptop, id, setter, laptopValue) || !edit(*m_tablet, id, setter, tabletValue))
        return QString();
    if (m_laptop->syncNow() != SyncOutcome::Status::Done
        || m_tablet->syncNow() != SyncOutcome::Status::Done
        || m_laptop->syncNow() != SyncOutcome::Status::Done)
        return QString();
    return id;
}

void TestConflictScreen::keepMineByClickReachesTheOtherDevice()
{
    const QString id = m_laptop->firstCustomer();
    const QString oldNotes = m_laptop->customer(id).notes;
    QCOMPARE(race(setNotes, QStringLiteral("笔记本的备注"), QStringLiteral("平板的备注")), id);

    ConflictsPage page(m_laptop->store.database(), Role::SalesRep, m_laptop->sync->userId());
    QAbstractItemModelTester tester(page.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(1000, 600);
    page.show();
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->unresolvedCount(), 1);
    QVERIFY(page.view()->currentIndex().isValid()); // the first entry is opened at once

    // Base (this device knows it), theirs and mine side by side.
    ConflictDetail *detail = page.detail();
    const QString base = labelText(detail, "baseValue");
    QCOMPARE(base, oldNotes.isEmpty() ? QStringLiteral("(empty)") : oldNotes);
    QCOMPARE(labelText(detail, "theirsValue"), QStringLiteral("平板的备注"));
    QCOMPARE(labelText(detail, "mineValue"), QStringLiteral("笔记本的备注"));

    // The same entry on the tablet, whose edit won: it knows the base from its own edit.
    // A third computer of the same rep gets the entry but made neither edit.
    ConflictsPage tabletPage(m_tablet->store.database(), Role::SalesRep,
                             m_tablet->sync->userId());
    QCOMPARE(tabletPage.model()->rowCount(), 1);
    QCOMPARE(labelText(tabletPage.detail(), "baseValue"), base);
    LoopbackDevice desktop(m_server->filePath(QStringLiteral("desktop.db")), m_server->url(),
                           QStringLiteral("zj.rep1"));
    QCOMPARE(desktop.syncNow(), SyncOutcome::Status::Done);
    ConflictsPage desktopPage(desktop.store.database(), Role::SalesRep, desktop.sync->userId());
    QCOMPARE(desktopPage.model()->rowCount(), 1);
    QCOMPARE(labelText(desktopPage.detail(), "baseValue"),
             ConflictDetail::tr("Not known on this computer"));
    QCOMPARE(labelText(desktopPage.detail(), "mineValue"), QStringLiteral("笔记本的备注"));

    QSignalSpy resolved(&page, &ConflictsPage::resolved);
    auto *keepMine = detail->findChild<QPushButton *>(QStringLiteral("keepMine"));
    QVERIFY(keepMine && keepMine->isVisible());
    QTest::mouseClick(keepMine, Qt::LeftButton);
    QCOMPARE(resolved.count(), 1);
    QCOMPARE(page.model()->rowCount(), 0); // resolved entries are behind "Show resolved"
    QCOMPARE(outboxResolves(m_laptop->store.database()), 1);
    QCOMPARE(m_laptop->sync->unresolvedConflictCount(), 0);

    QCOMPARE(m_laptop->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_tablet->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_tablet->customer(id).notes, QStringLiteral("笔记本的备注"));
    QCOMPARE(m_laptop->customer(id).notes, QStringLiteral("笔记本的备注"));
    QCOMPARE(m_tablet->sync->unresolvedConflictCount(), 0);

    // Resolved entries stay readable, with what was chosen.
    page.refresh();
    auto *showResolved = page.findChild<QCheckBox *>(QStringLiteral("showResolved"));
    QVERIFY(showResolved);
    showResolved->setChecked(true);
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->index(0, ConflictListModel::WhatHappened).data().toString(),
             ConflictText::tr("Kept yours"));
    QVERIFY(!keepMine->isVisible());
}

void TestConflictScreen::mergedValueIsCheckedThenSent()
{
    const QString id = race(setLegalName, QStringLiteral("笔记本商户名"),
                            QStringLiteral("平板商户名"));
    QVERIFY(!id.isEmpty());
    ConflictsPage page(m_laptop->store.database(), Role::SalesRep, m_laptop->sync->userId());
    page.resize(1000, 600);
    page.show();
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(labelText(page.detail(), "baseValue"), m_before);

    auto *merged = page.detail()->findChild<QLineEdit *>(QStringLiteral("mergedValue"));
    QVERIFY(merged && merged->isVisible());
    QCOMPARE(merged->text(), QStringLiteral("笔记本商户名")); // starts from mine

    // A legal name may not be empty: said under the field, nothing saved.
    merged->clear();
    QTest::keyClick(merged, Qt::Key_Return);
    auto *problem = page.detail()->findChild<QLabel *>(QStringLiteral("error_merged"));
    QVERIFY(problem && problem->isVisible());
    QVERIFY(!problem->text().isEmpty());
    QCOMPARE(page.model()->unresolvedCount(), 1);
    QCOMPARE(outboxResolves(m_laptop->store.database()), 0);

    typeText(merged, QStringLiteral("合并后的商户名"));
    QTest::mouseClick(page.detail()->findChild<QPushButton *>(QStringLiteral("useMerged")),
                      Qt::LeftButton);
    QCOMPARE(page.model()->unresolvedCount(), 0);
    QCOMPARE(m_laptop->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_tablet->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_tablet->customer(id).legalName, QStringLiteral("合并后的商户名"));
    QCOMPARE(m_laptop->customer(id).legalName, QStringLiteral("合并后的商户名"));
}

void TestConflictScreen::lostRaceNoticeAppliesMineOnce()
{
    const QString id = race(setAddress, QStringLiteral("笔记本的地址"),
                            QStringLiteral("平板的地址"));
    QVERIFY(!id.isEmpty());
    LostRaceNotice notice(m_laptop->store.database(), m_laptop->sync->userId());
    QSignalSpy reapplied(&notice, &LostRaceNotice::reapplied);
    notice.check();
    QVERIFY(!notice.isHidden());
    QCOMPARE(notice.entries().size(), 1);
    QVERIFY(labelText(&notice, "lostRaceText").contains(m_laptop->customer(id).legalName));

    QTest::mouseClick(notice.findChild<QPushButton *>(QStringLiteral("reapplyMine")),
                      Qt::LeftButton);
    QCOMPARE(reapplied.count(), 1);
    QVERIFY(notice.isHidden());
    QCOMPARE(m_laptop->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_tablet->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_tablet->customer(id).address, QStringLiteral("笔记本的地址"));

    // Shown once: the next round finds nothing new.
    notice.check();
    QVERIFY(notice.isHidden());

    // A second loss is news again; dismissing it keeps it unresolved in the journal.
    QVERIFY(edit(*m_laptop, id, setNotes, QStringLiteral("又一次笔记本")));
    QVERIFY(edit(*m_tablet, id, setNotes, QStringLiteral("又一次平板")));
    QCOMPARE(m_laptop->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_tablet->syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(m_laptop->syncNow(), SyncOutcome::Status::Done);
    notice.check();
    QVERIFY(!notice.isHidden());
    QTest::mouseClick(notice.findChild<QPushButton *>(QStringLiteral("dismissNotice")),
                      Qt::LeftButton);
    QVERIFY(notice.isHidden());
    notice.check();
    QVERIFY(notice.isHidden());
    QCOMPARE(m_laptop->sync->unresolvedConflictCount(), 1);
}

void TestConflictScreen::rendersInBothLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("heading");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Conflicts");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("冲突");
}

// The screen with two entries and the notice above it, as the main window stacks them.
// With BRANCHLINE_SCREENSHOT_DIR set, the pictures go to docs/screenshots.
void TestConflictScreen::rendersInBothLanguages()
{
    QFETCH(QString, language);
    QFETCH(QString, heading);
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    Translations::install(*qApp, language);
    const QString id = race(setNotes, QStringLiteral("周三上午再次拜访，带上新的费率表"),
                            QStringLiteral("老板说下周才有空，改约周五"));
    QVERIFY(!id.isEmpty());
    QVERIFY(!race(setAddress, QStringLiteral("西湖区文三路 90 号 2 楼"),
                  QStringLiteral("西湖区文三路 90 号")).isEmpty());

    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *notice = new LostRaceNotice(m_laptop->store.database(), m_laptop->sync->userId());
    auto *page = new ConflictsPage(m_laptop->store.database(), Role::SalesRep,
                                   m_laptop->sync->userId());
    layout->addWidget(notice);
    layout->addWidget(page, 1);
    notice->check();
    page->showConflict(page->model()->entry(page->model()->rowCount() - 1).id);
    window.resize(1180, 560);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(labelText(page, "conflictsHeading").startsWith(heading));
    QCoreApplication::sendPostedEvents();
    QTest::qWait(50);
    const QPixmap picture = window.grab();
    QVERIFY(!picture.isNull());
    const QString directory = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(picture.save(QStringLiteral("%1/conflicts-%2.png").arg(directory, language)));
    Translations::install(*qApp, QStringLiteral("en"));
}

QTEST_MAIN(TestConflictScreen)
#include "tst_conflictscreen.moc"
