// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerWorkspace.h"

#include "CustomerListPage.h"
#include "CustomerView.h"

#include <QAction>

namespace branchline {

CustomerWorkspace::CustomerWorkspace(const QSqlDatabase &db, Role viewer, const QString &userId,
                                     QWidget *parent)
    : QStackedWidget(parent)
    , m_list(new CustomerListPage(db, viewer, userId, this))
    , m_view(new CustomerView(db, viewer, userId, this))
{
    setObjectName(QStringLiteral("CustomerWorkspace"));
    addWidget(m_list);
    addWidget(m_view);

    connect(m_list, &CustomerListPage::customerActivated, this, &CustomerWorkspace::openCustomer);
    connect(m_list, &CustomerListPage::pendingEditsChanged, this,
            &CustomerWorkspace::pendingEditsChanged);
    connect(m_view, &CustomerView::backRequested, this, &CustomerWorkspace::showList);
    connect(m_view, &CustomerView::approvalRequested, this, &CustomerWorkspace::approvalRequested);
    connect(m_view, &CustomerView::approvalOpened, this, &CustomerWorkspace::approvalOpened);
    connect(m_view, &CustomerView::pendingEditsChanged, this,
            &CustomerWorkspace::pendingEditsChanged);
    // The list shows the pending marker and the new values of what was just saved.
    connect(m_view, &CustomerView::pendingEditsChanged, m_list, &CustomerListPage::refresh);

    // Ctrl+F and Ctrl+N from the 360° view: back to the list, then as there. These are
    // separate actions on the view only, so no key is bound twice where both are active.
    auto *search = new QAction(m_list->searchAction()->text(), m_view);
    search->setShortcut(m_list->searchAction()->shortcut());
    search->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(search, &QAction::triggered, this, [this] {
        m_view->requestBack();
        if (!isShowingCustomer())
            m_list->focusSearch();
    });
    m_view->addAction(search);
    auto *create = new QAction(m_list->newCustomerAction()->text(), m_view);
    create->setShortcut(m_list->newCustomerAction()->shortcut());
    create->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(create, &QAction::triggered, m_list, &CustomerListPage::newCustomer);
    m_view->addAction(create);
}

bool CustomerWorkspace::isShowingCustomer() const
{
    return currentIndex() == indexOf(m_view);
}

void CustomerWorkspace::openCustomer(const QString &customerId)
{
    // A customer gone from the store still opens the view, which says so.
    m_view->openCustomer(customerId);
    setCurrentWidget(m_view);
    m_view->setFocus(Qt::OtherFocusReason);
}

void CustomerWorkspace::showList()
{
    setCurrentWidget(m_list);
    m_list->focusTable();
}

void CustomerWorkspace::refresh()
{
    m_list->refresh();
    if (isShowingCustomer())
        m_view->refresh();
}

void CustomerWorkspace::setOnline(bool online)
{
    m_view->setOnline(online);
}

void CustomerWorkspace::setRevealService(PiiRevealService *service)
{
    m_view->setRevealService(service);
}

} // namespace branchline
