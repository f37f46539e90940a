// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "approvals/ApprovalRecords.h"

#include <QSqlDatabase>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace branchline {

// What the person can do with the request on screen: a comment, and Approve / Reject /
// Return / Delegate for an approver of the current step, Withdraw for the requester. Each
// button has a shortcut (in its tooltip) that works anywhere in the Approvals section. A
// decision is saved on this computer at once (ApprovalCommands) and sent with the next sync.
class ApprovalDecisionBar : public QWidget
{
    Q_OBJECT

public:
    ApprovalDecisionBar(const QSqlDatabase &db, const QString &userId, QWidget *parent = nullptr);

    // Shows the buttons the request allows the person now.
    void setItem(const ApprovalItem &item);
    void clear();
    // The section's shortcuts, to be added to the page so they work from the list too.
    QList<QAction *> shortcuts() const { return m_actions; }

signals:
    // A decision or withdrawal was saved here and waits in the outbox.
    void decided(const QString &requestId);

private:
    void act(const QString &decision);
    QPushButton *addButton(const QString &name, const QString &text, const QString &tip,
                           const QKeySequence &keys, const QString &decision);
    void showProblem(const QString &message);

    QSqlDatabase m_db;
    QString m_userId;
    ApprovalItem m_item;
    bool m_hasItem = false;
    QPlainTextEdit *m_comment = nullptr;
    QComboBox *m_delegateTo = nullptr;
    QLabel *m_delegateLabel = nullptr;
    QLabel *m_problem = nullptr;
    QHash<QString, QPushButton *> m_buttons; // by decision code
    QList<QAction *> m_actions;
};

} // namespace branchline
