// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartResultView.h"

#include "Tones.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLineSeries>
#include <QPieSeries>
#include <QPieSlice>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <QVBoxLayout>

namespace branchline {

ChartResultView::ChartResultView(WidgetType type, const QueryResult &result, QWidget *parent)
    : ResultView(result, parent)
    , m_type(type)
    , m_data(ChartData::from(result))
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
{
    setObjectName(QStringLiteral("chartView"));
    // Qt Charts' own themes ignore the system palette: follow it, or the chart is a white
    // box in a dark window.
    m_chart->setTheme(Tones::isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundVisible(false);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->legend()->setLabelColor(palette().color(QPalette::Text));
    m_chart->legend()->setVisible(m_data.series.size() > 1 || type == WidgetType::Pie
                                  || type == WidgetType::Donut);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setBackgroundBrush(Qt::NoBrush);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    switch (type) {
    case WidgetType::StackedBar:
        buildBars(true);
        break;
    case WidgetType::Line:
        buildLines(false);
        break;
    case WidgetType::Area:
        buildLines(true);
        break;
    case WidgetType::Pie:
        buildPie(false);
        break;
    case WidgetType::Donut:
        buildPie(true);
        break;
    default:
        buildBars(false);
        break;
    }
}

void ChartResultView::buildBars(bool stacked)
{
    QAbstractBarSeries *bars = stacked ? static_cast<QAbstractBarSeries *>(new QStackedBarSeries)
                                       : static_cast<QAbstractBarSeries *>(new QBarSeries);
    for (int s = 0; s < m_data.series.size(); ++s) {
        auto *set = new QBarSet(m_data.series.at(s).name);
        for (const auto &value : m_data.series.at(s).values)
            *set << value.value_or(0);
        connect(set, &QBarSet::clicked, this, [this, s](int category) { activate(category, s); });
        bars->append(set);
    }
    m_chart->addSeries(bars);
    if (stacked) {
        // A stacked bar is as tall as its segments together.
        for (int i = 0; i < m_data.categories.size(); ++i) {
            double total = 0;
            for (const ChartData::Series &s : m_data.series)
                total += s.values.value(i).value_or(0);
            m_top = std::max(m_top, total);
        }
    }
    addAxes(m_data.categories, { bars });
}

void ChartResultView::buildLines(bool area)
{
    QList<QAbstractSeries *> all;
    for (int s = 0; s < m_data.series.size(); ++s) {
        auto *line = new QLineSeries;
        line->setName(m_data.series.at(s).name);
        const auto &values = m_data.series.at(s).values;
        for (int i = 0; i < values.size(); ++i)
            line->append(i, values.at(i).value_or(0));
        line->setPointsVisible(values.size() < 40);
        auto nearest = [this, s](const QPointF &point) {
            activate(int(std::lround(point.x())), s);
        };
        if (area) {
            auto *filled = new QAreaSeries(line);
            filled->setName(line->name());
            connect(filled, &QAreaSeries::clicked, this, nearest);
            m_chart->addSeries(filled);
            all << filled;
        } else {
            connect(line, &QLineSeries::clicked, this, nearest);
            m_chart->addSeries(line);
            all << line;
        }
    }
    addAxes(m_data.categories, all);
}

void ChartResultView::buildPie(bool donut)
{
    auto *pie = new QPieSeries;
    if (donut)
        pie->setHoleSize(0.45);
    const ChartData::Series first = m_data.series.value(0);
    for (int i = 0; i < m_data.categories.size(); ++i) {
        QPieSlice *slice = pie->append(m_data.categories.at(i), first.values.value(i).value_or(0));
        slice->setLabelColor(palette().color(QPalette::Text));
        connect(slice, &QPieSlice::clicked, this, [this, i] { activate(i, 0); });
    }
    // Labels beside the slices only while they do not crowd each other.
    pie->setLabelsVisible(m_data.categories.size() <= 8);
    m_chart->addSeries(pie);
}

void ChartResultView::addAxes(const QStringList &categories, QList<QAbstractSeries *> series)
{
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    x->setLabelsColor(palette().color(QPalette::Text));
    auto *y = new QValueAxis;
    y->setLabelsColor(palette().color(QPalette::Text));
    const double top = std::max(m_top, m_data.maximum());
    y->setRange(std::min(0.0, m_data.minimum()), std::max(1.0, top * 1.1));
    y->applyNiceNumbers();
    // Small counts get a line per whole number: "0, 0.5, 1" would print as "0, 1, 1".
    if (y->max() - y->min() <= 8) {
        y->setTickType(QValueAxis::TicksDynamic);
        y->setTickAnchor(0);
        y->setTickInterval(1);
    }
    y->setLabelFormat(QStringLiteral("%.0f"));
    if (m_data.money)
        y->setTitleText(tr("¥"));
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : series) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

void ChartResultView::activate(int category, int series)
{
    const int row = m_data.row(category, series);
    if (row < 0)
        return;
    drillRow(row);
}

QPoint ChartResultView::pointOf(int category, int series) const
{
    const QList<QAbstractSeries *> all = m_chart->series();
    if (all.isEmpty())
        return {};
    if (m_type == WidgetType::Pie || m_type == WidgetType::Donut) {
        // The middle of the slice, halfway out from the centre.
        auto *pie = static_cast<QPieSeries *>(all.first());
        const QPieSlice *slice = pie->slices().value(category);
        if (!slice)
            return {};
        const QRectF plot = m_chart->plotArea();
        const double angle = qDegreesToRadians(slice->startAngle() + slice->angleSpan() / 2);
        const double radius = std::min(plot.width(), plot.height()) * pie->pieSize() / 2
                * (pie->holeSize() > 0 ? (1 + pie->holeSize()) / 2 : 0.5);
        const QPointF centre = plot.center();
        const QPointF at(centre.x() + radius * std::sin(angle), centre.y() - radius * std::cos(angle));
        return m_view->mapFromScene(m_chart->mapToScene(at));
    }
    double value = m_data.series.value(series).values.value(category).value_or(0);
    double base = 0;
    if (m_type == WidgetType::StackedBar) {
        for (int s = 0; s < series; ++s)
            base += m_data.series.at(s).values.value(category).value_or(0);
    }
    double x = category;
    if (m_type == WidgetType::Bar && m_data.series.size() > 1) {
        // Side by side bars share the category's width (0.5 by default).
        const double width = 0.5 / double(m_data.series.size());
        x = category - 0.25 + width * (series + 0.5);
    }
    const bool bars = m_type == WidgetType::Bar || m_type == WidgetType::StackedBar;
    const QPointF inChart = m_chart->mapToPosition(
            QPointF(x, bars ? base + value / 2 : value), all.first());
    return m_view->mapFromScene(m_chart->mapToScene(inChart));
}

} // namespace branchline
