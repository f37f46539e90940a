// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FieldMessages.h"
#include "domain/records/Customer.h"
#include "domain/records/Lead.h"
#include "domain/rules/Role.h"

#include <QDialog>
#include <QSqlDatabase>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace branchline {

// Converts a lead into a customer: the form starts from what the lead says (LeadConversion's
// draft) and is checked by RecordValidator, each problem next to its field. Nothing is saved
// until every field is right; then the customer and the converted lead are saved together,
// offline or not, and reach the server with the next sync.
class ConvertLeadDialog : public QDialog
{
    Q_OBJECT

public:
    ConvertLeadDialog(const QSqlDatabase &db, Role role, const QString &userId, const Lead &lead,
                      QWidget *parent = nullptr);

    // The new customer's global id once the dialog was accepted.
    QString customerId() const { return m_customerId; }

public slots:
    void accept() override;

private:
    void fill(const Customer &draft);
    void updateKindRows();
    void growToFit();
    Customer customerFromForm() const;

    QSqlDatabase m_db;
    Role m_role;
    QString m_userId;
    Lead m_lead;
    Customer m_draft;
    QString m_customerId;
    FieldMessages m_messages;
    QFormLayout *m_form = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_legalName = nullptr;
    QLineEdit *m_creditCode = nullptr;
    QLineEdit *m_idNumber = nullptr;
    QLineEdit *m_phone = nullptr;
    QLineEdit *m_city = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_mcc = nullptr;
    QLabel *m_owner = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace branchline
