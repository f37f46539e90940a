// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace branchline {

// One timeline entry as two lines: a coloured kind badge with the subject, and under it
// the time and the first line of the body. Every entry has the same height, so a customer
// with thousands of activities scrolls without measuring rows.
class TimelineDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace branchline
