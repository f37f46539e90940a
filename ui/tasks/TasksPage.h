// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QSqlDatabase>
#include <QWidget>

class QLabel;
class QModelIndex;
class QTimer;
class QTreeView;

namespace branchline {

class TaskActions;
class TaskAgendaModel;

// The Tasks section: my tasks grouped by due date, overdue ones in red, with the actions of
// TaskActions on the selected one. Every edit is saved on this computer at once and marked
// as pending until the server has it. Groups the person folds stay folded across reloads.
class TasksPage : public QWidget
{
    Q_OBJECT

public:
    TasksPage(const QSqlDatabase &db, const QString &userId, QWidget *parent = nullptr);

    TaskAgendaModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    TaskActions *actions() const { return m_actions; }
    QString currentTaskId() const;
    QString noticeText() const;

public slots:
    // Reads the tasks again (after a sync), keeping the selected one selected.
    void refresh();
    // Selects a task (a reminder was clicked), reading the list again first.
    void showTask(const QString &taskId);

signals:
    // An edit was saved on this computer and waits in the outbox (the app syncs soon).
    void pendingEditsChanged();
    void customerOpened(const QString &customerId);

private:
    QLayout *buildLegend();
    void select(const QModelIndex &index);
    void afterReset();
    void arrangeGroups(int first, int last);
    void showNotice(const QString &text);

    TaskAgendaModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    TaskActions *m_actions = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_notice = nullptr;
    QTimer *m_clockTick = nullptr;
    QSet<int> m_collapsed; // buckets the person folded away
    QString m_keepId; // the task to select again after a reload
};

} // namespace branchline
