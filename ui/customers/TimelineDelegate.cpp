// SPDX-License-Identifier: GPL-3.0-or-later
#include "TimelineDelegate.h"

#include "Tones.h"
#include "itemmodels/ActivityTimelineModel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>

namespace branchline {

namespace {

Tone kindTone(const QString &code)
{
    if (code == QLatin1String("call"))
        return Tone::Info;
    if (code == QLatin1String("visit"))
        return Tone::Success;
    if (code == QLatin1String("email"))
        return Tone::Violet;
    if (code == QLatin1String("document"))
        return Tone::Neutral;
    return Tone::Warning; // note
}

constexpr int padding = 6;

} // namespace

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(200, option.fontMetrics.lineSpacing() * 2 + padding * 3);
}

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &base, painter, option.widget);

    const QModelIndex kindIndex = index.siblingAtColumn(ActivityTimelineModel::Kind);
    const QModelIndex subjectIndex = index.siblingAtColumn(ActivityTimelineModel::Subject);
    const QString kind = kindIndex.data().toString();
    const QString subject = subjectIndex.data().toString();
    const QString body = index.data(ActivityTimelineModel::BodyRole).toString();
    const QDateTime when = index.data(ActivityTimelineModel::OccurredAtRole).toDateTime();
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &palette = option.palette;

    painter->save();
    const QFontMetrics metrics = option.fontMetrics;
    const QRect area = option.rect.adjusted(padding, padding, -padding, -padding);

    // The kind badge: a rounded box with the translated kind in it.
    QFont badgeFont = option.font;
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
    const QFontMetrics badgeMetrics(badgeFont);
    const int badgeWidth = badgeMetrics.horizontalAdvance(kind) + 12;
    const QRect badge(area.left(), area.top() + (metrics.lineSpacing() - badgeMetrics.height()) / 2,
                      badgeWidth, badgeMetrics.height() + 2);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    // The badge's shade follows the palette; its text is whichever of black and white reads.
    const QColor fill = Tones::colour(
            kindTone(index.data(ActivityTimelineModel::KindCodeRole).toString()), palette);
    painter->setBrush(fill);
    painter->drawRoundedRect(badge, 4, 4);
    painter->setFont(badgeFont);
    painter->setPen(Tones::textOn(fill));
    painter->drawText(badge, Qt::AlignCenter, kind);

    // Subject on the first line, then time and body on the second.
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor quiet = selected ? text : palette.color(QPalette::PlaceholderText);
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QRect first(badge.right() + 8, area.top(), area.right() - badge.right() - 8,
                      metrics.lineSpacing());
    painter->drawText(first, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(subject, Qt::ElideRight, first.width()));

    painter->setFont(option.font);
    painter->setPen(quiet);
    const QString time = QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
    const QString firstLine = body.section(QLatin1Char('\n'), 0, 0);
    const QString second = firstLine.isEmpty() || firstLine == subject
            ? time
            : time + QStringLiteral("  ·  ") + firstLine;
    QRect secondRect(area.left(), area.top() + metrics.lineSpacing() + padding, area.width(),
                     metrics.lineSpacing());
    // Where the entry stands with the server, at the end of the line where it cannot be
    // missed: waiting to be sent, or refused (the tooltip says why and what to do).
    const auto state = static_cast<SyncMarks::State>(
            index.data(ActivityTimelineModel::SyncStateRole).toInt());
    if (state != SyncMarks::State::InStep) {
        const bool refused = state == SyncMarks::State::Refused;
        // Glyphs every desktop font has (an hourglass emoji showed as a box): the ring is the
        // customer list's mark for local edits the server has not confirmed.
        const QString mark = (refused ? QStringLiteral("⚠ ") : QStringLiteral("○ "))
                + index.data(ActivityTimelineModel::SyncLabelRole).toString();
        QFont markFont = option.font;
        markFont.setBold(refused);
        const QFontMetrics markMetrics(markFont);
        const int markWidth = markMetrics.horizontalAdvance(mark) + 4;
        painter->setFont(markFont);
        painter->setPen(selected ? text
                                 : Tones::colour(refused ? Tone::Error : Tone::Warning, palette));
        painter->drawText(QRect(secondRect.right() - markWidth, secondRect.top(), markWidth,
                                secondRect.height()),
                          Qt::AlignRight | Qt::AlignVCenter, mark);
        secondRect.setRight(secondRect.right() - markWidth - 8);
        painter->setFont(option.font);
        painter->setPen(quiet);
    }
    painter->drawText(secondRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(second, Qt::ElideRight, secondRect.width()));
    painter->restore();
}

} // namespace branchline
