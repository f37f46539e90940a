// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "repositories/TaskAgendaQueries.h"
#include "repositories/TaskRepository.h"
#include "tasks/TaskGroups.h"

#include <QAbstractItemModel>

namespace branchline {

// One person's tasks grouped by when they are due (overdue, today, tomorrow, later this
// week, later, no date) and the ones completed today: group rows at the top level, tasks
// under them. Open tasks load a page at a time in due order, so a long list starts with
// one page. The model decides what is overdue; views only read OverdueRole.
//
// Completing is setData(CheckStateRole) on the title; it and reschedule() write through
// TaskRepository (one update with its outbox row each) and show at once. A completed task
// keeps its place, struck through, until the next reload, so it can be undone where it is.
class TaskAgendaModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Title, Related, Due, Priority, ColumnCount };
    enum ItemRole {
        IdRole = Qt::UserRole + 1, // the task's global id; empty on a group row
        IsGroupRole,
        BucketRole, // int(DueBucket) of a group, or of the group a task is in
        OverdueRole, // an open task past its due time, and the overdue group
        DoneRole,
        PendingRole, // an edit made here waits for the server
        CustomerIdRole, // the customer whose 360° view the task opens, or empty
        PriorityCodeRole,
        DueAtRole,
    };

    TaskAgendaModel(const QSqlDatabase &db, const QString &ownerId, QObject *parent = nullptr);

    // The moment overdue and "today" are measured against; the real time unless a test
    // fixes one.
    void setNow(const QDateTime &now) { m_fixedNow = now; }
    QDateTime now() const;
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }

    void reload();
    // Time moved an open task into another group (it became overdue, a new day began):
    // reload to show it where it belongs.
    bool groupingOutdated(const QDateTime &now) const;
    QModelIndex indexOf(const QString &taskId, int column = Title) const;
    int taskCount() const;

    bool setCompleted(const QString &taskId, bool done);
    bool reschedule(const QString &taskId, const QDateTime &due);
    QString lastErrorMessage() const { return m_lastError; }

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    // A task was changed on this computer and waits in the outbox.
    void taskEdited(const QString &taskId);
    // A task was completed or reopened (also by a click on its check box), for an undo.
    void completionChanged(const QString &taskId, bool done);
    // Loading or saving failed; the message is for people.
    void failed(const QString &message);

private:
    QList<TaskRow> loadOpenPage(StoreError *error);
    void addRows(const QList<TaskRow> &rows, bool notify);
    const TaskRow *rowOf(const QModelIndex &index) const;
    QVariant groupData(const TaskGroup &group, int column, int role) const;
    QVariant taskData(const TaskRow &row, int column, int role) const;
    void refreshTask(const QString &taskId);
    void fail(const QString &message);

    TaskRepository m_tasks;
    TaskAgendaQueries m_queries;
    QString m_ownerId;
    QDateTime m_fixedNow;
    QDateTime m_loadedAt; // the moment the rows were grouped against
    TaskGroups m_groups;
    PageCursor m_after;
    int m_pageSize = 200;
    bool m_hasMore = false;
    bool m_notifying = false; // inside our own change notification
    QString m_lastError;
};

} // namespace branchline
