// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadCardDelegate.h"

#include "PendingMarkerDelegate.h"
#include "Tones.h"
#include "itemmodels/LeadColumnModel.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace branchline {

namespace {

constexpr int margin = 4; // around a card, so cards stand apart
constexpr int padding = 8; // inside a card
constexpr int lineGap = 2;

// Green for a hot lead, amber for a warm one, the palette's own grey for the rest: the
// score reads at a glance, and the number itself is there for colour-blind eyes.
QColor scoreColour(int score, const QPalette &palette)
{
    if (score >= 70)
        return Tones::colour(Tone::Success, palette);
    if (score >= 40)
        return Tones::colour(Tone::Warning, palette);
    return palette.color(QPalette::PlaceholderText);
}

} // namespace

QSize LeadCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int line = option.fontMetrics.height();
    return { option.rect.width() > 0 ? option.rect.width() : 200,
             3 * line + 2 * lineGap + 2 * padding + 2 * margin };
}

void LeadCardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QRectF card = QRectF(option.rect).adjusted(margin, margin, -margin, -margin);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath outline;
    outline.addRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    painter->fillPath(outline, palette.color(QPalette::Base));
    painter->setPen(QPen(selected ? palette.color(QPalette::Highlight)
                                  : palette.color(QPalette::Mid),
                         selected ? 2.0 : 1.0));
    painter->drawPath(outline);

    const QFontMetrics metrics = option.fontMetrics;
    const int line = metrics.height();
    QRect text = card.toRect().adjusted(padding, padding, -padding, -padding);

    // Line 1: the name, and the score as a pill on the right.
    const int score = index.data(LeadColumnModel::ScoreRole).toInt();
    const QString scoreText = QLocale().toString(score);
    const int pillWidth = metrics.horizontalAdvance(scoreText) + line;
    const QRect pill(text.right() - pillWidth + 1, text.top(), pillWidth, line);
    const QColor colour = scoreColour(score, palette);
    painter->setPen(QPen(colour, 1.0));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), line / 2.0, line / 2.0);
    painter->drawText(pill, Qt::AlignCenter, scoreText);

    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(palette.color(QPalette::Text));
    const QRect nameRect(text.left(), text.top(), text.width() - pillWidth - padding, line);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(index.data().toString(), Qt::ElideRight,
                                                    nameRect.width()));
    painter->setFont(option.font);

    // Line 2: the company.
    const QRect companyRect(text.left(), text.top() + line + lineGap, text.width(), line);
    painter->drawText(companyRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(index.data(LeadColumnModel::CompanyRole).toString(),
                                         Qt::ElideRight, companyRect.width()));

    // Line 3: city and owner, and the pending marker on the right.
    QRect detailRect(text.left(), text.top() + 2 * (line + lineGap), text.width(), line);
    if (index.data(LeadColumnModel::PendingRole).toBool()) {
        const QString pending = tr("Pending");
        const int side = line * 3 / 4;
        const int width = side + 4 + metrics.horizontalAdvance(pending);
        const QRect marker(detailRect.right() - width + 1, detailRect.top(), width, line);
        painter->drawPixmap(QRect(marker.left(), marker.top() + (line - side) / 2, side, side),
                            PendingMarkerDelegate::pendingIcon().pixmap(side, side));
        painter->setPen(palette.color(QPalette::PlaceholderText));
        painter->drawText(marker.adjusted(side + 4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                          pending);
        detailRect.setRight(marker.left() - padding);
    }
    QStringList details;
    for (const int role : { int(LeadColumnModel::CityRole), int(LeadColumnModel::OwnerRole) }) {
        const QString value = index.data(role).toString();
        if (!value.isEmpty())
            details << value;
    }
    painter->setPen(palette.color(QPalette::PlaceholderText));
    painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(details.join(QStringLiteral(" · ")), Qt::ElideRight,
                                         detailRect.width()));
    painter->restore();
}

} // namespace branchline
