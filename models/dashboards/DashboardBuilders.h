// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The builders BuiltInDashboards' definitions are written with; nothing else uses them.

#include "dashboards/BuiltInDashboards.h"

#include <QRect>

namespace branchline::builtin {

// Small builders so each dashboard below reads as what it shows.
inline QuerySpec query(const QString &dataSet, QList<DimensionSpec> dimensions,
                       QList<MeasureSpec> measures, QList<FilterSpec> filters = {})
{
    QuerySpec spec;
    spec.dataSet = dataSet;
    spec.dimensions = std::move(dimensions);
    spec.measures = std::move(measures);
    spec.filters = std::move(filters);
    return spec;
}

inline DimensionSpec dim(const char *field, DateBucket bucket = DateBucket::None)
{
    return { QLatin1String(field), bucket };
}

inline MeasureSpec count()
{
    return {};
}

inline MeasureSpec agg(Aggregate aggregate, const char *field)
{
    MeasureSpec measure;
    measure.aggregate = aggregate;
    measure.field = QLatin1String(field);
    return measure;
}

inline MeasureSpec ratio(MeasureTerm numerator, MeasureTerm denominator)
{
    MeasureSpec measure;
    measure.aggregate = Aggregate::Ratio;
    measure.numerator = std::move(numerator);
    measure.denominator = std::move(denominator);
    return measure;
}

inline FilterSpec mine()
{
    FilterSpec filter;
    filter.field = QStringLiteral("owner");
    filter.op = FilterOp::CurrentUser;
    return filter;
}

inline FilterSpec among(const char *field, const QStringList &codes)
{
    FilterSpec filter;
    filter.field = QLatin1String(field);
    filter.op = codes.size() == 1 ? FilterOp::Equals : FilterOp::In;
    for (const QString &code : codes)
        filter.values.append(code);
    return filter;
}

inline FilterSpec within(RelativePeriod period)
{
    FilterSpec filter;
    filter.field = QStringLiteral("date");
    filter.op = FilterOp::RelativeDate;
    filter.period = period;
    return filter;
}

inline QuerySpec topN(QuerySpec spec, int limit)
{
    spec.sort = { { SortSpec::By::Measure, 0, true } };
    spec.limit = limit;
    return spec;
}

inline WidgetDefinition widget(const char *id, WidgetType type, const QString &title, QRect cell,
                               QuerySpec spec, bool comparePrevious = false)
{
    return { QLatin1String(id), type,          title,           cell.x(),       cell.y(),
             cell.width(),      cell.height(), std::move(spec), comparePrevious };
}

inline DashboardDefinition dashboard(const char *id, const QString &name, RelativePeriod period,
                                     QList<WidgetDefinition> widgets)
{
    DashboardDefinition definition;
    definition.id = QStringLiteral("builtin:") + QLatin1String(id);
    definition.name = name;
    definition.dateRange.period = period;
    definition.widgets = std::move(widgets);
    definition.builtIn = true;
    return definition;
}

using W = WidgetType;
using A = Aggregate;

// The manager's and risk officer's dashboards (BuiltInManagerDashboards.cpp).
DashboardDefinition branchVolume();
DashboardDefinition onboardingFunnel();
DashboardDefinition approvalsWaiting();
DashboardDefinition riskLevels();

} // namespace branchline::builtin
