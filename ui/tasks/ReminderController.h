// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TaskNotifier.h"
#include "tasks/TaskReminders.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace branchline {

// Asks TaskReminders every half minute which tasks are due for a reminder and hands them,
// put into words, to a TaskNotifier. The clock can be replaced, so a test decides what
// "now" is and checks what would be shown without waiting.
class ReminderController : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;
    static constexpr int intervalMs = 30 * 1000;
    // More reminders at once than this become one notification, not a pile.
    static constexpr int separateNotices = 2;

    ReminderController(const QSqlDatabase &db, const QString &ownerId, QObject *parent = nullptr);

    void setNotifier(TaskNotifier *notifier) { m_notifier = notifier; }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // Checks now, then every interval.
    void start();

    static QList<TaskNotice> notices(const QList<TaskReminder> &reminders, const QDateTime &now);

public slots:
    void check();

private:
    TaskReminders m_reminders;
    TaskNotifier *m_notifier = nullptr;
    Clock m_clock;
    QTimer m_timer;
};

} // namespace branchline
