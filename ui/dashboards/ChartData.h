// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/QueryResult.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace branchline {

// A query result laid out for a chart: categories along the axis (or slices) and one or
// more series over them, with the result row behind each point for drill-down. One
// dimension: a series per measure. Two or more: the second dimension's values become the
// series (of the first measure), which is what a stacked bar and a multi-line chart show.
struct ChartData
{
    struct Series
    {
        QString name;
        QList<std::optional<double>> values; // one per category; nullopt where none
        QList<int> rows; // the result row of each point; -1 where none
    };

    QStringList categories;
    QList<Series> series;
    bool money = false; // the values are yuan (converted from the result's fen)

    static ChartData from(const QueryResult &result);
    // The result row behind a point; -1 when there is none.
    int row(int category, int series) const;
    double maximum() const;
    double minimum() const;
};

} // namespace branchline
