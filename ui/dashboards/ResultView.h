// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/DashboardDefinition.h"
#include "dashboards/QueryResult.h"

#include <QVariantList>
#include <QWidget>

namespace branchline {

// What a dashboard widget shows for its query's result: a KPI number, a chart, a table
// or a pivot table (create() picks by type). A click on a bar, slice, point or cell asks
// for the records behind it with that row's dimension keys.
class ResultView : public QWidget
{
    Q_OBJECT

public:
    static ResultView *create(const WidgetDefinition &widget, const QueryResult &result,
                              QWidget *parent = nullptr);

    const QueryResult &result() const { return m_result; }
    // Drill into result row `row` (what a click does; tests call it directly too).
    void drillRow(int row, int keyCount = -1);

signals:
    // `keys` are the clicked row's dimension keys (a prefix of them for a whole bar of a
    // stacked bar); `label` says what was clicked, for the records list's title.
    void drillRequested(const QVariantList &keys, const QString &label);

protected:
    ResultView(const QueryResult &result, QWidget *parent);

    QueryResult m_result;
};

} // namespace branchline
