// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/DashboardDefinition.h"

#include <QListWidget>

namespace branchline {

// The widget types to drag onto the grid: KPI, bar, stacked bar, line, area, pie, donut,
// table, pivot. Double-click (or Enter) adds one at the first free place instead.
class WidgetPalette : public QListWidget
{
    Q_OBJECT

public:
    explicit WidgetPalette(QWidget *parent = nullptr);

    // The size in cells a new widget of `type` starts with.
    static QSize defaultSize(WidgetType type);
    // The row of a type (for tests).
    QListWidgetItem *itemFor(WidgetType type) const;

signals:
    void addRequested(branchline::WidgetType type);

protected:
    void startDrag(Qt::DropActions supportedActions) override;
};

} // namespace branchline
