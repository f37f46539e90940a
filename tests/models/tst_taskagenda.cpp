// SPDX-License-Identifier: GPL-3.0-or-later
// The tasks screen's model and rules: groups by due date on the person's calendar, the quick
// reschedule choices, what a task is about, paging under QAbstractItemModelTester, and
// completing, undoing and rescheduling as store writes with their outbox rows.
#include "DemoData.h"
#include "StoreFixture.h"
#include "itemmodels/TaskAgendaModel.h"
#include "repositories/ContactRepository.h"
#include "repositories/CustomerRepository.h"
#include "repositories/LeadRepository.h"
#include "repositories/TaskRepository.h"
#include "tasks/DueDateChoices.h"
#include "tasks/DueText.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace branchline;

namespace {

// Wednesday 25 November 2026, 10:00 on the test machine's own clock.
const QDateTime wednesday(QDate(2026, 11, 25), QTime(10, 0));
const QString me = QStringLiteral("user-me");

QDateTime at(int days, int hour, int minute = 0)
{
    return QDateTime(wednesday.date().addDays(days), QTime(hour, minute));
}

} // namespace

class TestTaskAgenda : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void bucketsFollowTheCalendar_data();
    void bucketsFollowTheCalendar();
    void quickChoicesKeepTheTimeOfDay_data();
    void quickChoicesKeepTheTimeOfDay();
    void dueTextSaysTheDay();
    void groupsMyOpenTasksAndTodaysDone();
    void namesWhatATaskIsAbout();
    void loadsPageByPageIntoGroups();
    void completeAndUndoWriteTheOutbox();
    void rescheduleMovesTaskAndReminder();
    void timeOutdatesTheGrouping();

private:
    QString addTask(const QString &title, const QDateTime &due, const QString &owner = me,
                    TaskStatus status = TaskStatus::Open);
    QStringList outboxOps(const QString &taskId) const;
    std::unique_ptr<test::StoreFixture> m_fixture;
};

void TestTaskAgenda::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
}

void TestTaskAgenda::cleanup()
{
    m_fixture.reset();
}

QString TestTaskAgenda::addTask(const QString &title, const QDateTime &due, const QString &owner,
                                TaskStatus status)
{
    Task task;
    task.title = title;
    task.dueAt = due;
    task.ownerId = owner;
    task.status = status;
    if (status == TaskStatus::Done)
        task.completedAt = due;
    if (!TaskRepository(m_fixture->db()).insert(task))
        return QString();
    return task.meta.id;
}

QStringList TestTaskAgenda::outboxOps(const QString &taskId) const
{
    QSqlQuery query(m_fixture->db());
    query.prepare(QStringLiteral("SELECT op, fields FROM outbox WHERE table_name = 'tasks' AND "
                                 "record_id = ? ORDER BY mutation"));
    query.addBindValue(taskId);
    QStringList ops;
    if (query.exec())
        while (query.next())
            ops << query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString();
    return ops;
}

void TestTaskAgenda::bucketsFollowTheCalendar_data()
{
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("due");
    QTest::addColumn<bool>("done");
    QTest::addColumn<int>("firstDayOfWeek");
    QTest::addColumn<int>("bucket");
    const int monday = Qt::Monday;
    QTest::newRow("an hour ago") << wednesday << at(0, 9) << false << monday
                                 << int(DueBucket::Overdue);
    QTest::newRow("last week") << wednesday << at(-8, 9) << false << monday
                               << int(DueBucket::Overdue);
    QTest::newRow("tonight") << wednesday << at(0, 23, 59) << false << monday
                             << int(DueBucket::Today);
    QTest::newRow("tomorrow") << wednesday << at(1, 0) << false << monday
                              << int(DueBucket::Tomorrow);
    QTest::newRow("friday") << wednesday << at(2, 9) << false << monday << int(DueBucket::ThisWeek);
    QTest::newRow("sunday") << wednesday << at(4, 18) << false << monday
                            << int(DueBucket::ThisWeek);
    QTest::newRow("next monday") << wednesday << at(5, 9) << false << monday
                                 << int(DueBucket::Later);
    QTest::newRow("sunday, weeks from sunday")
            << wednesday << at(4, 18) << false << int(Qt::Sunday) << int(DueBucket::Later);
    QTest::newRow("saturday, weeks from sunday")
            << wednesday << at(3, 18) << false << int(Qt::Sunday) << int(DueBucket::ThisWeek);
    // On the week's last day, tomorrow is still "tomorrow", and the day after is later.
    QTest::newRow("sunday: monday")
            << at(4, 10) << at(5, 9) << false << monday << int(DueBucket::Tomorrow);
    QTest::newRow("sunday: tuesday")
            << at(4, 10) << at(6, 9) << false << monday << int(DueBucket::Later);
    QTest::newRow("no date") << wednesday << QDateTime() << false << monday
                             << int(DueBucket::NoDate);
    QTest::newRow("done, overdue")
            << wednesday << at(-1, 9) << true << monday << int(DueBucket::DoneToday);
}

void TestTaskAgenda::bucketsFollowTheCalendar()
{
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, due);
    QFETCH(bool, done);
    QFETCH(int, firstDayOfWeek);
    QFETCH(int, bucket);
    QCOMPARE(int(DueBuckets::of(due, done, now, Qt::DayOfWeek(firstDayOfWeek))), bucket);
    // UTC in the store, local on the screen: the same moment either way.
    QCOMPARE(int(DueBuckets::of(due.toUTC(), done, now.toUTC(), Qt::DayOfWeek(firstDayOfWeek))),
             bucket);
}

void TestTaskAgenda::quickChoicesKeepTheTimeOfDay_data()
{
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("due");
    QTest::addColumn<QDateTime>("tomorrow");
    QTest::addColumn<QDateTime>("nextWeek");
    QTest::newRow("a 14:30 call") << wednesday << at(0, 14, 30) << at(1, 14, 30) << at(5, 14, 30);
    QTest::newRow("overdue since last week") << wednesday << at(-9, 16) << at(1, 16) << at(5, 16);
    QTest::newRow("no due date: 9:00") << wednesday << QDateTime() << at(1, 9) << at(5, 9);
    QTest::newRow("on a monday") << at(-2, 8) << at(-2, 11) << at(-1, 11) << at(5, 11);
    QTest::newRow("on a sunday") << at(4, 20) << at(4, 21) << at(5, 21) << at(5, 21);
}

void TestTaskAgenda::quickChoicesKeepTheTimeOfDay()
{
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, due);
    QFETCH(QDateTime, tomorrow);
    QFETCH(QDateTime, nextWeek);
    QCOMPARE(DueDateChoices::tomorrow(due, now), tomorrow);
    QCOMPARE(DueDateChoices::nextWeek(due, now), nextWeek);
    QCOMPARE(DueDateChoices::nextWeek(due, now).date().dayOfWeek(), int(Qt::Monday));
}

void TestTaskAgenda::dueTextSaysTheDay()
{
    const QLocale locale;
    const QString time = locale.toString(QTime(14, 0), QLocale::ShortFormat);
    QCOMPARE(DueText::of(at(0, 14), wednesday), time);
    QCOMPARE(DueText::of(at(1, 14), wednesday), QStringLiteral("Tomorrow ") + time);
    QCOMPARE(DueText::of(at(-1, 14), wednesday), QStringLiteral("Yesterday ") + time);
    QCOMPARE(DueText::of(at(2, 14), wednesday),
             locale.dayName(Qt::Friday, QLocale::ShortFormat) + QLatin1Char(' ') + time);
    // Two days ago is a date, never a weekday that reads like next week's.
    QVERIFY(DueText::of(at(-2, 14), wednesday)
                    .startsWith(locale.toString(at(-2, 14).date(), QLocale::ShortFormat)));
    QVERIFY(DueText::of(at(30, 14), wednesday)
                    .startsWith(locale.toString(at(30, 14).date(), QLocale::ShortFormat)));
    QVERIFY(DueText::of(QDateTime(), wednesday).isEmpty());
}

void TestTaskAgenda::groupsMyOpenTasksAndTodaysDone()
{
    const QString late = addTask(QStringLiteral("提交费率调整材料"), at(-2, 9));
    addTask(QStringLiteral("下午回访"), at(0, 15));
    addTask(QStringLiteral("明天上门"), at(1, 10));
    addTask(QStringLiteral("周五复盘"), at(2, 16));
    addTask(QStringLiteral("月底对账"), at(20, 9));
    addTask(QStringLiteral("有空整理名片"), QDateTime());
    addTask(QStringLiteral("今天已完成"), at(0, 8), me, TaskStatus::Done);
    addTask(QStringLiteral("昨天已完成"), at(-1, 8), me, TaskStatus::Done); // not today's
    addTask(QStringLiteral("已取消"), at(0, 11), me, TaskStatus::Cancelled);
    addTask(QStringLiteral("同事的任务"), at(0, 12), QStringLiteral("user-other"));
    QVERIFY(test::confirmAllEdits(m_fixture->db()));

    TaskAgendaModel model(m_fixture->db(), me);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(wednesday);
    model.reload();
    QStringList groups;
    for (int g = 0; g < model.rowCount(); ++g)
        groups << model.index(g, 0).data().toString();
    QCOMPARE(groups,
             QStringList({ "Overdue (1)", "Today (1)", "Tomorrow (1)", "Later this week (1)",
                           "Later (1)", "No due date (1)", "Completed today (1)" }));
    QCOMPARE(model.taskCount(), 7);

    const QModelIndex overdue = model.indexOf(late);
    QCOMPARE(overdue.parent().row(), 0);
    QVERIFY(model.index(0, 0).data(TaskAgendaModel::IsGroupRole).toBool());
    QVERIFY(model.index(0, 0).data(TaskAgendaModel::OverdueRole).toBool());
    QVERIFY(overdue.data(TaskAgendaModel::OverdueRole).toBool());
    QCOMPARE(overdue.data(TaskAgendaModel::BucketRole).toInt(), int(DueBucket::Overdue));
    QCOMPARE(overdue.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(!overdue.data(TaskAgendaModel::PendingRole).toBool()); // all confirmed
    const QModelIndex today = model.index(0, TaskAgendaModel::Title, model.index(1, 0));
    QCOMPARE(today.data().toString(), QStringLiteral("下午回访"));
    QVERIFY(!today.data(TaskAgendaModel::OverdueRole).toBool());
    const QModelIndex done = model.index(0, 0, model.index(6, 0));
    QVERIFY(done.data(TaskAgendaModel::DoneRole).toBool());
    QVERIFY(!done.data(TaskAgendaModel::OverdueRole).toBool());
    QCOMPARE(done.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsSelectable)); // groups are headings
    QVERIFY(model.flags(overdue) & Qt::ItemIsUserCheckable);
}

void TestTaskAgenda::namesWhatATaskIsAbout()
{
    Customer tea = test::merchant(QStringLiteral("杭州西湖龙井茶叶有限公司"));
    QVERIFY(CustomerRepository(m_fixture->db()).insert(tea));
    Contact boss;
    boss.customerId = tea.meta.id;
    boss.name = QStringLiteral("王建华");
    QVERIFY(ContactRepository(m_fixture->db()).insert(boss));
    Lead lead;
    lead.name = QStringLiteral("刘海燕");
    lead.company = QStringLiteral("宁波鑫源餐饮");
    lead.phone = QStringLiteral("13757129876");
    QVERIFY(LeadRepository(m_fixture->db()).insert(lead));
    Lead converted;
    converted.name = QStringLiteral("陈志强");
    converted.phone = QStringLiteral("15068101234");
    converted.status = LeadStatus::Converted;
    converted.convertedCustomerId = tea.meta.id;
    QVERIFY(LeadRepository(m_fixture->db()).insert(converted));

    const struct
    {
        QString table;
        QString id;
        QString text;
        QString customer;
    } cases[] = {
        { "customers", tea.meta.id, "杭州西湖龙井茶叶有限公司", tea.meta.id },
        { "contacts", boss.meta.id, "王建华 (杭州西湖龙井茶叶有限公司)", tea.meta.id },
        { "leads", lead.meta.id, "Lead: 刘海燕, 宁波鑫源餐饮", QString() },
        { "leads", converted.meta.id, "Lead: 陈志强", tea.meta.id },
        { "customers", "not-on-this-computer", QString(), QString() },
    };
    TaskRepository tasks(m_fixture->db());
    QStringList ids;
    for (const auto &c : cases) {
        Task task;
        task.title = c.text.isEmpty() ? QStringLiteral("?") : c.text;
        task.ownerId = me;
        task.dueAt = at(0, 12).addSecs(int(ids.size()) * 60);
        task.relatedTable = c.table;
        task.relatedId = c.id;
        QVERIFY(tasks.insert(task));
        ids << task.meta.id;
    }
    TaskAgendaModel model(m_fixture->db(), me);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(wednesday);
    model.reload();
    for (int i = 0; i < ids.size(); ++i) {
        const QModelIndex related = model.indexOf(ids[i], TaskAgendaModel::Related);
        QCOMPARE(related.data().toString(), cases[i].text);
        QCOMPARE(related.data(TaskAgendaModel::CustomerIdRole).toString(), cases[i].customer);
        // Made on this computer and not yet confirmed: pending.
        QVERIFY(related.data(TaskAgendaModel::PendingRole).toBool());
    }
}

void TestTaskAgenda::loadsPageByPageIntoGroups()
{
    for (int i = 0; i < 7; ++i)
        QVERIFY(!addTask(QStringLiteral("逾期%1").arg(i), at(-1, 8 + i)).isEmpty());
    for (int i = 0; i < 4; ++i)
        QVERIFY(!addTask(QStringLiteral("以后%1").arg(i), at(10 + i, 9)).isEmpty());
    QVERIFY(!addTask(QStringLiteral("今天完成"), at(0, 8), me, TaskStatus::Done).isEmpty());

    TaskAgendaModel model(m_fixture->db(), me);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(wednesday);
    model.setPageSize(3);
    model.reload();
    // The first page, and today's done ones, which are few by nature.
    QCOMPARE(model.taskCount(), 4);
    QCOMPARE(model.rowCount(), 2);
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QCOMPARE(model.taskCount(), 12);
    QCOMPARE(model.rowCount(), 3); // overdue, later, done today
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Overdue (7)"));
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Later (4)"));
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("Completed today (1)"));
    const QModelIndex overdue = model.index(0, 0);
    for (int i = 0; i < 7; ++i) // in due order across pages
        QCOMPARE(model.index(i, 0, overdue).data().toString(), QStringLiteral("逾期%1").arg(i));
}

void TestTaskAgenda::completeAndUndoWriteTheOutbox()
{
    const QString id = addTask(QStringLiteral("提交费率调整材料"), at(-2, 9));
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
    TaskAgendaModel model(m_fixture->db(), me);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(wednesday);
    model.reload();
    QSignalSpy edited(&model, &TaskAgendaModel::taskEdited);
    QSignalSpy completion(&model, &TaskAgendaModel::completionChanged);
    QModelIndex task = model.indexOf(id);
    QVERIFY(!task.data(TaskAgendaModel::PendingRole).toBool());

    QVERIFY(model.setData(task, Qt::Checked, Qt::CheckStateRole));
    task = model.indexOf(id);
    QCOMPARE(task.parent().row(), 0); // it stays where it was, so it can be undone there
    QVERIFY(task.data(TaskAgendaModel::DoneRole).toBool());
    QVERIFY(task.data(TaskAgendaModel::PendingRole).toBool());
    QVERIFY(!task.data(TaskAgendaModel::OverdueRole).toBool());
    QCOMPARE(edited.count(), 1);
    QCOMPARE(completion.count(), 1);
    QCOMPARE(completion.first().at(1).toBool(), true);
    Task stored = *TaskRepository(m_fixture->db()).find(id);
    QCOMPARE(stored.status, TaskStatus::Done);
    QCOMPARE(stored.completedAt, wednesday);
    QStringList ops = outboxOps(id);
    QCOMPARE(ops.size(), 1);
    QVERIFY(ops[0].startsWith(QStringLiteral("update ")));
    QVERIFY(ops[0].contains(QStringLiteral("\"status\":\"done\"")));

    QVERIFY(model.setData(task, Qt::Unchecked, Qt::CheckStateRole));
    task = model.indexOf(id);
    QVERIFY(!task.data(TaskAgendaModel::DoneRole).toBool());
    QVERIFY(task.data(TaskAgendaModel::OverdueRole).toBool());
    stored = *TaskRepository(m_fixture->db()).find(id);
    QCOMPARE(stored.status, TaskStatus::Open);
    QVERIFY(!stored.completedAt.isValid());
    ops = outboxOps(id);
    QCOMPARE(ops.size(), 2);
    QVERIFY(ops[1].contains(QStringLiteral("\"status\":\"open\"")));
    QVERIFY(ops[1].contains(QStringLiteral("\"completed_at\":null")));

    // After the next reload a completed task is with today's done ones.
    QVERIFY(model.setCompleted(id, true));
    model.reload();
    QCOMPARE(model.indexOf(id).data(TaskAgendaModel::BucketRole).toInt(),
             int(DueBucket::DoneToday));
}

void TestTaskAgenda::rescheduleMovesTaskAndReminder()
{
    Task task;
    task.title = QStringLiteral("季度回访");
    task.ownerId = me;
    task.dueAt = at(-1, 14);
    task.reminderAt = at(-1, 13, 30);
    QVERIFY(TaskRepository(m_fixture->db()).insert(task));
    QVERIFY(test::confirmAllEdits(m_fixture->db()));
    TaskAgendaModel model(m_fixture->db(), me);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(wednesday);
    model.reload();
    QCOMPARE(model.indexOf(task.meta.id).data(TaskAgendaModel::BucketRole).toInt(),
             int(DueBucket::Overdue));

    const QDateTime tomorrow = DueDateChoices::tomorrow(task.dueAt, wednesday);
    QVERIFY(model.reschedule(task.meta.id, tomorrow));
    const QModelIndex moved = model.indexOf(task.meta.id);
    QCOMPARE(moved.data(TaskAgendaModel::BucketRole).toInt(), int(DueBucket::Tomorrow));
    QVERIFY(moved.data(TaskAgendaModel::PendingRole).toBool());
    QCOMPARE(moved.data(TaskAgendaModel::DueAtRole).toDateTime(), at(1, 14));
    const Task stored = *TaskRepository(m_fixture->db()).find(task.meta.id);
    QCOMPARE(stored.dueAt, at(1, 14));
    QCOMPARE(stored.reminderAt, at(1, 13, 30)); // still half an hour before
    QCOMPARE(outboxOps(task.meta.id).size(), 1);
}

void TestTaskAgenda::timeOutdatesTheGrouping()
{
    addTask(QStringLiteral("下午回访"), at(0, 15));
    addTask(QStringLiteral("明天上门"), at(1, 10));
    TaskAgendaModel model(m_fixture->db(), me);
    model.setNow(wednesday);
    model.reload();
    QVERIFY(!model.groupingOutdated(wednesday));
    QVERIFY(!model.groupingOutdated(at(0, 14, 59)));
    QVERIFY(model.groupingOutdated(at(0, 15, 1))); // the afternoon call is overdue now
    QVERIFY(model.groupingOutdated(at(1, 0, 1))); // a new day
}

QTEST_GUILESS_MAIN(TestTaskAgenda)
#include "tst_taskagenda.moc"
