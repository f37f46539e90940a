// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartData.h"

#include <algorithm>

namespace branchline {

namespace {

std::optional<double> number(const QVariant &value, bool money)
{
    if (value.isNull() || !value.isValid())
        return std::nullopt;
    bool ok = false;
    const double n = value.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return money ? n / 100.0 : n;
}

} // namespace

ChartData ChartData::from(const QueryResult &result)
{
    ChartData data;
    const int dims = result.dimensionCount();
    const int firstMeasure = dims;
    if (result.columnCount() <= firstMeasure)
        return data;
    data.money = result.columns.at(firstMeasure).kind == ValueKind::Money;

    if (dims < 2) {
        for (int r = 0; r < result.rowCount(); ++r)
            // Without a dimension the one bar is named after the measure, not numbered.
            data.categories << (dims == 1 ? result.text(r, 0) : result.columns.at(firstMeasure).label);
        for (int c = firstMeasure; c < result.columnCount(); ++c) {
            Series series;
            series.name = result.columns.at(c).label;
            const bool money = result.columns.at(c).kind == ValueKind::Money;
            for (int r = 0; r < result.rowCount(); ++r) {
                series.values << number(result.value(r, c), money);
                series.rows << r;
            }
            data.series << series;
        }
        return data;
    }

    // Two dimensions: categories from the first, series from the second, in the order
    // the rows come (the query's sort).
    QStringList seriesNames;
    for (int r = 0; r < result.rowCount(); ++r) {
        if (!data.categories.contains(result.text(r, 0)))
            data.categories << result.text(r, 0);
        if (!seriesNames.contains(result.text(r, 1)))
            seriesNames << result.text(r, 1);
    }
    for (const QString &name : std::as_const(seriesNames)) {
        Series series;
        series.name = name;
        for (int i = 0; i < data.categories.size(); ++i) {
            series.values << std::nullopt;
            series.rows << -1;
        }
        data.series << series;
    }
    for (int r = 0; r < result.rowCount(); ++r) {
        const int category = int(data.categories.indexOf(result.text(r, 0)));
        Series &series = data.series[seriesNames.indexOf(result.text(r, 1))];
        series.values[category] = number(result.value(r, firstMeasure), data.money);
        series.rows[category] = r;
    }
    return data;
}

int ChartData::row(int category, int seriesIndex) const
{
    if (seriesIndex < 0 || seriesIndex >= series.size())
        return -1;
    return series.at(seriesIndex).rows.value(category, -1);
}

double ChartData::maximum() const
{
    double most = 0;
    for (const Series &s : series) {
        for (const auto &v : s.values)
            most = std::max(most, v.value_or(0));
    }
    return most;
}

double ChartData::minimum() const
{
    double least = 0;
    for (const Series &s : series) {
        for (const auto &v : s.values)
            least = std::min(least, v.value_or(0));
    }
    return least;
}

} // namespace branchline
