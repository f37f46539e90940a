// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrayIcon.h"

#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>

namespace branchline {

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_menu(std::make_unique<QMenu>())
{
    m_menu->addAction(tr("&Open Branchline"), this, &TrayIcon::openRequested);
    m_menu->addAction(tr("&Sync now"), this, &TrayIcon::syncRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("&Quit"), this, &TrayIcon::quitRequested);

    // The app's icon (app/main.cpp sets it from the same resource).
    const QIcon icon = QApplication::windowIcon().isNull()
            ? QIcon(QStringLiteral(":/branchline/icons/branchline.svg"))
            : QApplication::windowIcon();
    m_icon = new QSystemTrayIcon(icon, this);
    m_icon->setToolTip(QApplication::applicationDisplayName());
    m_icon->setContextMenu(m_menu.get());
    connect(m_icon, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    emit openRequested();
            });
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, [this] {
        if (m_lastTaskId.isEmpty())
            emit openRequested();
        else
            emit taskRequested(m_lastTaskId);
    });
    m_icon->show();
}

TrayIcon::~TrayIcon()
{
    m_icon->hide();
}

void TrayIcon::notify(const TaskNotice &notice)
{
    m_lastTaskId = notice.taskId;
    m_icon->showMessage(notice.title, notice.message, QSystemTrayIcon::Information);
}

} // namespace branchline
