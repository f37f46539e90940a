// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "approvals/ApprovalInbox.h"
#include "domain/rules/Role.h"

#include <QSqlDatabase>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace branchline {

class ApprovalDecisionBar;
class ApprovalTimelineModel;

// One request: the customer, what is asked and why, the change as before → after, where it
// stands for me (a decision waiting to be sent, or the server's refusal in its own words),
// the flow step by step with who decided what and when, and the decision bar.
class ApprovalDetail : public QWidget
{
    Q_OBJECT

public:
    ApprovalDetail(const QSqlDatabase &db, Role viewer, const QString &userId,
                   QWidget *parent = nullptr);

    void clear();
    void show(const ApprovalItem &item);
    ApprovalDecisionBar *decisionBar() const { return m_bar; }
    ApprovalTimelineModel *timeline() const { return m_timeline; }

signals:
    void openCustomerRequested(const QString &customerId);

private:
    void showDiff(const ApprovalItem &item);

    QSqlDatabase m_db;
    Role m_viewer;
    ApprovalInbox m_inbox;
    QString m_customerId;
    QWidget *m_content = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_reason = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_openCustomer = nullptr;
    QTableWidget *m_diff = nullptr;
    QTableView *m_steps = nullptr;
    ApprovalTimelineModel *m_timeline = nullptr;
    ApprovalDecisionBar *m_bar = nullptr;
};

} // namespace branchline
