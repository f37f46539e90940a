// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/QuerySpec.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace branchline {

enum class WidgetType { Kpi, Bar, StackedBar, Line, Area, Pie, Donut, Table, Pivot };

QString widgetTypeCode(WidgetType type); // "kpi", "stacked_bar", …
std::optional<WidgetType> widgetTypeFromCode(const QString &code);
QString widgetTypeLabel(WidgetType type); // translated, for the palette

// One widget on the dashboard's grid of kGridColumns columns; x, y, w, h in grid cells.
struct WidgetDefinition
{
    QString id;
    WidgetType type = WidgetType::Bar;
    QString title;
    int x = 0;
    int y = 0;
    int w = 4;
    int h = 3;
    QuerySpec query;
    bool comparePrevious = false; // KPI: show the change against the previous period
};

// A dashboard as it is saved (DashboardRepository stores toJsonText()) and shared.
struct DashboardDefinition
{
    Q_DECLARE_TR_FUNCTIONS(DashboardDefinition)
public:
    static constexpr int kGridColumns = 12;
    static constexpr int kMaxRows = 200; // y + h stays within this
    static constexpr int kMaxWidgets = 60;
    static constexpr int kMaxJsonBytes = 256 * 1024; // what the server stores, too
    static constexpr int kMaxNameLength = 120;

    QString id;
    QString name;
    QString ownerId;
    QList<WidgetDefinition> widgets;
    DateRange dateRange;
    QString branchId; // the dashboard-wide branch filter; empty for all
    QStringList sharedRoles; // role codes ("branch_manager")
    QStringList sharedBranches; // branch ids
    bool builtIn = false; // from BuiltInDashboards: read-only, never saved

    QJsonObject toJson() const;
    QByteArray toJsonText() const; // compact
    // Validates everything (see validate()); std::nullopt with a translated message.
    static std::optional<DashboardDefinition> fromJson(const QJsonObject &json, QString *error);
    // Also refuses text over kMaxJsonBytes and text that is not a JSON object.
    static std::optional<DashboardDefinition> fromJsonText(const QByteArray &text, QString *error);
    // The rules a saved dashboard keeps: a name, unique widget ids, widgets inside the
    // grid (0 ≤ x, 1 ≤ w, x + w ≤ 12, 0 ≤ y, 1 ≤ h, y + h ≤ kMaxRows), no two overlapping,
    // at most kMaxWidgets, known role codes, a KPI without dimensions. Empty when fine.
    QString validate() const;

    const WidgetDefinition *widget(const QString &widgetId) const;
};

} // namespace branchline

Q_DECLARE_METATYPE(branchline::DashboardDefinition)
