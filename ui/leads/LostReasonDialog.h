// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QPushButton;

namespace branchline {

// Asked when a lead is dropped on "lost": why. The answer goes into the lead's notes, so
// whoever picks it up again knows why it stalled. Common reasons are offered; any text will
// do, but not none.
class LostReasonDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LostReasonDialog(const QString &leadName, QWidget *parent = nullptr);

    QString reason() const;

private:
    QComboBox *m_reason = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace branchline
