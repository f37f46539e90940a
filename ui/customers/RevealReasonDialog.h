// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FieldMessages.h"

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace branchline {

// Asks why a person wants to see a customer's personal data in full (PIPL: unmasking needs a
// reason, which the server records in the audit trail with the person's name). A few common
// reasons can be picked and completed; the reason is required and must say something.
// Shown with open(), never exec(), so the view keeps running and tests can type into it.
class RevealReasonDialog : public QDialog
{
    Q_OBJECT

public:
    RevealReasonDialog(const QString &fieldLabel, const QString &customerName,
                       QWidget *parent = nullptr);

    QString reason() const;
    // Letters or digits a reason needs at least. The server asks four characters; four
    // Chinese characters (核实身份) are a reason, four punctuation marks are not.
    static constexpr int minimumLength = 4;
    // Whether `reason` says something; if not, `problem` says what is missing (translated).
    static bool isSensible(const QString &reason, QString *problem);

public slots:
    void accept() override;

private:
    void pickCommonReason(int index);

    QComboBox *m_common = nullptr;
    QLineEdit *m_reason = nullptr;
    FieldMessages m_messages;
};

} // namespace branchline
