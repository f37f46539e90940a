// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChartData.h"
#include "ResultView.h"

QT_BEGIN_NAMESPACE
class QAbstractSeries;
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace branchline {

// Bar, stacked bar, line, area, pie and donut charts of a result with Qt Charts, in the
// palette's colours so they read in a dark window too. A click on a bar, point or slice
// drills into the records behind it.
class ChartResultView : public ResultView
{
    Q_OBJECT

public:
    ChartResultView(WidgetType type, const QueryResult &result, QWidget *parent = nullptr);

    const ChartData &data() const { return m_data; }
    QChart *chart() const { return m_chart; }
    QChartView *chartView() const { return m_view; }
    // The point on screen (in chartView() coordinates) of a bar's middle or a slice's
    // category, for tests that click it.
    QPoint pointOf(int category, int series) const;
    // Drills into a category of a series (what a click on it does).
    void activate(int category, int series);

private:
    void buildBars(bool stacked);
    void buildLines(bool area);
    void buildPie(bool donut);
    void addAxes(const QStringList &categories, QList<QAbstractSeries *> series);

    WidgetType m_type;
    ChartData m_data;
    QChart *m_chart;
    QChartView *m_view;
    double m_top = 0; // the highest stack, for stacked bars
};

} // namespace branchline
