// SPDX-License-Identifier: GPL-3.0-or-later
#include "OverdueTaskDelegate.h"

namespace branchline {

OverdueTaskDelegate::OverdueTaskDelegate(int overdueRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_overdueRole(overdueRole)
{
}

void OverdueTaskDelegate::initStyleOption(QStyleOptionViewItem *option,
                                          const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(m_overdueRole).toBool())
        return;
    const QColor red(0xd9, 0x30, 0x25);
    option->palette.setColor(QPalette::Text, red); // selected rows keep their own colours
    option->font.setBold(true);
}

} // namespace branchline
