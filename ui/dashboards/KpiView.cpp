// SPDX-License-Identifier: GPL-3.0-or-later
#include "KpiView.h"

#include "Tones.h"

#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QVBoxLayout>

#include <cmath>

namespace branchline {

KpiView::KpiView(const WidgetDefinition &widget, const QueryResult &result, QWidget *parent)
    : ResultView(result, parent)
    , m_value(new QLabel(this))
    , m_change(new QLabel(this))
{
    setObjectName(QStringLiteral("kpiView"));
    m_value->setObjectName(QStringLiteral("kpiValue"));
    m_change->setObjectName(QStringLiteral("kpiChange"));
    m_value->setAlignment(Qt::AlignCenter);
    m_change->setAlignment(Qt::AlignCenter);
    m_value->setTextFormat(Qt::PlainText);
    m_change->setTextFormat(Qt::PlainText);
    m_change->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addStretch(1);
    layout->addWidget(m_value);
    layout->addWidget(m_change);
    layout->addStretch(1);

    const int column = result.dimensionCount();
    const bool hasValue = result.rowCount() > 0 && column < result.columnCount();
    m_value->setText(hasValue && !result.value(0, column).isNull() ? result.text(0, column)
                                                                   : tr("No data"));
    if (hasValue)
        setCursor(Qt::PointingHandCursor);
    if (!widget.comparePrevious) {
        m_change->hide();
        return;
    }
    const std::optional<double> change = result.changeFromPrevious(0);
    if (!change) {
        m_change->setText(tr("No previous period to compare"));
        return;
    }
    const QString percent = QLocale().toString(std::abs(*change) * 100.0, 'f', 1);
    if (std::abs(*change) < 0.0005) {
        m_change->setText(tr("No change from the previous period"));
    } else if (*change > 0) {
        m_change->setText(tr("▲ %1 % up on the previous period").arg(percent));
        Tones::setTextTone(m_change, Tone::Success);
    } else {
        m_change->setText(tr("▼ %1 % down on the previous period").arg(percent));
        Tones::setTextTone(m_change, Tone::Error);
    }
}

QString KpiView::valueText() const
{
    return m_value->text();
}

QString KpiView::changeText() const
{
    return m_change->isHidden() ? QString() : m_change->text();
}

void KpiView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_result.rowCount() > 0)
        drillRow(0);
    ResultView::mouseReleaseEvent(event);
}

void KpiView::resizeEvent(QResizeEvent *event)
{
    // The number fills the tile: a third of its height, within reason.
    QFont font = m_value->font();
    font.setPixelSize(std::clamp(height() / 3, 14, 48));
    font.setBold(true);
    m_value->setFont(font);
    ResultView::resizeEvent(event);
}

} // namespace branchline
