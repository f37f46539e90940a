// SPDX-License-Identifier: GPL-3.0-or-later
// The Tasks section rendered as a sales rep sees it, in English and in Chinese: every group,
// an overdue task, one completed today, one edit waiting for the server, and the reschedule
// dialog. With BRANCHLINE_SCREENSHOT_DIR set, the pictures are kept for docs/screenshots.
#include "DemoData.h"
#include "RescheduleDialog.h"
#include "StoreFixture.h"
#include "TaskActions.h"
#include "TasksPage.h"
#include "Translations.h"
#include "itemmodels/TaskAgendaModel.h"
#include "repositories/ContactRepository.h"
#include "repositories/LeadRepository.h"
#include "repositories/TaskRepository.h"

#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace branchline;

namespace {

// A Wednesday morning, so every group has something in it.
const QDateTime wednesday(QDate(2026, 11, 25), QTime(10, 0));

QDateTime at(int days, int hour, int minute = 0)
{
    return QDateTime(wednesday.date().addDays(days), QTime(hour, minute));
}

} // namespace

class TestTasksScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rendersInBothLanguages_data();
    void rendersInBothLanguages();

private:
    void keep(QWidget *widget, const QString &name, const QString &language);
    QString seed(const QSqlDatabase &db);
    QTemporaryDir m_settingsDir;
};

void TestTasksScreenshots::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestTasksScreenshots::keep(QWidget *widget, const QString &name, const QString &language)
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

// The demo book's three tasks of 王磊 at the tea merchant, and a rep's usual week around them.
QString TestTasksScreenshots::seed(const QSqlDatabase &db)
{
    const test::DemoBook book = test::seedDemoBook(db, 12);
    TaskRepository tasks(db);
    // The demo book's tasks are due relative to the real clock: pin them to the picture's.
    const QList<QPair<QString, QDateTime>> pinned{
        { QStringLiteral("提交费率调整审批材料"), at(-2, 17) },
        { QStringLiteral("季度回访：春茶季交易复盘"), at(3, 14, 30) },
        { QStringLiteral("更新法人身份证有效期"), at(12, 9) }
    };
    for (const Task &task : tasks.page({ book.repWang, std::nullopt, QString() }, {}, 50, nullptr))
        for (const auto &pin : pinned)
            if (task.title == pin.first)
                tasks.reschedule(task.meta.id, pin.second);

    const auto add = [&](const QString &title, const QDateTime &due, const QString &table,
                         const QString &related, TaskPriority priority) {
        Task task;
        task.title = title;
        task.dueAt = due;
        task.ownerId = book.repWang;
        task.relatedTable = table;
        task.relatedId = related;
        task.priority = priority;
        tasks.insert(task);
        return task.meta.id;
    };
    const QString customers = QStringLiteral("customers");
    add(QStringLiteral("回访POS终端故障处理结果"), at(-1, 16), customers, book.customerIds.at(2),
        TaskPriority::Urgent);
    const QString call =
            add(QStringLiteral("电话确认五月新店开业时间"), at(0, 14), QStringLiteral("contacts"),
                ContactRepository(db).forCustomer(book.teaMerchant, {}, 1, nullptr).first().meta.id,
                TaskPriority::Normal);
    add(QStringLiteral("上门收取补充材料"), at(0, 16, 30), customers, book.borrower,
        TaskPriority::High);
    add(QStringLiteral("介绍扫码收单费率"), at(1, 10), QStringLiteral("leads"),
        LeadRepository(db).page({}, {}, 1, nullptr).first().meta.id, TaskPriority::Normal);
    add(QStringLiteral("季度风险复评材料准备"), at(20, 9), customers, book.customerIds.at(4),
        TaskPriority::Low);
    add(QStringLiteral("整理本月拜访记录"), QDateTime(), QString(), QString(),
        TaskPriority::Normal);
    const QString done = add(QStringLiteral("核对终端布放地址"), at(0, 9), customers,
                             book.teaMerchant, TaskPriority::Normal);
    tasks.complete(done, at(0, 9, 40));
    test::confirmAllEdits(db);
    // One edit made here that the server has not confirmed yet.
    tasks.reschedule(call, at(0, 15));
    return call;
}

void TestTasksScreenshots::rendersInBothLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("urgent");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Urgent");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("紧急");
}

void TestTasksScreenshots::rendersInBothLanguages()
{
    QFETCH(QString, language);
    QFETCH(QString, urgent);
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    Translations::install(*qApp, language);

    test::StoreFixture fixture;
    QVERIFY(fixture.isOpen());
    const QString call = seed(fixture.db());

    TasksPage page(fixture.db(), QStringLiteral("user-wang"));
    page.model()->setNow(wednesday);
    page.refresh();
    page.resize(1100, 640);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    // The overdue urgent call, in the page's language.
    const QModelIndex overdue = page.model()->index(0, 0);
    QCOMPARE(page.model()->index(1, TaskAgendaModel::Priority, overdue).data().toString(), urgent);
    QCOMPARE(page.model()->rowCount(), 7); // every group
    page.showTask(call);
    QCOMPARE(page.currentTaskId(), call);
    keep(&page, QStringLiteral("tasks"), language);

    page.actions()->pickDue()->trigger();
    RescheduleDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<RescheduleDialog *>()) && dialog->isVisible());
    keep(dialog, QStringLiteral("tasks-reschedule"), language);
    dialog->reject();
}

QTEST_MAIN(TestTasksScreenshots)
#include "tst_tasksscreenshots.moc"
