// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskAgendaModel.h"

#include "tasks/DueText.h"
#include "tasks/TaskRowText.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAgenda, "branchline.models.tasks")

namespace branchline {

namespace {

// Group rows have internal id 0; a task's is its group's bucket + 1, which stays right
// when a group is inserted before its own.
constexpr quintptr groupId = 0;

quintptr taskIdOf(DueBucket bucket)
{
    return quintptr(int(bucket) + 1);
}

} // namespace

TaskAgendaModel::TaskAgendaModel(const QSqlDatabase &db, const QString &ownerId, QObject *parent)
    : QAbstractItemModel(parent)
    , m_tasks(db)
    , m_queries(db)
    , m_ownerId(ownerId)
{
}

QDateTime TaskAgendaModel::now() const
{
    return m_fixedNow.isValid() ? m_fixedNow : QDateTime::currentDateTimeUtc();
}

void TaskAgendaModel::reload()
{
    // The first page is loaded inside the reset, so a view sees one reset with rows in it.
    StoreError error;
    beginResetModel();
    m_groups.clear();
    m_lastError.clear();
    m_loadedAt = now();
    m_after = PageCursor();
    QList<TaskRow> rows = loadOpenPage(&error);
    if (!error.isError()) {
        const QDateTime midnight(m_loadedAt.toLocalTime().date(), QTime(0, 0));
        rows += m_queries.doneSince(m_ownerId, midnight, &error);
    }
    if (!error.isError())
        addRows(rows, false);
    m_notifying = true;
    endResetModel();
    m_notifying = false;
    if (error.isError())
        fail(error.message);
}

QList<TaskRow> TaskAgendaModel::loadOpenPage(StoreError *error)
{
    const QList<TaskRow> rows = m_queries.openPage(m_ownerId, m_after, m_pageSize, error);
    if (error->isError()) {
        qCWarning(lcAgenda) << "tasks failed to load:" << error->detail;
        m_hasMore = false;
        return {};
    }
    m_hasMore = rows.size() == m_pageSize;
    if (!rows.isEmpty())
        m_after = TaskAgendaQueries::cursorAfter(rows.last());
    return rows;
}

void TaskAgendaModel::addRows(const QList<TaskRow> &rows, bool notify)
{
    for (const TaskGroup &run : TaskGroups::runs(rows, m_loadedAt)) {
        const int position = m_groups.position(run.bucket);
        m_notifying = true;
        if (position >= 0) {
            const int start = int(m_groups.at(position).rows.size());
            if (notify)
                beginInsertRows(index(position, 0), start, start + int(run.rows.size()) - 1);
            m_groups[position].rows += run.rows;
            if (notify)
                endInsertRows();
        } else {
            const int at = m_groups.insertionPoint(run.bucket);
            if (notify)
                beginInsertRows(QModelIndex(), at, at);
            m_groups.insert(at, run);
            if (notify)
                endInsertRows();
        }
        m_notifying = false;
        if (notify && position >= 0) // the count in the group's title
            emit dataChanged(index(position, 0), index(position, 0), { Qt::DisplayRole });
    }
}

bool TaskAgendaModel::groupingOutdated(const QDateTime &at) const
{
    return m_groups.outdated(m_loadedAt, at);
}

QModelIndex TaskAgendaModel::indexOf(const QString &taskId, int column) const
{
    int group = 0;
    int row = 0;
    if (!m_groups.find(taskId, &group, &row))
        return QModelIndex();
    return createIndex(row, column, taskIdOf(m_groups.at(group).bucket));
}

int TaskAgendaModel::taskCount() const
{
    return m_groups.taskCount();
}

bool TaskAgendaModel::setCompleted(const QString &taskId, bool done)
{
    const SaveResult result = done ? m_tasks.complete(taskId, now()) : m_tasks.reopen(taskId);
    if (!result) {
        fail(result.firstMessage());
        return false;
    }
    refreshTask(taskId);
    emit taskEdited(taskId);
    emit completionChanged(taskId, done);
    return true;
}

bool TaskAgendaModel::reschedule(const QString &taskId, const QDateTime &due)
{
    const SaveResult result = m_tasks.reschedule(taskId, due);
    if (!result) {
        fail(result.firstMessage());
        return false;
    }
    reload(); // it moves to the group of its new date
    emit taskEdited(taskId);
    return true;
}

void TaskAgendaModel::refreshTask(const QString &taskId)
{
    const QModelIndex found = indexOf(taskId);
    if (!found.isValid())
        return;
    StoreError error;
    const std::optional<TaskRow> fresh = m_queries.row(taskId, &error);
    if (!fresh) {
        reload(); // gone meanwhile
        return;
    }
    m_groups[m_groups.position(DueBucket(found.internalId() - 1))].rows[found.row()] = *fresh;
    emit dataChanged(found, found.siblingAtColumn(ColumnCount - 1));
}

QModelIndex TaskAgendaModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return QModelIndex();
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, groupId) : QModelIndex();
    if (parent.internalId() != groupId || parent.column() != 0 || parent.row() >= m_groups.size())
        return QModelIndex();
    const TaskGroup &group = m_groups.at(parent.row());
    return row < group.rows.size() ? createIndex(row, column, taskIdOf(group.bucket))
                                   : QModelIndex();
}

QModelIndex TaskAgendaModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == groupId)
        return QModelIndex();
    const int position = m_groups.position(DueBucket(child.internalId() - 1));
    return position >= 0 ? createIndex(position, 0, groupId) : QModelIndex();
}

int TaskAgendaModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != groupId || parent.column() != 0 || parent.row() >= m_groups.size())
        return 0;
    return int(m_groups.at(parent.row()).rows.size());
}

int TaskAgendaModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

const TaskRow *TaskAgendaModel::rowOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == groupId)
        return nullptr;
    return m_groups.row(DueBucket(index.internalId() - 1), index.row());
}

QVariant TaskAgendaModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    if (index.internalId() == groupId)
        return index.row() < m_groups.size()
                ? groupData(m_groups.at(index.row()), index.column(), role)
                : QVariant();
    const TaskRow *row = rowOf(index);
    if (!row)
        return QVariant();
    if (role == BucketRole)
        return int(index.internalId() - 1);
    return taskData(*row, index.column(), role);
}

QVariant TaskAgendaModel::groupData(const TaskGroup &group, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (column != Title)
            return QVariant();
        return tr("%1 (%2)", "group name (number of tasks)")
                .arg(DueBuckets::label(group.bucket))
                .arg(group.rows.size());
    case IsGroupRole:
        return true;
    case BucketRole:
        return int(group.bucket);
    case OverdueRole:
        return group.bucket == DueBucket::Overdue;
    default:
        return QVariant();
    }
}

QVariant TaskAgendaModel::taskData(const TaskRow &row, int column, int role) const
{
    const Task &task = row.task;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Title:
            return task.title;
        case Related:
            return TaskRowText::related(row);
        case Due:
            return DueText::of(task.dueAt, m_loadedAt);
        case Priority:
            return RecordEnums::label(task.priority);
        }
        return QVariant();
    case Qt::CheckStateRole:
        if (column != Title)
            return QVariant();
        return task.status == TaskStatus::Done ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole: {
        const QString details = TaskRowText::details(row, m_loadedAt);
        return details.isEmpty() ? QVariant() : QVariant(details);
    }
    case IdRole:
        return task.meta.id;
    case IsGroupRole:
        return false;
    case OverdueRole:
        return task.status == TaskStatus::Open && task.dueAt.isValid() && task.dueAt < m_loadedAt;
    case DoneRole:
        return task.status == TaskStatus::Done;
    case PendingRole:
        return row.pending;
    case CustomerIdRole:
        return row.customerId;
    case PriorityCodeRole:
        return RecordEnums::code(task.priority);
    case DueAtRole:
        return task.dueAt;
    default:
        return QVariant();
    }
}

bool TaskAgendaModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const TaskRow *row = rowOf(index);
    if (!row || role != Qt::CheckStateRole || index.column() != Title)
        return false;
    const QString id = row->task.meta.id; // the row is replaced by the edit
    return setCompleted(id, value.toInt() == Qt::Checked);
}

Qt::ItemFlags TaskAgendaModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == groupId)
        return Qt::ItemIsEnabled;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == Title)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant TaskAgendaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case Title:
        return tr("Task");
    case Related:
        return tr("Customer or lead");
    case Due:
        return tr("Due");
    case Priority:
        return tr("Priority");
    }
    return QVariant();
}

bool TaskAgendaModel::canFetchMore(const QModelIndex &parent) const
{
    // Rows inserted while a reset or an insertion is still being announced would nest two
    // changes; listeners asking then are told to wait.
    return !parent.isValid() && m_hasMore && !m_notifying;
}

void TaskAgendaModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    StoreError error;
    const QList<TaskRow> rows = loadOpenPage(&error);
    if (error.isError()) {
        fail(error.message);
        return;
    }
    addRows(rows, true);
}

void TaskAgendaModel::fail(const QString &message)
{
    m_lastError = message;
    emit failed(message);
}

} // namespace branchline
