// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResultView.h"

#include "ChartResultView.h"
#include "KpiView.h"
#include "TableResultView.h"

namespace branchline {

ResultView::ResultView(const QueryResult &result, QWidget *parent)
    : QWidget(parent)
    , m_result(result)
{
}

ResultView *ResultView::create(const WidgetDefinition &widget, const QueryResult &result,
                               QWidget *parent)
{
    switch (widget.type) {
    case WidgetType::Kpi:
        return new KpiView(widget, result, parent);
    case WidgetType::Table:
        return new TableResultView(result, false, parent);
    case WidgetType::Pivot:
        return new TableResultView(result, true, parent);
    case WidgetType::Bar:
    case WidgetType::StackedBar:
    case WidgetType::Line:
    case WidgetType::Area:
    case WidgetType::Pie:
    case WidgetType::Donut:
        break;
    }
    return new ChartResultView(widget.type, result, parent);
}

void ResultView::drillRow(int row, int keyCount)
{
    if (row < 0 || row >= m_result.rowCount())
        return;
    QVariantList keys = m_result.dimensionKeys(row);
    if (keyCount >= 0)
        keys = keys.mid(0, keyCount);
    QStringList what;
    for (int c = 0; c < keys.size(); ++c)
        what << m_result.text(row, c);
    emit drillRequested(keys, what.join(QStringLiteral(" · ")));
}

} // namespace branchline
