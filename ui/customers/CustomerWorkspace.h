// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/Role.h"

#include <QSqlDatabase>
#include <QStackedWidget>

namespace branchline {

class CustomerListPage;
class CustomerView;
class PiiRevealService;

// The Customers page of the main window: the list, and the 360° view of the customer opened
// from it. Enter opens, Esc comes back; Ctrl+F and Ctrl+N work from both.
class CustomerWorkspace : public QStackedWidget
{
    Q_OBJECT

public:
    CustomerWorkspace(const QSqlDatabase &db, Role viewer, const QString &userId,
                      QWidget *parent = nullptr);

    CustomerListPage *listPage() const { return m_list; }
    CustomerView *customerView() const { return m_view; }
    bool isShowingCustomer() const;

public slots:
    void openCustomer(const QString &customerId);
    void showList();
    // After a sync round pulled rows: the list and, when one is open, the customer.
    void refresh();
    void setOnline(bool online);
    // Where the 360° view's reveal action asks the server (the signed-in session).
    void setRevealService(branchline::PiiRevealService *service);

signals:
    // An edit was saved on this computer and waits in the outbox (the app syncs soon).
    void pendingEditsChanged();
    // An approval request was saved here from the 360° view.
    void approvalRequested(const QString &requestId);
    // A request in the 360° view's approval history was opened.
    void approvalOpened(const QString &requestId);

private:
    CustomerListPage *m_list = nullptr;
    CustomerView *m_view = nullptr;
};

} // namespace branchline
