// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TaskNotifier.h"

#include <QCoreApplication>
#include <QPointer>

class QStatusBar;

namespace branchline {

// Reminders in the main window's status bar, for desktops without a system tray.
class StatusBarNotifier : public TaskNotifier
{
    Q_DECLARE_TR_FUNCTIONS(StatusBarNotifier)

public:
    explicit StatusBarNotifier(QStatusBar *statusBar);
    void notify(const TaskNotice &notice) override;

    static constexpr int shownMs = 5 * 60 * 1000; // until the next reminders are due

private:
    QPointer<QStatusBar> m_statusBar;
};

} // namespace branchline
