// SPDX-License-Identifier: GPL-3.0-or-later
// Which tasks get a reminder, on fixed clocks: 15 minutes before they are due or at their own
// reminder time, newly overdue ones, once per due time (across restarts too), again after a
// reschedule, and never someone else's, a done one or one overdue for long.
#include "DemoData.h"
#include "StoreFixture.h"
#include "repositories/TaskRepository.h"
#include "tasks/TaskReminders.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace branchline;

namespace {

const QDateTime nine(QDate(2026, 11, 25), QTime(9, 0), Qt::UTC);
const QString me = QStringLiteral("user-me");

QStringList titles(const QList<TaskReminder> &reminders)
{
    QStringList result;
    for (const TaskReminder &reminder : reminders)
        result << reminder.row.task.title;
    return result;
}

} // namespace

class TestTaskReminders : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void remindsFifteenMinutesBefore();
    void remindsAtItsOwnReminderTime();
    void remindsNewlyOverdueOnce();
    void leavesLongOverdueAlone();
    void remembersAcrossRestarts();
    void remindsAgainAfterReschedule();
    void onlyMyOpenTasksWithADueTime();
    void forgetsWhatCanNeverComeAgain();

private:
    QString addTask(const QString &title, const QDateTime &due, const QString &owner = me,
                    TaskStatus status = TaskStatus::Open, const QDateTime &reminder = {});
    std::unique_ptr<test::StoreFixture> m_fixture;
};

void TestTaskReminders::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
}

void TestTaskReminders::cleanup()
{
    m_fixture.reset();
}

QString TestTaskReminders::addTask(const QString &title, const QDateTime &due, const QString &owner,
                                   TaskStatus status, const QDateTime &reminder)
{
    Task task;
    task.title = title;
    task.dueAt = due;
    task.ownerId = owner;
    task.status = status;
    task.reminderAt = reminder;
    if (!TaskRepository(m_fixture->db()).insert(task))
        return QString();
    return task.meta.id;
}

void TestTaskReminders::remindsFifteenMinutesBefore()
{
    addTask(QStringLiteral("10:00 电话回访"), nine.addSecs(3600));
    addTask(QStringLiteral("09:20 上门"), nine.addSecs(20 * 60));
    TaskReminders reminders(m_fixture->db(), me);
    QVERIFY(reminders.take(nine).isEmpty());
    QVERIFY(reminders.take(nine.addSecs(4 * 60 + 59)).isEmpty());
    const QList<TaskReminder> due = reminders.take(nine.addSecs(5 * 60));
    QCOMPARE(titles(due), QStringList{ QStringLiteral("09:20 上门") });
    QVERIFY(!due.first().overdue);
    // Once: not again a minute later, nor when it goes overdue.
    QVERIFY(reminders.take(nine.addSecs(6 * 60)).isEmpty());
    QVERIFY(reminders.take(nine.addSecs(21 * 60)).isEmpty());
    QCOMPARE(titles(reminders.take(nine.addSecs(45 * 60))),
             QStringList{ QStringLiteral("10:00 电话回访") });
}

void TestTaskReminders::remindsAtItsOwnReminderTime()
{
    // A visit across town: remind an hour ahead, not 15 minutes.
    addTask(QStringLiteral("萧山上门"), nine.addSecs(2 * 3600), me, TaskStatus::Open,
            nine.addSecs(3600));
    // A reminder set closer than 15 minutes is kept too.
    addTask(QStringLiteral("临时电话"), nine.addSecs(3 * 3600), me, TaskStatus::Open,
            nine.addSecs(3 * 3600 - 5 * 60));
    TaskReminders reminders(m_fixture->db(), me);
    QVERIFY(reminders.take(nine.addSecs(3599)).isEmpty());
    QCOMPARE(titles(reminders.take(nine.addSecs(3600))), QStringList{ QStringLiteral("萧山上门") });
    QVERIFY(reminders.take(nine.addSecs(3 * 3600 - 15 * 60)).isEmpty());
    QCOMPARE(titles(reminders.take(nine.addSecs(3 * 3600 - 5 * 60))),
             QStringList{ QStringLiteral("临时电话") });
}

void TestTaskReminders::remindsNewlyOverdueOnce()
{
    // Due at 8:30 while the computer was off.
    addTask(QStringLiteral("提交审批材料"), nine.addSecs(-30 * 60));
    TaskReminders reminders(m_fixture->db(), me);
    const QList<TaskReminder> due = reminders.take(nine);
    QCOMPARE(titles(due), QStringList{ QStringLiteral("提交审批材料") });
    QVERIFY(due.first().overdue);
    QVERIFY(reminders.take(nine.addSecs(60)).isEmpty());
}

void TestTaskReminders::leavesLongOverdueAlone()
{
    addTask(QStringLiteral("上周的任务"), nine.addDays(-7));
    addTask(QStringLiteral("昨晚的任务"), nine.addSecs(-TaskReminders::overdueWindowSeconds - 60));
    addTask(QStringLiteral("今早的任务"), nine.addSecs(-TaskReminders::overdueWindowSeconds + 60));
    TaskReminders reminders(m_fixture->db(), me);
    QCOMPARE(titles(reminders.take(nine)), QStringList{ QStringLiteral("今早的任务") });
}

void TestTaskReminders::remembersAcrossRestarts()
{
    addTask(QStringLiteral("09:10 电话"), nine.addSecs(10 * 60));
    {
        TaskReminders first(m_fixture->db(), me);
        QCOMPARE(first.take(nine).size(), 1);
    }
    TaskReminders afterRestart(m_fixture->db(), me);
    QVERIFY(afterRestart.take(nine.addSecs(60)).isEmpty());
    QVERIFY(afterRestart.take(nine.addSecs(11 * 60)).isEmpty()); // nor once it is overdue
}

void TestTaskReminders::remindsAgainAfterReschedule()
{
    const QString id = addTask(QStringLiteral("季度回访"), nine.addSecs(10 * 60));
    TaskReminders reminders(m_fixture->db(), me);
    QCOMPARE(reminders.take(nine).size(), 1);
    QVERIFY(TaskRepository(m_fixture->db()).reschedule(id, nine.addSecs(2 * 3600)));
    QVERIFY(reminders.take(nine.addSecs(3600)).isEmpty());
    QCOMPARE(titles(reminders.take(nine.addSecs(2 * 3600 - 15 * 60))),
             QStringList{ QStringLiteral("季度回访") });
}

void TestTaskReminders::onlyMyOpenTasksWithADueTime()
{
    addTask(QStringLiteral("同事的"), nine.addSecs(5 * 60), QStringLiteral("user-other"));
    addTask(QStringLiteral("已完成"), nine.addSecs(5 * 60), me, TaskStatus::Done);
    addTask(QStringLiteral("已取消"), nine.addSecs(5 * 60), me, TaskStatus::Cancelled);
    addTask(QStringLiteral("没有日期"), QDateTime());
    addTask(QStringLiteral("我的"), nine.addSecs(5 * 60));
    TaskReminders reminders(m_fixture->db(), me);
    QCOMPARE(titles(reminders.take(nine)), QStringList{ QStringLiteral("我的") });
}

void TestTaskReminders::forgetsWhatCanNeverComeAgain()
{
    const QString early = addTask(QStringLiteral("早"), nine.addSecs(5 * 60));
    const QString late = addTask(QStringLiteral("晚"), nine.addDays(1));
    TaskReminders reminders(m_fixture->db(), me);
    QCOMPARE(reminders.take(nine).size(), 1);
    QCOMPARE(reminders.take(nine.addDays(1)).size(), 1);
    QSqlQuery query(m_fixture->db());
    QVERIFY(query.exec(
            QStringLiteral("SELECT value FROM store_meta WHERE key = 'tasks.reminded'")));
    QVERIFY(query.next());
    const QJsonObject ledger = QJsonDocument::fromJson(query.value(0).toByteArray()).object();
    QVERIFY(!ledger.contains(early)); // due a day ago: past the overdue window
    QVERIFY(ledger.contains(late));
    QVERIFY(!query.value(0).toString().contains(QStringLiteral("晚"))); // ids, never titles
}

QTEST_GUILESS_MAIN(TestTaskReminders)
#include "tst_taskreminders.moc"
