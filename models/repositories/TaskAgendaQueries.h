// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageCursor.h"
#include "domain/records/Task.h"
#include "store/StoreError.h"

#include <QSqlDatabase>

#include <optional>

namespace branchline {

// A task as the tasks screen and the reminders show it: with the name of what it is about.
struct TaskRow
{
    Task task;
    QString relatedName; // the customer's, contact's or lead's name; empty when unknown here
    QString relatedContext; // a contact's customer, a lead's company
    // The customer whose 360° view the task opens: the related customer, a contact's
    // customer or the customer a lead became. Empty when there is none on this computer.
    QString customerId;
    bool pending = false; // an edit made on this device waits for the server's answer
};

// The read side of one person's task list: open tasks in due order a page at a time, the
// ones done today, and the ones a reminder may be due for. Writes go through TaskRepository.
class TaskAgendaQueries
{
public:
    explicit TaskAgendaQueries(const QSqlDatabase &db);

    // Open tasks, earliest due first, tasks without a due date last.
    QList<TaskRow> openPage(const QString &ownerId, const PageCursor &after, int limit,
                            StoreError *error) const;
    static PageCursor cursorAfter(const TaskRow &row);
    // Tasks completed at or after `since`, the latest first.
    QList<TaskRow> doneSince(const QString &ownerId, const QDateTime &since,
                             StoreError *error) const;
    // Open tasks whose reminder moment has come at `now` (their reminder time, else
    // `lead` seconds before they are due) and that are due after `dueAfter`.
    QList<TaskRow> remindable(const QString &ownerId, const QDateTime &now, int lead,
                              const QDateTime &dueAfter, StoreError *error) const;
    std::optional<TaskRow> row(const QString &taskId, StoreError *error) const;

private:
    QList<TaskRow> select(const QString &where, const QString &order, const QVariantList &values,
                          StoreError *error) const;

    QSqlDatabase m_db;
};

} // namespace branchline
