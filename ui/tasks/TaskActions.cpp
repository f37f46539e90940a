// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskActions.h"

#include "RescheduleDialog.h"
#include "TaskEditCommand.h"
#include "itemmodels/TaskAgendaModel.h"
#include "tasks/DueDateChoices.h"

#include <QAction>
#include <QHBoxLayout>
#include <QMenu>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>

namespace branchline {

TaskActions::TaskActions(TaskAgendaModel *model, QTreeView *view, QWidget *page)
    : QObject(page)
    , m_model(model)
    , m_view(view)
    , m_page(page)
    , m_undoStack(new QUndoStack(this))
{
    m_complete = makeAction(page, QStringLiteral("complete"), tr("Complete"),
                            { Qt::Key_Space, QKeySequence(Qt::CTRL | Qt::Key_D) },
                            &TaskActions::toggleCompleted);
    m_tomorrow =
            makeAction(page, QStringLiteral("tomorrow"), tr("Tomorrow"),
                       { QKeySequence(Qt::CTRL | Qt::Key_T) }, &TaskActions::rescheduleTomorrow);
    m_nextWeek = makeAction(page, QStringLiteral("nextWeek"), tr("Next week"),
                            { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T) },
                            &TaskActions::rescheduleNextWeek);
    m_pickDue = makeAction(page, QStringLiteral("pickDue"), tr("Pick a date and time…"),
                           { QKeySequence(Qt::CTRL | Qt::Key_E) }, &TaskActions::pickDueTime);
    m_openCustomer =
            makeAction(page, QStringLiteral("openCustomer"), tr("Open customer"),
                       { QKeySequence(Qt::CTRL | Qt::Key_O) }, &TaskActions::openCurrentCustomer);
    m_undo = new QAction(tr("Undo"), this);
    m_undo->setObjectName(QStringLiteral("undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_undo, &QAction::triggered, m_undoStack, &QUndoStack::undo);
    page->addAction(m_undo);

    m_rescheduleMenu = new QMenu(page);
    m_rescheduleMenu->addAction(m_tomorrow);
    m_rescheduleMenu->addAction(m_nextWeek);
    m_rescheduleMenu->addSeparator();
    m_rescheduleMenu->addAction(m_pickDue);
    // The quick choices say the date they mean, worked out when the menu opens.
    connect(m_rescheduleMenu, &QMenu::aboutToShow, this, [this] {
        const QDateTime due = currentTask().data(TaskAgendaModel::DueAtRole).toDateTime();
        const QDateTime now = m_model->now();
        m_tomorrow->setText(
                RescheduleDialog::choiceText(tr("Tomorrow"), DueDateChoices::tomorrow(due, now)));
        m_nextWeek->setText(
                RescheduleDialog::choiceText(tr("Next week"), DueDateChoices::nextWeek(due, now)));
    });

    connect(m_undoStack, &QUndoStack::indexChanged, this, &TaskActions::update);
    connect(m_model, &TaskAgendaModel::completionChanged, this, &TaskActions::onCompletionChanged);
    update();
}

QAction *TaskActions::makeAction(QWidget *page, const QString &objectName, const QString &text,
                                 const QList<QKeySequence> &keys, void (TaskActions::*slot)())
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, slot);
    page->addAction(action);
    return action;
}

QLayout *TaskActions::buttons(QWidget *parent)
{
    auto *bar = new QHBoxLayout;
    const auto add = [bar, parent](QAction *action) {
        auto *button = new QToolButton(parent);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        bar->addWidget(button);
    };
    add(m_complete);
    auto *reschedule = new QToolButton(parent);
    reschedule->setObjectName(QStringLiteral("reschedule"));
    reschedule->setText(tr("Reschedule"));
    reschedule->setToolTip(tr("Move the task to another day (Ctrl+T tomorrow, Ctrl+Shift+T next "
                              "week, Ctrl+E a date and time)"));
    reschedule->setMenu(m_rescheduleMenu);
    reschedule->setPopupMode(QToolButton::InstantPopup);
    bar->addWidget(reschedule);
    add(m_openCustomer);
    add(m_undo);
    return bar;
}

QModelIndex TaskActions::currentTask() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.data(TaskAgendaModel::IsGroupRole).toBool())
        return QModelIndex();
    return current.siblingAtColumn(TaskAgendaModel::Title);
}

void TaskActions::update()
{
    const QModelIndex task = currentTask();
    const bool done = task.data(TaskAgendaModel::DoneRole).toBool();
    m_complete->setEnabled(task.isValid());
    m_complete->setText(done ? tr("Reopen") : tr("Complete"));
    for (QAction *action : { m_tomorrow, m_nextWeek, m_pickDue })
        action->setEnabled(task.isValid() && !done);
    m_openCustomer->setEnabled(!task.data(TaskAgendaModel::CustomerIdRole).toString().isEmpty());
    m_undo->setEnabled(m_undoStack->canUndo());
    m_undo->setText(m_undoStack->canUndo() ? tr("Undo: %1").arg(m_undoStack->undoText())
                                           : tr("Undo"));
    for (QAction *action : { m_complete, m_openCustomer, m_undo })
        action->setToolTip(tr("%1 (%2)", "action (its shortcut)")
                                   .arg(action->text(),
                                        action->shortcut().toString(QKeySequence::NativeText)));
}

bool TaskActions::quietly(const std::function<bool()> &write)
{
    m_undoing = true;
    const bool ok = write();
    m_undoing = false;
    return ok;
}

void TaskActions::toggleCompleted()
{
    const QModelIndex task = currentTask();
    if (!task.isValid())
        return;
    emit notice(QString());
    // The model announces the change and onCompletionChanged() records it for undo, the
    // same way as for a click on the task's check box.
    m_model->setCompleted(task.data(TaskAgendaModel::IdRole).toString(),
                          !task.data(TaskAgendaModel::DoneRole).toBool());
}

void TaskActions::onCompletionChanged(const QString &taskId, bool done)
{
    if (m_undoing)
        return;
    const QString title = m_model->indexOf(taskId).data().toString();
    const auto write = [this, taskId](bool completed) {
        return quietly(
                [this, taskId, completed] { return m_model->setCompleted(taskId, completed); });
    };
    m_undoStack->push(new TaskEditCommand(
            done ? tr("complete “%1”").arg(title) : tr("reopen “%1”").arg(title),
            [write, done] { return write(done); }, [write, done] { return write(!done); }, true));
}

void TaskActions::rescheduleTomorrow()
{
    const QModelIndex task = currentTask();
    if (task.isValid())
        reschedule(task.data(TaskAgendaModel::IdRole).toString(),
                   DueDateChoices::tomorrow(task.data(TaskAgendaModel::DueAtRole).toDateTime(),
                                            m_model->now()));
}

void TaskActions::rescheduleNextWeek()
{
    const QModelIndex task = currentTask();
    if (task.isValid())
        reschedule(task.data(TaskAgendaModel::IdRole).toString(),
                   DueDateChoices::nextWeek(task.data(TaskAgendaModel::DueAtRole).toDateTime(),
                                            m_model->now()));
}

void TaskActions::pickDueTime()
{
    const QModelIndex task = currentTask();
    if (!task.isValid())
        return;
    const QString taskId = task.data(TaskAgendaModel::IdRole).toString();
    // Opened, not exec()'d: the list keeps running, and a test finds it as a child.
    auto *dialog = new RescheduleDialog(task.data().toString(),
                                        task.data(TaskAgendaModel::DueAtRole).toDateTime(),
                                        m_model->now(), m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, taskId] { reschedule(taskId, dialog->chosen()); });
    dialog->open();
}

void TaskActions::reschedule(const QString &taskId, const QDateTime &due)
{
    const QModelIndex task = m_model->indexOf(taskId);
    const QDateTime before = task.data(TaskAgendaModel::DueAtRole).toDateTime();
    const auto write = [this, taskId](const QDateTime &when) {
        return quietly([this, taskId, when] {
            emit keepSelected(taskId); // it moves to its new group, still selected
            return m_model->reschedule(taskId, when);
        });
    };
    emit notice(QString());
    m_undoStack->push(new TaskEditCommand(
            tr("reschedule “%1”").arg(task.data().toString()), [write, due] { return write(due); },
            [write, before] { return write(before); }, false));
}

void TaskActions::openCurrentCustomer()
{
    const QModelIndex task = currentTask();
    if (!task.isValid())
        return;
    const QString customerId = task.data(TaskAgendaModel::CustomerIdRole).toString();
    if (customerId.isEmpty()) {
        emit notice(tr("This task is not about a customer on this computer."));
        return;
    }
    emit customerOpened(customerId);
}

} // namespace branchline
