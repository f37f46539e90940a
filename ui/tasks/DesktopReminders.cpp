// SPDX-License-Identifier: GPL-3.0-or-later
#include "DesktopReminders.h"

#include "ReminderController.h"
#include "StatusBarNotifier.h"
#include "TrayIcon.h"

#include <QSystemTrayIcon>

namespace branchline {

DesktopReminders::DesktopReminders(const QSqlDatabase &db, const QString &ownerId,
                                   QStatusBar *fallback, QObject *parent)
    : QObject(parent)
    , m_controller(new ReminderController(db, ownerId, this))
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new TrayIcon(this);
        connect(m_tray, &TrayIcon::openRequested, this, &DesktopReminders::openRequested);
        connect(m_tray, &TrayIcon::syncRequested, this, &DesktopReminders::syncRequested);
        connect(m_tray, &TrayIcon::quitRequested, this, &DesktopReminders::quitRequested);
        connect(m_tray, &TrayIcon::taskRequested, this, &DesktopReminders::taskRequested);
        m_controller->setNotifier(m_tray);
    } else {
        m_statusBar = std::make_unique<StatusBarNotifier>(fallback);
        m_controller->setNotifier(m_statusBar.get());
    }
}

DesktopReminders::~DesktopReminders() = default;

TaskNotifier *DesktopReminders::notifier() const
{
    if (m_tray)
        return m_tray;
    return m_statusBar.get();
}

void DesktopReminders::start()
{
    m_controller->start();
}

} // namespace branchline
