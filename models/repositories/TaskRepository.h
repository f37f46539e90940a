// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageCursor.h"
#include "RecordRepository.h"
#include "domain/records/Task.h"

#include <QSqlDatabase>

#include <optional>

namespace branchline {

struct TaskFilter
{
    QString ownerId;
    std::optional<TaskStatus> status;
    QString relatedId; // the tasks of one customer, contact or lead
};

class TaskRepository : public RecordRepository<Task>
{
public:
    explicit TaskRepository(const QSqlDatabase &db);

    // Earliest due first; tasks without a due date last.
    QList<Task> page(const TaskFilter &filter, const PageCursor &after, int limit,
                     StoreError *error) const;
    static PageCursor cursorAfter(const Task &row);

    // The edits of the tasks screen: each is one update with its outbox row, and changing
    // nothing (completing a completed task) writes nothing.
    SaveResult complete(const QString &id, const QDateTime &at);
    SaveResult reopen(const QString &id);
    // Moves the due time. A reminder moves with it, as long before the new time as it was
    // before the old one.
    SaveResult reschedule(const QString &id, const QDateTime &due);

    // For queries that read tasks with more columns after these: the bookkeeping and the
    // task's own columns with a table alias, and the task read back from such a row.
    static QString selectColumns(const QString &alias);
    static int selectColumnCount();
    static Task fromRow(const QSqlQuery &query);

private:
    template<typename Change>
    SaveResult change(const QString &id, Change edit);
};

} // namespace branchline
