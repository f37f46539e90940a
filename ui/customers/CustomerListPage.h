// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/Role.h"

#include <QSqlDatabase>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class QTimer;
class QToolButton;

namespace branchline {

class CustomerCounter;
class CustomerFilterBar;
class CustomerListModel;

// The customer list: instant search over the whole local store, filters, two sort orders,
// saved filters and a count, over the lazy CustomerListModel. Enter or a double click opens
// a customer; Ctrl+F goes to the search box, Ctrl+N makes a new customer.
class CustomerListPage : public QWidget
{
    Q_OBJECT

public:
    CustomerListPage(const QSqlDatabase &db, Role viewer, const QString &userId,
                     QWidget *parent = nullptr);

    CustomerListModel *model() const { return m_model; }
    // For the main window's menus; their shortcuts work while this page has the focus.
    QAction *searchAction() const { return m_searchAction; }
    QAction *newCustomerAction() const { return m_newAction; }

    // "12,345 customers" once the count is done; empty while counting.
    QString countText() const;

public slots:
    // Reads the store again (after a sync round pulled rows or an edit was saved), keeping
    // the filter, the sort and, when it is still listed, the selected customer.
    void refresh();
    void focusSearch();
    // Puts the focus on the list, at the selected customer (coming back from the view).
    void focusTable();
    // Opens the new customer dialog; customerActivated follows when it is saved.
    void newCustomer();
    // Saved filters (also reachable through the "Saved filters" menu).
    void saveCurrentFilterAs(const QString &name);
    void applySavedFilter(const QString &name);
    void deleteSavedFilter(const QString &name);

signals:
    void customerActivated(const QString &customerId);
    // An edit was saved on this computer and waits in the outbox (so the app can sync soon).
    void pendingEditsChanged();

private:
    void fitColumns();
    void applyFilter();
    void onHeaderClicked(int section);
    void openRow(int row);
    void openFromSearch();
    void rebuildSavedFiltersMenu();
    void askForFilterName();
    void showNotice(const QString &text);

    QSqlDatabase m_db;
    QString m_userId;
    CustomerListModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    CustomerFilterBar *m_filters = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_notice = nullptr;
    QToolButton *m_savedButton = nullptr;
    QMenu *m_savedMenu = nullptr;
    QTimer *m_searchDelay = nullptr;
    QTimer *m_countDelay = nullptr;
    QAction *m_searchAction = nullptr;
    QAction *m_newAction = nullptr;
    CustomerCounter *m_counter = nullptr;
};

} // namespace branchline
