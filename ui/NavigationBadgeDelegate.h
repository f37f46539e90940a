// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace branchline {

// Draws a section's count (requests waiting for me) as a small filled badge at the right
// of its navigation item; the item's tooltip says the same in words.
class NavigationBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int CountRole = Qt::UserRole + 1;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Room a badge takes beside the name, so the navigation is made wide enough for it.
    static int badgeRoom(const QFontMetrics &metrics);
};

} // namespace branchline
