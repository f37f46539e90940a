// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageCursor.h"
#include "RecordRepository.h"
#include "records/Task.h"

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
};

} // namespace branchline
