// SPDX-License-Identifier: GPL-3.0-or-later
// The Tasks section clicked and typed through offscreen: complete a task with Space and with
// its check box (completed and pending at once, in the store and the outbox), undo, move it
// to tomorrow and to a picked time (a past one refused), open its customer, overdue
// highlighting in light and dark palettes, and reminders as the notifier would show them.
#include "DemoData.h"
#include "DesktopReminders.h"
#include "ReminderController.h"
#include "RescheduleDialog.h"
#include "StatusBarNotifier.h"
#include "StoreFixture.h"
#include "TaskActions.h"
#include "TaskItemDelegate.h"
#include "TasksPage.h"
#include "Tones.h"
#include "itemmodels/TaskAgendaModel.h"
#include "repositories/CustomerRepository.h"
#include "repositories/TaskRepository.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <cmath>

using namespace branchline;

namespace {

const QDateTime wednesday(QDate(2026, 11, 25), QTime(10, 0));
const QString me = QStringLiteral("user-wang");

QDateTime at(int days, int hour, int minute = 0)
{
    return QDateTime(wednesday.date().addDays(days), QTime(hour, minute));
}

double luminance(const QColor &colour)
{
    const auto channel = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

class RecordingNotifier : public TaskNotifier
{
public:
    void notify(const TaskNotice &notice) override { shown << notice; }
    QList<TaskNotice> shown;
};

} // namespace

class TestTasksPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void completeWithSpaceThenUndo();
    void completeWithTheCheckBox();
    void rescheduleTomorrowAndPicked();
    void overdueIsHighlightedInEveryPalette();
    void opensTheTasksCustomer();
    void remindersGoToTheNotifier();
    void remindersFallBackToTheStatusBar();

private:
    QString addTask(const QString &title, const QDateTime &due, const QString &customerId = {},
                    TaskPriority priority = TaskPriority::Normal);
    void openPage();
    void selectTask(const QString &taskId);
    QStringList outbox(const QString &taskId) const;

    std::unique_ptr<test::StoreFixture> m_fixture;
    std::unique_ptr<TasksPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QString m_customer;
    QString m_late;
    QString m_today;
    QString m_loose;
};

void TestTasksPage::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
    Customer tea = test::merchant(QStringLiteral("杭州西湖龙井茶叶有限公司"));
    QVERIFY(CustomerRepository(m_fixture->db()).insert(tea));
    m_customer = tea.meta.id;
    m_late = addTask(QStringLiteral("提交费率调整审批材料"), at(-2, 9), m_customer,
                     TaskPriority::High);
    m_today = addTask(QStringLiteral("电话回访扫码体验"), at(0, 15), m_customer);
    addTask(QStringLiteral("季度回访：春茶季交易复盘"), at(5, 14), m_customer);
    m_loose = addTask(QStringLiteral("整理名片"), QDateTime());
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
}

void TestTasksPage::cleanup()
{
    m_tester.reset();
    m_page.reset();
    m_fixture.reset();
}

QString TestTasksPage::addTask(const QString &title, const QDateTime &due,
                               const QString &customerId, TaskPriority priority)
{
    Task task;
    task.title = title;
    task.dueAt = due;
    task.ownerId = me;
    task.priority = priority;
    if (!customerId.isEmpty()) {
        task.relatedTable = QStringLiteral("customers");
        task.relatedId = customerId;
    }
    return TaskRepository(m_fixture->db()).insert(task) ? task.meta.id : QString();
}

void TestTasksPage::openPage()
{
    m_page = std::make_unique<TasksPage>(m_fixture->db(), me);
    m_tester = std::make_unique<QAbstractItemModelTester>(
            m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_page->model()->setNow(wednesday);
    m_page->refresh();
    m_page->resize(1000, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->view()->setFocus();
}

void TestTasksPage::selectTask(const QString &taskId)
{
    QTreeView *view = m_page->view();
    const QModelIndex index = m_page->model()->indexOf(taskId, TaskAgendaModel::Due);
    QVERIFY(index.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QCOMPARE(m_page->currentTaskId(), taskId);
}

QStringList TestTasksPage::outbox(const QString &taskId) const
{
    QSqlQuery query(m_fixture->db());
    query.prepare(QStringLiteral("SELECT op, fields FROM outbox WHERE table_name = 'tasks' AND "
                                 "record_id = ? ORDER BY mutation"));
    query.addBindValue(taskId);
    QStringList rows;
    if (query.exec())
        while (query.next())
            rows << query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString();
    return rows;
}

void TestTasksPage::completeWithSpaceThenUndo()
{
    openPage();
    QSignalSpy pending(m_page.get(), &TasksPage::pendingEditsChanged);
    selectTask(m_late);
    QCOMPARE(m_page->actions()->complete()->text(), QStringLiteral("Complete"));
    QTest::keyClick(m_page->view(), Qt::Key_Space);

    // Shown at once: completed (struck through), pending, in its place.
    const QModelIndex row = m_page->model()->indexOf(m_late);
    QVERIFY(row.data(TaskAgendaModel::DoneRole).toBool());
    QVERIFY(row.data(TaskAgendaModel::PendingRole).toBool());
    QCOMPARE(row.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(row.parent().data(TaskAgendaModel::BucketRole).toInt(), int(DueBucket::Overdue));
    auto *delegate = qobject_cast<TaskItemDelegate *>(m_page->view()->itemDelegate());
    QVERIFY(delegate->styleFor(row, m_page->palette()).font.strikeOut());
    QVERIFY(!delegate->styleFor(row, m_page->palette()).icon.isNull()); // the pending dot
    QCOMPARE(m_page->currentTaskId(), m_late);
    QCOMPARE(m_page->actions()->complete()->text(), QStringLiteral("Reopen"));
    QCOMPARE(pending.count(), 1);
    // Saved with its outbox row.
    QCOMPARE(TaskRepository(m_fixture->db()).find(m_late)->status, TaskStatus::Done);
    QCOMPARE(outbox(m_late).size(), 1);
    QVERIFY(outbox(m_late).first().contains(QStringLiteral("\"status\":\"done\"")));

    QVERIFY(m_page->actions()->undo()->isEnabled());
    QVERIFY(m_page->actions()->undo()->text().contains(QStringLiteral("提交费率调整审批材料")));
    QTest::keyClick(m_page->view(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!m_page->model()->indexOf(m_late).data(TaskAgendaModel::DoneRole).toBool());
    QCOMPARE(TaskRepository(m_fixture->db()).find(m_late)->status, TaskStatus::Open);
    QCOMPARE(outbox(m_late).size(), 2);
    QVERIFY(!m_page->actions()->undo()->isEnabled());
    QCOMPARE(pending.count(), 2);
}

void TestTasksPage::completeWithTheCheckBox()
{
    openPage();
    QTreeView *view = m_page->view();
    const QModelIndex title = m_page->model()->indexOf(m_today);
    auto *delegate = qobject_cast<TaskItemDelegate *>(view->itemDelegate());
    QStyleOptionViewItem option = delegate->styleFor(title, view->palette());
    option.rect = view->visualRect(title);
    const QRect box =
            view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, view);
    QVERIFY(box.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, box.center());
    QTRY_VERIFY(m_page->model()->indexOf(m_today).data(TaskAgendaModel::DoneRole).toBool());
    QCOMPARE(TaskRepository(m_fixture->db()).find(m_today)->status, TaskStatus::Done);
    // A click is undone like the shortcut.
    QVERIFY(m_page->actions()->undo()->isEnabled());
    m_page->actions()->undo()->trigger();
    QCOMPARE(TaskRepository(m_fixture->db()).find(m_today)->status, TaskStatus::Open);
}

void TestTasksPage::rescheduleTomorrowAndPicked()
{
    openPage();
    selectTask(m_late);
    QTest::keyClick(m_page->view(), Qt::Key_T, Qt::ControlModifier);
    QModelIndex row = m_page->model()->indexOf(m_late);
    QCOMPARE(row.data(TaskAgendaModel::BucketRole).toInt(), int(DueBucket::Tomorrow));
    QCOMPARE(row.data(TaskAgendaModel::DueAtRole).toDateTime(), at(1, 9)); // same time of day
    QVERIFY(row.data(TaskAgendaModel::PendingRole).toBool());
    QVERIFY(!row.data(TaskAgendaModel::OverdueRole).toBool());
    QCOMPARE(m_page->currentTaskId(), m_late); // still selected in its new group
    QCOMPARE(TaskRepository(m_fixture->db()).find(m_late)->dueAt, at(1, 9));
    QCOMPARE(outbox(m_late).size(), 1);

    QTest::keyClick(m_page->view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_page->model()->indexOf(m_late).data(TaskAgendaModel::BucketRole).toInt(),
             int(DueBucket::Overdue));
    QCOMPARE(TaskRepository(m_fixture->db()).find(m_late)->dueAt, at(-2, 9));

    // Ctrl+E: a time that has passed is refused and the dialog stays.
    QTest::keyClick(m_page->view(), Qt::Key_E, Qt::ControlModifier);
    RescheduleDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<RescheduleDialog *>()) && dialog->isVisible());
    dialog->editor()->setDateTime(at(-1, 9));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    auto *message = dialog->findChild<QLabel *>(QStringLiteral("message"));
    QVERIFY(message->isVisible());
    QVERIFY(message->text().contains(QStringLiteral("passed")));
    QCOMPARE(TaskRepository(m_fixture->db()).find(m_late)->dueAt, at(-2, 9));

    dialog->editor()->setDateTime(at(2, 16, 30));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!m_page->findChild<RescheduleDialog *>());
    row = m_page->model()->indexOf(m_late);
    QCOMPARE(row.data(TaskAgendaModel::DueAtRole).toDateTime(), at(2, 16, 30));
    QCOMPARE(row.data(TaskAgendaModel::BucketRole).toInt(), int(DueBucket::ThisWeek));
    QCOMPARE(TaskRepository(m_fixture->db()).find(m_late)->dueAt, at(2, 16, 30));

    // The quick choice in the dialog: next week, at the task's time.
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    selectTask(m_today);
    QTest::keyClick(m_page->view(), Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY((dialog = m_page->findChild<RescheduleDialog *>()) && dialog->isVisible());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("nextWeek")), Qt::LeftButton);
    QTRY_COMPARE(TaskRepository(m_fixture->db()).find(m_today)->dueAt, at(5, 15));
}

void TestTasksPage::overdueIsHighlightedInEveryPalette()
{
    openPage();
    TaskAgendaModel *model = m_page->model();
    const QModelIndex late = model->indexOf(m_late, TaskAgendaModel::Due);
    const QModelIndex today = model->indexOf(m_today, TaskAgendaModel::Due);
    QVERIFY(late.data(TaskAgendaModel::OverdueRole).toBool());
    QVERIFY(late.parent().data(TaskAgendaModel::OverdueRole).toBool()); // its group's heading
    QVERIFY(!today.data(TaskAgendaModel::OverdueRole).toBool());
    QCOMPARE(late.parent().data().toString(), QStringLiteral("Overdue (1)"));

    auto *delegate = qobject_cast<TaskItemDelegate *>(m_page->view()->itemDelegate());
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, QColor(0x1f, 0x1f, 0x1f));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    for (const QPalette &palette : { light, dark }) {
        const QStyleOptionViewItem overdue = delegate->styleFor(late, palette);
        const QColor red = overdue.palette.color(QPalette::Text);
        QCOMPARE(red, Tones::colour(Tone::Error, palette));
        QVERIFY2(contrast(red, palette.color(QPalette::Base)) >= 4.5,
                 qPrintable(red.name() + QLatin1String(" on ")
                            + palette.color(QPalette::Base).name()));
        QVERIFY(overdue.font.bold());
        QVERIFY(overdue.backgroundBrush.style() != Qt::NoBrush);
        // Not overdue: the palette's own text colour, no wash.
        const QStyleOptionViewItem normal = delegate->styleFor(today, palette);
        QCOMPARE(normal.palette.color(QPalette::Text), palette.color(QPalette::Text));
        QCOMPARE(normal.backgroundBrush.style(), Qt::NoBrush);
    }
    QVERIFY(Tones::colour(Tone::Error, light) != Tones::colour(Tone::Error, dark));

    // Time passes: the afternoon call turns overdue on the next reload.
    model->setNow(at(0, 15, 1));
    QVERIFY(model->groupingOutdated(model->now()));
    m_page->refresh();
    QVERIFY(model->indexOf(m_today).data(TaskAgendaModel::OverdueRole).toBool());
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Overdue (2)"));
}

void TestTasksPage::opensTheTasksCustomer()
{
    openPage();
    QSignalSpy opened(m_page.get(), &TasksPage::customerOpened);
    selectTask(m_today);
    QVERIFY(m_page->actions()->openCustomer()->isEnabled());
    QTest::keyClick(m_page->view(), Qt::Key_Return);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().first().toString(), m_customer);

    selectTask(m_loose); // about nothing
    QVERIFY(!m_page->actions()->openCustomer()->isEnabled());
    QTest::keyClick(m_page->view(), Qt::Key_Return);
    QCOMPARE(opened.count(), 1);
    QVERIFY(m_page->noticeText().contains(QStringLiteral("not about a customer")));
}

void TestTasksPage::remindersGoToTheNotifier()
{
    const QString soon =
            addTask(QStringLiteral("上门核对终端"), wednesday.addSecs(10 * 60), m_customer);
    RecordingNotifier notifier;
    ReminderController reminders(m_fixture->db(), me);
    reminders.setNotifier(&notifier);
    QDateTime now = wednesday;
    reminders.setClock([&now] { return now; });
    reminders.check();
    QCOMPARE(notifier.shown.size(), 1);
    const TaskNotice notice = notifier.shown.first();
    QCOMPARE(notice.title, QStringLiteral("上门核对终端"));
    QVERIFY(notice.message.startsWith(QStringLiteral("Due ")));
    QVERIFY(notice.message.contains(QStringLiteral("杭州西湖龙井茶叶有限公司")));
    QCOMPARE(notice.taskId, soon);
    reminders.check(); // once
    QCOMPARE(notifier.shown.size(), 1);

    // The afternoon call at 14:45, and three more at once become one notice.
    now = at(0, 14, 45);
    reminders.check();
    QCOMPARE(notifier.shown.size(), 2);
    QCOMPARE(notifier.shown.last().taskId, m_today);
    for (int i = 0; i < 3; ++i)
        addTask(QStringLiteral("批量任务%1").arg(i), at(0, 16, i));
    now = at(0, 15, 50);
    reminders.check();
    QCOMPARE(notifier.shown.size(), 3);
    QCOMPARE(notifier.shown.last().title, QStringLiteral("3 task(s) need your attention"));
    QVERIFY(notifier.shown.last().message.contains(QStringLiteral("批量任务0")));

    // Clicking a reminder shows the task on the page.
    openPage();
    m_page->showTask(soon);
    QCOMPARE(m_page->currentTaskId(), soon);
}

void TestTasksPage::remindersFallBackToTheStatusBar()
{
    addTask(QStringLiteral("上门核对终端"), QDateTime::currentDateTimeUtc().addSecs(5 * 60));
    QMainWindow window;
    DesktopReminders reminders(m_fixture->db(), me, window.statusBar());
    // The offscreen platform has no tray: reminders go to the status bar instead.
    QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
    QVERIFY(!reminders.usesTray());
    reminders.start();
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("上门核对终端")));
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Reminder: ")));
}

QTEST_MAIN(TestTasksPage)
#include "tst_taskspage.moc"
