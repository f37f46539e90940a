// SPDX-License-Identifier: GPL-3.0-or-later
#include "NavigationBadgeDelegate.h"

#include "Tones.h"

#include <QPainter>

namespace branchline {

int NavigationBadgeDelegate::badgeRoom(const QFontMetrics &metrics)
{
    return metrics.horizontalAdvance(QStringLiteral("999+")) + metrics.height();
}

QSize NavigationBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += badgeRoom(option.fontMetrics);
    return size;
}

void NavigationBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const int count = index.data(CountRole).toInt();
    if (count <= 0)
        return;
    const QString text = count > 999 ? QStringLiteral("999+") : QLocale().toString(count);
    QFont font = option.font;
    font.setBold(true);
    const QFontMetrics metrics(font);
    const int height = metrics.height() + 2;
    const int width = qMax(height, metrics.horizontalAdvance(text) + height / 2 + 4);
    const QRect badge(option.rect.right() - width - 6, option.rect.center().y() - height / 2, width,
                      height);
    const QColor fill = Tones::colour(Tone::Error, option.palette);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(Tones::textOn(fill));
    painter->setFont(font);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace branchline
