// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/Customer.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

namespace branchline {

// "Request a change…" from the 360° view: the built-in flows that apply to the customer as
// it is, the values asked for (fee rates in percent, a credit limit in yuan, the KYC status)
// and a required reason. OK saves the request on this computer (ApprovalCommands) and
// closes; a problem is said under the form and nothing is lost.
class RequestChangeDialog : public QDialog
{
    Q_OBJECT

public:
    RequestChangeDialog(const QSqlDatabase &db, const QString &userId, const Customer &customer,
                        QWidget *parent = nullptr);

    // The saved request's id, once accepted.
    QString requestId() const { return m_requestId; }
    // Picks a flow by code; false when it does not apply to this customer.
    bool chooseFlow(const QString &flowCode);

    void accept() override;

private:
    QWidget *feePage();
    QWidget *creditPage();
    QWidget *kycPage();
    QWidget *statusPage(const QString &text);
    void showFlow();
    // The proposal as the server takes it; false with the problems when a value is unreadable.
    bool readProposal(QJsonObject *proposed, QStringList *problems) const;

    QSqlDatabase m_db;
    QString m_userId;
    Customer m_customer;
    QString m_requestId;
    QComboBox *m_flow = nullptr;
    QStackedWidget *m_pages = nullptr;
    QHash<QString, int> m_pageOf; // flow code -> page
    QHash<QString, QLineEdit *> m_rates; // fee_rate_* -> percent editor
    QLineEdit *m_limit = nullptr;
    QComboBox *m_kyc = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QLabel *m_problems = nullptr;
};

} // namespace branchline
