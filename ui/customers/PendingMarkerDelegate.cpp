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
        QPixmap pixmap(32, 32);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0xf2, 0x9f, 0x05));
        painter.drawEllipse(QRectF(6, 6, 20, 20));
        painter.setBrush(Qt::white);
        painter.drawEllipse(QRectF(13, 13, 6, 6));
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
