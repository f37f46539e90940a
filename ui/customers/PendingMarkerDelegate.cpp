// SPDX-License-Identifier: GPL-3.0-or-later
#include "PendingMarkerDelegate.h"

#include <QPainter>
#include <QPixmap>

namespace branchline {

PendingMarkerDelegate::PendingMarkerDelegate(int pendingRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_pendingRole(pendingRole)
{
}

QIcon PendingMarkerDelegate::pendingIcon()
{
    // Drawn rather than taken from the icon theme: the offscreen platform and many Windows
    // installs have no theme, and the marker must never be missing.
    static const QIcon icon = [] {
        // 64 pixels: sharp when scaled down to a marker of 12 points at twice the pixel ratio.
        QPixmap pixmap(64, 64);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        // Amber reads on light and dark rows alike; the hole in the middle shows the row's
        // own colour, whichever the palette gives it.
        painter.setBrush(QColor(0xf2, 0x9f, 0x05));
        painter.drawEllipse(QRectF(12, 12, 40, 40));
        painter.setCompositionMode(QPainter::CompositionMode_Clear);
        painter.drawEllipse(QRectF(26, 26, 12, 12));
        painter.end();
        return QIcon(pixmap);
    }();
    return icon;
}

void PendingMarkerDelegate::initStyleOption(QStyleOptionViewItem *option,
                                            const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // Every row keeps the marker's room, so names line up whether or not a row has one.
    option->features |= QStyleOptionViewItem::HasDecoration;
    const int side = option->fontMetrics.height() * 3 / 4;
    option->decorationSize = QSize(side, side);
    if (index.data(m_pendingRole).toBool())
        option->icon = pendingIcon();
}

} // namespace branchline
