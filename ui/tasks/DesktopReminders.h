// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSqlDatabase>

#include <memory>

class QStatusBar;

namespace branchline {

class ReminderController;
class StatusBarNotifier;
class TaskNotifier;
class TrayIcon;

// Task reminders on this desktop: through the tray icon where the system has a tray, in the
// status bar where it has none (the offscreen platform, some Linux desktops).
class DesktopReminders : public QObject
{
    Q_OBJECT

public:
    DesktopReminders(const QSqlDatabase &db, const QString &ownerId, QStatusBar *fallback,
                     QObject *parent = nullptr);
    ~DesktopReminders() override;

    ReminderController *controller() const { return m_controller; }
    bool usesTray() const { return m_tray != nullptr; }
    // Where other desktop notifications (approvals) go too: the tray or the status bar.
    TaskNotifier *notifier() const;
    void start();

signals:
    // From the tray icon's menu and notifications.
    void openRequested();
    void syncRequested();
    void quitRequested();
    void taskRequested(const QString &taskId);

private:
    ReminderController *m_controller = nullptr;
    TrayIcon *m_tray = nullptr;
    std::unique_ptr<StatusBarNotifier> m_statusBar;
};

} // namespace branchline
