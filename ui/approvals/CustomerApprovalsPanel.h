// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace branchline {

class ApprovalListModel;

// A customer's approval history in the 360° view: every request made about it, newest
// first, with where each stands; "Request a change…" asks for a new one, and a double-click
// (or Enter) opens a request in the Approvals section.
class CustomerApprovalsPanel : public QWidget
{
    Q_OBJECT

public:
    CustomerApprovalsPanel(const QSqlDatabase &db, const QString &userId,
                           QWidget *parent = nullptr);

    void setCustomer(const QString &customerId);
    void refresh();
    ApprovalListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPushButton *requestButton() const { return m_request; }

signals:
    void changeRequested();
    void requestOpened(const QString &requestId);

private:
    ApprovalListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_request = nullptr;
    QLabel *m_empty = nullptr;
};

} // namespace branchline
