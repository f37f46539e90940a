// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TaskNotifier.h"

#include <QObject>

#include <memory>

class QMenu;
class QSystemTrayIcon;

namespace branchline {

// The program's icon in the system tray: its menu opens the window, syncs or quits, and task
// reminders show as its notifications; clicking one opens the task. Only made where
// QSystemTrayIcon::isSystemTrayAvailable() (not on the offscreen platform, nor on desktops
// without a tray).
class TrayIcon : public QObject, public TaskNotifier
{
    Q_OBJECT

public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    void notify(const TaskNotice &notice) override;

signals:
    void openRequested();
    void syncRequested();
    void quitRequested();
    void taskRequested(const QString &taskId);

private:
    std::unique_ptr<QMenu> m_menu; // a menu has no parent widget here
    QSystemTrayIcon *m_icon = nullptr;
    QString m_lastTaskId; // the task of the notification on show
};

} // namespace branchline
