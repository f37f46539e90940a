// SPDX-License-Identifier: GPL-3.0-or-later
#include "OverdueTaskDelegate.h"

#include "Tones.h"

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
    // Selected rows keep their own colours.
    option->palette.setColor(QPalette::Text, Tones::colour(Tone::Error, option->palette));
    option->font.setBold(true);
}

} // namespace branchline
