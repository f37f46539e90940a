// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FieldMessages.h"

#include <QDialog>
#include <QSqlDatabase>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace branchline {

// Ctrl+N: a new customer with the fields needed to find and identify it. It is saved as a
// prospect owned by the user, checked by RecordValidator; a problem is shown next to its
// field and nothing is saved until every field is right.
class NewCustomerDialog : public QDialog
{
    Q_OBJECT

public:
    NewCustomerDialog(const QSqlDatabase &db, const QString &userId, QWidget *parent = nullptr);

    // The new customer's global id once the dialog was accepted.
    QString createdId() const { return m_createdId; }

public slots:
    void accept() override;

private:
    void updateKindRows();
    void growToFit();

    QSqlDatabase m_db;
    QString m_userId;
    QString m_createdId;
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
    QLabel *m_problem = nullptr;
};

} // namespace branchline
