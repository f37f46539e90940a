// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>

class QAction;
class QDateTime;
class QLayout;
class QMenu;
class QModelIndex;
class QTreeView;
class QUndoStack;
class QWidget;

namespace branchline {

class TaskAgendaModel;

// What can be done to the selected task on the tasks screen, with its shortcuts: complete
// or reopen (Space, Ctrl+D), undo (Ctrl+Z), reschedule to tomorrow (Ctrl+T), next week
// (Ctrl+Shift+T) or a picked date and time (Ctrl+E), open its customer (Ctrl+O, Enter).
// The shortcuts work while focus is on the page. Completing and rescheduling go on an undo
// stack; a click on a task's check box does too.
class TaskActions : public QObject
{
    Q_OBJECT

public:
    TaskActions(TaskAgendaModel *model, QTreeView *view, QWidget *page);

    // The buttons: Complete, Reschedule (a menu of the three choices), Open customer, Undo.
    QLayout *buttons(QWidget *parent);
    QModelIndex currentTask() const;

    QAction *complete() const { return m_complete; }
    QAction *undo() const { return m_undo; }
    QAction *tomorrow() const { return m_tomorrow; }
    QAction *nextWeek() const { return m_nextWeek; }
    QAction *pickDue() const { return m_pickDue; }
    QAction *openCustomer() const { return m_openCustomer; }

public slots:
    void toggleCompleted();
    void rescheduleTomorrow();
    void rescheduleNextWeek();
    void pickDueTime();
    void openCurrentCustomer();
    void update();

signals:
    void customerOpened(const QString &customerId);
    void notice(const QString &text); // empty: the last one is over
    // The task to select once the list has been read again (a rescheduled one moves).
    void keepSelected(const QString &taskId);

private:
    QAction *makeAction(QWidget *page, const QString &objectName, const QString &text,
                        const QList<QKeySequence> &keys, void (TaskActions::*slot)());
    void reschedule(const QString &taskId, const QDateTime &due);
    void onCompletionChanged(const QString &taskId, bool done);
    // Runs an undo step's write without recording it as a new step.
    bool quietly(const std::function<bool()> &write);

    TaskAgendaModel *m_model;
    QTreeView *m_view;
    QWidget *m_page;
    QUndoStack *m_undoStack = nullptr;
    QMenu *m_rescheduleMenu = nullptr;
    QAction *m_complete = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_tomorrow = nullptr;
    QAction *m_nextWeek = nullptr;
    QAction *m_pickDue = nullptr;
    QAction *m_openCustomer = nullptr;
    bool m_undoing = false; // an undo or redo is writing: not a new step
};

} // namespace branchline
