// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskReminders.h"

namespace branchline {

TaskReminders::TaskReminders(const QSqlDatabase &db, const QString &ownerId)
    : m_queries(db)
    , m_ledger(db)
    , m_ownerId(ownerId)
{
}

QList<TaskReminder> TaskReminders::take(const QDateTime &now, StoreError *error)
{
    const QDateTime oldest = now.addSecs(-overdueWindowSeconds);
    StoreError failure;
    const QList<TaskRow> rows = m_queries.remindable(m_ownerId, now, leadSeconds, oldest, &failure);
    if (failure.isError()) {
        if (error)
            *error = failure;
        return {};
    }
    QList<TaskReminder> reminders;
    for (const TaskRow &row : rows) {
        if (m_ledger.contains(row.task.meta.id, row.task.dueAt))
            continue;
        m_ledger.remember(row.task.meta.id, row.task.dueAt);
        reminders << TaskReminder{ row, row.task.dueAt < now };
    }
    m_ledger.forgetBefore(oldest);
    m_ledger.save(error);
    return reminders;
}

} // namespace branchline
