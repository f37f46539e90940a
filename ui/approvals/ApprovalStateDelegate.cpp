// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalStateDelegate.h"

#include "Tones.h"
#include "itemmodels/ApprovalListModel.h"

namespace branchline {

void ApprovalStateDelegate::initStyleOption(QStyleOptionViewItem *option,
                                            const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (option->state & QStyle::State_Selected)
        return;
    using Attention = ApprovalListModel::Attention;
    const auto attention = Attention(index.data(ApprovalListModel::AttentionRole).toInt());
    if (attention == Attention::None)
        return;
    const QColor colour = Tones::colour(
            attention == Attention::Problem ? Tone::Error : Tone::Warning, option->palette);
    option->palette.setColor(QPalette::Text, colour);
}

} // namespace branchline
