// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ReminderLedger.h"
#include "repositories/TaskAgendaQueries.h"

namespace branchline {

struct TaskReminder
{
    TaskRow row;
    bool overdue = false; // its due time passed before it was reminded
};

// Decides which of one person's tasks to remind of now: an open task once its reminder
// time has come, or 15 minutes before it is due when it has none, and one that went
// overdue unreminded (the computer was off). Each is reminded once per due time. A task
// overdue for longer than half a day is not: it is red on the list already, and a pile of
// notifications at start-up would be noise.
//
// The clock is the caller's, so tests fix it; showing the reminders is the ui's job.
class TaskReminders
{
public:
    static constexpr int leadSeconds = 15 * 60;
    static constexpr int overdueWindowSeconds = 12 * 60 * 60;

    TaskReminders(const QSqlDatabase &db, const QString &ownerId);

    // The reminders due at `now`, earliest due first. They count as shown from here on.
    QList<TaskReminder> take(const QDateTime &now, StoreError *error = nullptr);

private:
    TaskAgendaQueries m_queries;
    ReminderLedger m_ledger;
    QString m_ownerId;
};

} // namespace branchline
