// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/Customer.h"
#include "domain/rules/Role.h"

#include <QSqlDatabase>
#include <QWidget>

class QFormLayout;
class QGroupBox;
class QLabel;
class QTableView;

namespace branchline {

class TerminalListModel;

// The "Merchant" tab of the 360° view (or "Borrower" for a borrower): the terms the
// customer works under — MCC with what it stands for, fee rates as percentages, the
// settlement account masked for the viewer's role, a borrower's credit limit in ¥ — and a
// merchant's terminals with their status. Everything here changes through approvals or
// comes from the acquiring system, so the panel only reads.
class MerchantPanel : public QWidget
{
    Q_OBJECT

public:
    MerchantPanel(const QSqlDatabase &db, Role viewer, QWidget *parent = nullptr);

    void setCustomer(const Customer &customer);
    // "Merchant" or "Borrower", for the tab.
    static QString title(CustomerKind kind);
    TerminalListModel *terminals() const { return m_terminals; }

private:
    QLabel *addValue(const QString &objectName, const QString &label);
    void setRowShown(QLabel *value, bool shown);

    Role m_viewer;
    QFormLayout *m_terms = nullptr;
    QLabel *m_mcc = nullptr;
    QLabel *m_debit = nullptr;
    QLabel *m_credit = nullptr;
    QLabel *m_qr = nullptr;
    QLabel *m_account = nullptr;
    QLabel *m_limit = nullptr;
    QGroupBox *m_terminalBox = nullptr;
    QLabel *m_terminalSummary = nullptr;
    QTableView *m_terminalTable = nullptr;
    TerminalListModel *m_terminals = nullptr;
};

} // namespace branchline
