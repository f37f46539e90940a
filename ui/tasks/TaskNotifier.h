// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace branchline {

// One desktop notification about a task: what it says, and the task a click on it opens.
struct TaskNotice
{
    QString title;
    QString message;
    QString taskId;
};

// Where reminders are shown: the system tray's notifications, the status bar where there is
// no tray, or a test's list.
class TaskNotifier
{
public:
    virtual ~TaskNotifier() = default;
    virtual void notify(const TaskNotice &notice) = 0;
};

} // namespace branchline
