// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskItemDelegate.h"

#include "PendingMarkerDelegate.h"
#include "Tones.h"
#include "itemmodels/TaskAgendaModel.h"

#include <QApplication>

namespace branchline {

TaskItemDelegate::TaskItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QStyleOptionViewItem TaskItemDelegate::styleFor(const QModelIndex &index,
                                                const QPalette &palette) const
{
    QStyleOptionViewItem option;
    option.palette = palette;
    option.font = QApplication::font();
    option.fontMetrics = QFontMetrics(option.font);
    initStyleOption(&option, index);
    return option;
}

QSize TaskItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 10));
    return size;
}

void TaskItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const bool overdue = index.data(TaskAgendaModel::OverdueRole).toBool();
    if (index.data(TaskAgendaModel::IsGroupRole).toBool()) {
        option->font.setBold(true);
        if (overdue)
            option->palette.setColor(QPalette::Text, Tones::colour(Tone::Error, option->palette));
        return;
    }
    const int column = index.column();
    if (column == TaskAgendaModel::Title) {
        // Every task keeps the marker's room, so titles line up whether or not it shows.
        option->features |= QStyleOptionViewItem::HasDecoration;
        const int side = option->fontMetrics.height() * 3 / 4;
        option->decorationSize = QSize(side, side);
        option->icon = index.data(TaskAgendaModel::PendingRole).toBool()
                ? PendingMarkerDelegate::pendingIcon()
                : QIcon();
    }
    if (index.data(TaskAgendaModel::DoneRole).toBool()) {
        option->font.setStrikeOut(column == TaskAgendaModel::Title);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        return;
    }
    if (overdue) {
        // Selected rows keep the palette's highlight colours; the wash marks the others.
        QColor wash = Tones::colour(Tone::Error, option->palette);
        wash.setAlphaF(Tones::isDark(option->palette) ? 0.16f : 0.08f);
        option->backgroundBrush = wash;
        if (column == TaskAgendaModel::Title || column == TaskAgendaModel::Due)
            option->palette.setColor(QPalette::Text, Tones::colour(Tone::Error, option->palette));
        option->font.setBold(column == TaskAgendaModel::Due);
    }
    if (column == TaskAgendaModel::Priority) {
        const QString priority = index.data(TaskAgendaModel::PriorityCodeRole).toString();
        option->font.setBold(priority == QLatin1String("urgent")
                             || priority == QLatin1String("high"));
        if (priority == QLatin1String("low"))
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::PlaceholderText));
    }
}

} // namespace branchline
