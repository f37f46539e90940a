// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/DashboardDefinition.h"

#include "domain/rules/Role.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRect>
#include <QSet>

namespace branchline {

namespace {

const std::pair<WidgetType, QLatin1String> kTypes[] = {
    { WidgetType::Kpi, QLatin1String("kpi") },
    { WidgetType::Bar, QLatin1String("bar") },
    { WidgetType::StackedBar, QLatin1String("stacked_bar") },
    { WidgetType::Line, QLatin1String("line") },
    { WidgetType::Area, QLatin1String("area") },
    { WidgetType::Pie, QLatin1String("pie") },
    { WidgetType::Donut, QLatin1String("donut") },
    { WidgetType::Table, QLatin1String("table") },
    { WidgetType::Pivot, QLatin1String("pivot") },
};

constexpr int kMaxIdLength = 64;

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

// A list of short strings; std::nullopt if anything else is in it.
std::optional<QStringList> stringList(const QJsonValue &value)
{
    QStringList list;
    if (value.isUndefined())
        return list;
    if (!value.isArray())
        return std::nullopt;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString() || item.toString().isEmpty() || item.toString().size() > kMaxIdLength)
            return std::nullopt;
        list.append(item.toString());
    }
    return list;
}

std::optional<WidgetDefinition> widgetFromJson(const QJsonValue &value, QString *error)
{
    const QJsonObject json = value.toObject();
    const auto type = widgetTypeFromCode(json.value(QStringLiteral("type")).toString());
    const auto query = QuerySpec::fromJson(json.value(QStringLiteral("query")).toObject(), error);
    if (!value.isObject() || !type) {
        *error = DashboardDefinition::tr("A widget is not understood.");
        return std::nullopt;
    }
    if (!query)
        return std::nullopt;
    const auto cell = [&json](const char *key) {
        const QJsonValue number = json.value(QLatin1String(key));
        return number.isDouble() ? number.toInt(-1) : -1;
    };
    WidgetDefinition widget;
    widget.id = json.value(QStringLiteral("id")).toString();
    widget.type = *type;
    widget.title = json.value(QStringLiteral("title")).toString();
    widget.x = cell("x");
    widget.y = cell("y");
    widget.w = cell("w");
    widget.h = cell("h");
    widget.query = *query;
    widget.comparePrevious = json.value(QStringLiteral("compare_previous")).toBool(false);
    return widget;
}

} // namespace

QString widgetTypeCode(WidgetType type)
{
    for (const auto &[item, code] : kTypes) {
        if (item == type)
            return code;
    }
    return {};
}

std::optional<WidgetType> widgetTypeFromCode(const QString &code)
{
    for (const auto &[item, itemCode] : kTypes) {
        if (itemCode == code)
            return item;
    }
    return std::nullopt;
}

QString widgetTypeLabel(WidgetType type)
{
    switch (type) {
    case WidgetType::Kpi:
        return DashboardDefinition::tr("Key figure");
    case WidgetType::Bar:
        return DashboardDefinition::tr("Bar chart");
    case WidgetType::StackedBar:
        return DashboardDefinition::tr("Stacked bar chart");
    case WidgetType::Line:
        return DashboardDefinition::tr("Line chart");
    case WidgetType::Area:
        return DashboardDefinition::tr("Area chart");
    case WidgetType::Pie:
        return DashboardDefinition::tr("Pie chart");
    case WidgetType::Donut:
        return DashboardDefinition::tr("Donut chart");
    case WidgetType::Table:
        return DashboardDefinition::tr("Table");
    case WidgetType::Pivot:
        return DashboardDefinition::tr("Pivot table");
    }
    return {};
}

QJsonObject DashboardDefinition::toJson() const
{
    QJsonArray widgetArray;
    for (const WidgetDefinition &widget : widgets) {
        QJsonObject json{ { QStringLiteral("id"), widget.id },
                          { QStringLiteral("type"), widgetTypeCode(widget.type) },
                          { QStringLiteral("title"), widget.title },
                          { QStringLiteral("x"), widget.x },
                          { QStringLiteral("y"), widget.y },
                          { QStringLiteral("w"), widget.w },
                          { QStringLiteral("h"), widget.h },
                          { QStringLiteral("query"), widget.query.toJson() } };
        if (widget.comparePrevious)
            json.insert(QStringLiteral("compare_previous"), true);
        widgetArray.append(json);
    }
    return { { QStringLiteral("format"), 1 },
             { QStringLiteral("id"), id },
             { QStringLiteral("name"), name },
             { QStringLiteral("owner_id"), ownerId },
             { QStringLiteral("widgets"), widgetArray },
             { QStringLiteral("date_range"), dateRangeToJson(dateRange) },
             { QStringLiteral("branch_id"), branchId },
             { QStringLiteral("shared_roles"), toArray(sharedRoles) },
             { QStringLiteral("shared_branches"), toArray(sharedBranches) } };
}

QByteArray DashboardDefinition::toJsonText() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

std::optional<DashboardDefinition> DashboardDefinition::fromJson(const QJsonObject &json,
                                                                 QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (json.value(QStringLiteral("format")).toInt(1) != 1) {
        message = DashboardDefinition::tr("This dashboard was saved by a newer Branchline.");
        return std::nullopt;
    }
    DashboardDefinition dashboard;
    dashboard.id = json.value(QStringLiteral("id")).toString();
    dashboard.name = json.value(QStringLiteral("name")).toString();
    dashboard.ownerId = json.value(QStringLiteral("owner_id")).toString();
    dashboard.branchId = json.value(QStringLiteral("branch_id")).toString();
    const auto range =
            dateRangeFromJson(json.value(QStringLiteral("date_range")).toObject(), &message);
    if (!range)
        return std::nullopt;
    dashboard.dateRange = *range;
    const auto roles = stringList(json.value(QStringLiteral("shared_roles")));
    const auto branches = stringList(json.value(QStringLiteral("shared_branches")));
    if (!roles || !branches) {
        message = DashboardDefinition::tr("The dashboard's sharing is not understood.");
        return std::nullopt;
    }
    dashboard.sharedRoles = *roles;
    dashboard.sharedBranches = *branches;
    const QJsonArray widgetArray = json.value(QStringLiteral("widgets")).toArray();
    if (widgetArray.size() > kMaxWidgets) {
        message = DashboardDefinition::tr("A dashboard holds at most %1 widgets.").arg(kMaxWidgets);
        return std::nullopt;
    }
    for (const QJsonValue &value : widgetArray) {
        const auto widget = widgetFromJson(value, &message);
        if (!widget)
            return std::nullopt;
        dashboard.widgets.append(*widget);
    }
    message = dashboard.validate();
    if (!message.isEmpty())
        return std::nullopt;
    return dashboard;
}

std::optional<DashboardDefinition> DashboardDefinition::fromJsonText(const QByteArray &text,
                                                                     QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (text.size() > kMaxJsonBytes) {
        message = DashboardDefinition::tr("The dashboard is larger than %1 KiB.")
                          .arg(kMaxJsonBytes / 1024);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        message = DashboardDefinition::tr("The dashboard's definition is damaged.");
        return std::nullopt;
    }
    return fromJson(document.object(), error);
}

QString DashboardDefinition::validate() const
{
    if (name.trimmed().isEmpty())
        return DashboardDefinition::tr("Give the dashboard a name.");
    if (name.size() > kMaxNameLength)
        return DashboardDefinition::tr("A dashboard's name is at most %1 characters.")
                .arg(kMaxNameLength);
    if (widgets.size() > kMaxWidgets)
        return DashboardDefinition::tr("A dashboard holds at most %1 widgets.").arg(kMaxWidgets);
    for (const QString &code : sharedRoles) {
        if (!roleFromCode(code))
            return DashboardDefinition::tr("The dashboard is shared with an unknown role.");
    }
    QSet<QString> ids;
    QList<QRect> cells;
    for (const WidgetDefinition &widget : widgets) {
        const QString title = widget.title.isEmpty() ? widgetTypeLabel(widget.type) : widget.title;
        if (widget.id.isEmpty() || widget.id.size() > kMaxIdLength || ids.contains(widget.id))
            return DashboardDefinition::tr("Every widget needs its own id.");
        ids.insert(widget.id);
        if (widget.title.size() > kMaxNameLength)
            return DashboardDefinition::tr("A widget's title is at most %1 characters.")
                    .arg(kMaxNameLength);
        if (widget.x < 0 || widget.w < 1 || widget.x + widget.w > kGridColumns || widget.y < 0
            || widget.h < 1 || widget.y + widget.h > kMaxRows)
            return DashboardDefinition::tr("“%1” does not fit on the grid.").arg(title);
        const QRect cell(widget.x, widget.y, widget.w, widget.h);
        for (const QRect &other : std::as_const(cells)) {
            if (other.intersects(cell))
                return DashboardDefinition::tr("“%1” overlaps another widget.").arg(title);
        }
        cells.append(cell);
        if (widget.type == WidgetType::Kpi && !widget.query.dimensions.isEmpty())
            return DashboardDefinition::tr("The key figure “%1” cannot have a dimension.")
                    .arg(title);
    }
    return {};
}

const WidgetDefinition *DashboardDefinition::widget(const QString &widgetId) const
{
    for (const WidgetDefinition &item : widgets) {
        if (item.id == widgetId)
            return &item;
    }
    return nullptr;
}

} // namespace branchline
