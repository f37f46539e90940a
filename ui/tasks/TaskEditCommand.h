// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QUndoCommand>

#include <functional>

namespace branchline {

// One edit of the tasks screen on its undo stack: completing, reopening or rescheduling a
// task, undone by another store write (which goes to the server like any edit). An edit
// that was already made (a click on a task's check box) is pushed as done, so pushing it
// does not write twice.
class TaskEditCommand : public QUndoCommand
{
public:
    using Write = std::function<bool()>;

    TaskEditCommand(const QString &text, Write apply, Write revert, bool alreadyApplied);

    void redo() override;
    void undo() override;

private:
    Write m_apply;
    Write m_revert;
    bool m_skipRedo;
};

} // namespace branchline
