// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskListModel.h"

#include <QLocale>

namespace branchline {

TaskListModel::TaskListModel(const QSqlDatabase &db, QObject *parent)
    : PagedRows<Task>(parent)
    , m_repository(db)
{
}

void TaskListModel::setFilter(const TaskFilter &filter)
{
    m_filter = filter;
    reload();
}

int TaskListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<Task> TaskListModel::loadPage(const Task *last, int limit, StoreError *error) const
{
    if (!m_filter)
        return {};
    return m_repository.page(*m_filter, last ? TaskRepository::cursorAfter(*last) : PageCursor(),
                             limit, error);
}

bool TaskListModel::isOverdue(const Task &task) const
{
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    return task.status == TaskStatus::Open && task.dueAt.isValid() && task.dueAt < now;
}

QVariant TaskListModel::data(const QModelIndex &index, int role) const
{
    if (!validRow(index))
        return QVariant();
    const Task &task = rowAt(index.row());
    switch (role) {
    case IdRole:
        return task.meta.id;
    case OverdueRole:
        return isOverdue(task);
    case PriorityCodeRole:
        return RecordEnums::code(task.priority);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title:
            return task.title;
        case Due:
            return task.dueAt.isValid()
                    ? QLocale().toString(task.dueAt.toLocalTime(), QLocale::ShortFormat)
                    : tr("No due date");
        case Priority:
            return RecordEnums::label(task.priority);
        case Status:
            return RecordEnums::label(task.status);
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Title:
        return tr("Task");
    case Due:
        return tr("Due");
    case Priority:
        return tr("Priority");
    case Status:
        return tr("Status");
    }
    return QVariant();
}

} // namespace branchline
