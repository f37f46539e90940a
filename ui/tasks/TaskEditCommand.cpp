// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskEditCommand.h"

namespace branchline {

TaskEditCommand::TaskEditCommand(const QString &text, Write apply, Write revert,
                                 bool alreadyApplied)
    : QUndoCommand(text)
    , m_apply(std::move(apply))
    , m_revert(std::move(revert))
    , m_skipRedo(alreadyApplied)
{
}

void TaskEditCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    // A write that fails (the task was removed meanwhile) says why on the page, and the
    // step leaves the stack rather than pretend.
    if (!m_apply())
        setObsolete(true);
}

void TaskEditCommand::undo()
{
    if (!m_revert())
        setObsolete(true);
}

} // namespace branchline
