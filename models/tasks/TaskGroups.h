// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DueBuckets.h"
#include "repositories/TaskAgendaQueries.h"

namespace branchline {

struct TaskGroup
{
    DueBucket bucket;
    QList<TaskRow> rows;
};

// The rows of the tasks screen sorted into their groups, as TaskAgendaModel holds them:
// only groups with tasks, in bucket order. No notifications here; the model sends them.
class TaskGroups
{
public:
    int size() const { return int(m_groups.size()); }
    const TaskGroup &at(int position) const { return m_groups.at(position); }
    TaskGroup &operator[](int position) { return m_groups[position]; }
    void clear() { m_groups.clear(); }

    int position(DueBucket bucket) const; // -1 when it has no tasks
    int insertionPoint(DueBucket bucket) const; // where a new group of `bucket` goes
    void insert(int position, TaskGroup group) { m_groups.insert(position, std::move(group)); }
    const TaskRow *row(DueBucket bucket, int row) const;
    bool find(const QString &taskId, int *group, int *row) const;
    int taskCount() const;

    // `rows` cut into runs of one bucket each, as grouped at `at`.
    static QList<TaskGroup> runs(const QList<TaskRow> &rows, const QDateTime &at);
    // Whether an open task grouped at `loadedAt` belongs in another group at `now`.
    bool outdated(const QDateTime &loadedAt, const QDateTime &now) const;

private:
    QList<TaskGroup> m_groups;
};

} // namespace branchline
