// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PagedListModel.h"
#include "repositories/TaskRepository.h"

#include <QDateTime>

#include <optional>

namespace branchline {

// Tasks by due date, a page at a time. Overdue open tasks say so through OverdueRole, so a
// view can highlight them without knowing the rule.
class TaskListModel : public PagedRows<Task>
{
    Q_OBJECT

public:
    enum Column { Title, Due, Priority, Status, ColumnCount };
    enum ItemRole { IdRole = Qt::UserRole + 1, OverdueRole, PriorityCodeRole };

    explicit TaskListModel(const QSqlDatabase &db, QObject *parent = nullptr);

    void setFilter(const TaskFilter &filter);
    // The moment "overdue" is measured against; the current time unless a test sets one.
    void setNow(const QDateTime &now) { m_now = now; }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QList<Task> loadPage(const Task *last, int limit, StoreError *error) const override;

private:
    bool isOverdue(const Task &task) const;

    TaskRepository m_repository;
    // None until setFilter(): a view may ask for rows as soon as it is attached (the 360°
    // view's lists, long before a customer opens), and an empty filter means every task.
    std::optional<TaskFilter> m_filter;
    QDateTime m_now;
};

} // namespace branchline
