// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindowHost.h"

#include "MainWindow.h"
#include "Translations.h"
#include "customers/CustomerView.h"
#include "customers/CustomerWorkspace.h"

#include <QApplication>

namespace branchline {

MainWindowHost::MainWindowHost(Session &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    adopt(new MainWindow(m_session));
}

MainWindowHost::~MainWindowHost()
{
    delete m_window;
}

void MainWindowHost::adopt(MainWindow *window)
{
    m_window = window;
    // Queued: the old window is still inside its menu action when it asks.
    connect(window, &MainWindow::languageChosen, this, &MainWindowHost::switchLanguage,
            Qt::QueuedConnection);
    connect(window, &MainWindow::signInRequired, this, &MainWindowHost::signInRequired);
}

void MainWindowHost::switchLanguage(const QString &language)
{
    MainWindow *old = m_window;
    const MainWindow::Section section = old->currentSection();
    CustomerWorkspace *customers = old->customers();
    const QString customer =
            customers->isShowingCustomer() ? customers->customerView()->customerId() : QString();

    Translations::install(*qApp, language);
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Branchline"));

    auto *fresh = new MainWindow(m_session);
    fresh->restoreGeometry(old->saveGeometry());
    fresh->restoreState(old->saveState());
    fresh->showSection(section);
    if (!customer.isEmpty())
        fresh->customers()->openCustomer(customer);
    adopt(fresh);
    // The new window is up before the old one goes, so the app never has no window (and
    // does not quit on "last window closed").
    if (old->isVisible())
        fresh->show();
    old->hide();
    old->deleteLater();
    emit windowReplaced(fresh);
}

} // namespace branchline
