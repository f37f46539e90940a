// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace branchline {

// Shows an overdue task in the error colour; the model decides what is overdue.
class OverdueTaskDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    OverdueTaskDelegate(int overdueRole, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_overdueRole;
};

} // namespace branchline
