// SPDX-License-Identifier: GPL-3.0-or-later
#include "StatusBarNotifier.h"

#include <QStatusBar>

namespace branchline {

StatusBarNotifier::StatusBarNotifier(QStatusBar *statusBar)
    : m_statusBar(statusBar)
{
}

void StatusBarNotifier::notify(const TaskNotice &notice)
{
    if (!m_statusBar)
        return;
    const QString detail = notice.message.section(QLatin1Char('\n'), 0, 0);
    m_statusBar->showMessage(detail.isEmpty() ? tr("Reminder: %1").arg(notice.title)
                                              : tr("Reminder: %1 — %2").arg(notice.title, detail),
                             shownMs);
}

} // namespace branchline
