// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/Role.h"

#include <QSqlDatabase>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTabBar;
class QTableView;

namespace branchline {

class ApprovalDetail;
class ApprovalListModel;

// The Approvals section: the boxes (Waiting for me, Requested by me, Decided), a flow and
// status filter and a search box over the list, and the chosen request's detail with the
// decision bar. Keyboard: arrows move in the list, Ctrl+F searches, Alt+1…3 pick a box, and
// the decision bar's shortcuts (Ctrl+Enter approves) work from anywhere in the section.
class ApprovalsPage : public QWidget
{
    Q_OBJECT

public:
    ApprovalsPage(const QSqlDatabase &db, Role viewer, const QString &userId,
                  QWidget *parent = nullptr);

    ApprovalListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    ApprovalDetail *detail() const { return m_detail; }
    QTabBar *boxes() const { return m_boxes; }
    // How many requests wait for my decision (the navigation badge).
    int waitingCount() const;
    // Opens a request in whichever box holds it; false when it is not on this computer.
    bool showRequest(const QString &requestId);

public slots:
    // Reads the store again (after a sync round or a decision), keeping the selection.
    void refresh();

signals:
    void waitingCountChanged(int count);
    // A decision or withdrawal was saved here: sync soon.
    void pendingEditsChanged();
    void openCustomerRequested(const QString &customerId);

private:
    void selectRow(int row);
    void showCurrent();
    void updateBoxTitles();
    void decided(const QString &requestId);

    ApprovalListModel *m_model = nullptr;
    QTabBar *m_boxes = nullptr;
    QComboBox *m_flow = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_view = nullptr;
    ApprovalDetail *m_detail = nullptr;
    QStackedWidget *m_body = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace branchline
