// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReminderController.h"

#include "tasks/DueText.h"
#include "tasks/TaskRowText.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcReminders, "branchline.ui.reminders")

namespace branchline {

ReminderController::ReminderController(const QSqlDatabase &db, const QString &ownerId,
                                       QObject *parent)
    : QObject(parent)
    , m_reminders(db, ownerId)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ReminderController::check);
}

void ReminderController::start()
{
    check();
    m_timer.start();
}

void ReminderController::check()
{
    const QDateTime now = m_clock();
    StoreError error;
    const QList<TaskReminder> due = m_reminders.take(now, &error);
    if (error.isError())
        qCWarning(lcReminders) << "reminders not checked:" << error.detail;
    if (!m_notifier)
        return;
    for (const TaskNotice &notice : notices(due, now))
        m_notifier->notify(notice);
}

QList<TaskNotice> ReminderController::notices(const QList<TaskReminder> &reminders,
                                              const QDateTime &now)
{
    QList<TaskNotice> result;
    if (reminders.size() > separateNotices) {
        QStringList titles;
        for (int i = 0; i < reminders.size() && i < 3; ++i)
            titles << reminders.at(i).row.task.title;
        if (reminders.size() > 3)
            titles << QStringLiteral("…");
        result << TaskNotice{ tr("%n task(s) need your attention", nullptr, int(reminders.size())),
                              titles.join(QLatin1Char('\n')), reminders.first().row.task.meta.id };
        return result;
    }
    for (const TaskReminder &reminder : reminders) {
        const Task &task = reminder.row.task;
        const QString when = DueText::of(task.dueAt, now);
        QString message =
                reminder.overdue ? tr("Overdue since %1").arg(when) : tr("Due %1").arg(when);
        const QString related = TaskRowText::related(reminder.row);
        if (!related.isEmpty())
            message += QLatin1Char('\n') + related;
        result << TaskNotice{ task.title, message, task.meta.id };
    }
    return result;
}

} // namespace branchline
