// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskGroups.h"

namespace branchline {

int TaskGroups::position(DueBucket bucket) const
{
    for (int i = 0; i < m_groups.size(); ++i)
        if (m_groups.at(i).bucket == bucket)
            return i;
    return -1;
}

int TaskGroups::insertionPoint(DueBucket bucket) const
{
    int at = 0;
    while (at < m_groups.size() && m_groups.at(at).bucket < bucket)
        ++at;
    return at;
}

const TaskRow *TaskGroups::row(DueBucket bucket, int row) const
{
    const int group = position(bucket);
    if (group < 0 || row < 0 || row >= m_groups.at(group).rows.size())
        return nullptr;
    return &m_groups.at(group).rows.at(row);
}

bool TaskGroups::find(const QString &taskId, int *group, int *row) const
{
    for (int g = 0; g < m_groups.size(); ++g)
        for (int r = 0; r < m_groups.at(g).rows.size(); ++r)
            if (m_groups.at(g).rows.at(r).task.meta.id == taskId) {
                *group = g;
                *row = r;
                return true;
            }
    return false;
}

int TaskGroups::taskCount() const
{
    int count = 0;
    for (const TaskGroup &group : m_groups)
        count += int(group.rows.size());
    return count;
}

QList<TaskGroup> TaskGroups::runs(const QList<TaskRow> &rows, const QDateTime &at)
{
    QList<TaskGroup> result;
    for (const TaskRow &row : rows) {
        const DueBucket bucket =
                DueBuckets::of(row.task.dueAt, row.task.status == TaskStatus::Done, at);
        if (result.isEmpty() || result.last().bucket != bucket)
            result << TaskGroup{ bucket, {} };
        result.last().rows << row;
    }
    return result;
}

bool TaskGroups::outdated(const QDateTime &loadedAt, const QDateTime &now) const
{
    if (now.toLocalTime().date() != loadedAt.toLocalTime().date())
        return true; // "today", "tomorrow" and "completed today" moved on
    // A task completed or reopened in place keeps its row until the next reload on purpose.
    for (const TaskGroup &group : m_groups)
        for (const TaskRow &row : group.rows)
            if (row.task.status == TaskStatus::Open && group.bucket != DueBucket::DoneToday
                && DueBuckets::of(row.task.dueAt, false, now) != group.bucket)
                return true;
    return false;
}

} // namespace branchline
