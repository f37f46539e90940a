// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/MerchantRecords.h"
#include "domain/records/RecordEnums.h"
#include "domain/rules/Role.h"

#include <QSqlDatabase>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace branchline {

class KycChecklistModel;

// The "KYC checklist" tab of the 360° view: every item the customer's kind requires, with
// its state, note, who moved it and when. A rep marks the selected item submitted; a risk
// officer verifies or rejects it (a rejection says why). Only the moves the role may make
// are offered (KycRules); each is saved on this computer with its outbox row, so it works
// offline and shows as pending until the server has it.
class KycChecklistPanel : public QWidget
{
    Q_OBJECT

public:
    KycChecklistPanel(const QSqlDatabase &db, Role viewer, const QString &userId,
                      QWidget *parent = nullptr);

    void setCustomer(const QString &customerId, CustomerKind kind);
    KycChecklistModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

public slots:
    void reload();
    // The selected item, with the note typed; false (and the reason shown) when refused.
    bool markSubmitted();
    bool verify();
    bool reject();

signals:
    // An item moved on this computer and waits in the outbox.
    void moved();

private:
    bool move(KycItemState to);
    int selectedRow() const;
    void updateActions();
    void updateSummary();
    void setMessage(const QString &text, bool problem);

    QSqlDatabase m_db;
    Role m_viewer;
    QString m_userId;
    QString m_customerId;
    KycChecklistModel *m_model = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_note = nullptr;
    QPushButton *m_submit = nullptr;
    QPushButton *m_verify = nullptr;
    QPushButton *m_reject = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace branchline
