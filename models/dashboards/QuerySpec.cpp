// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/QuerySpec.h"

#include <QJsonArray>

namespace branchline {

namespace {

// Limits on what a spec may hold: a saved dashboard comes from other people's clients
// too, and a spec with a million filter values is an attack, not a chart.
constexpr int kMaxDimensions = 3;
constexpr int kMaxMeasures = 12;
constexpr int kMaxFilters = 24;
constexpr int kMaxFilterValues = 500;
constexpr int kMaxLimit = 10000;
constexpr int kMaxNameLength = 64;
constexpr int kMaxTextLength = 200;

QJsonObject termToJson(const MeasureTerm &term)
{
    QJsonObject json{ { QStringLiteral("aggregate"), aggregateCode(term.aggregate) } };
    if (!term.field.isEmpty())
        json.insert(QStringLiteral("field"), term.field);
    return json;
}

bool isName(const QJsonValue &value)
{
    return value.isString() && !value.toString().isEmpty()
            && value.toString().size() <= kMaxNameLength;
}

std::optional<MeasureTerm> termFromJson(const QJsonValue &value, QString *error)
{
    const QJsonObject json = value.toObject();
    const auto aggregate = aggregateFromCode(json.value(QStringLiteral("aggregate")).toString());
    if (!value.isObject() || !aggregate || *aggregate == Aggregate::Ratio) {
        *error = QuerySpec::tr("A ratio divides two simple measures.");
        return std::nullopt;
    }
    MeasureTerm term{ *aggregate, json.value(QStringLiteral("field")).toString() };
    if (term.field.size() > kMaxNameLength) {
        *error = QuerySpec::tr("A measure names an unknown field.");
        return std::nullopt;
    }
    return term;
}

// A filter value may be text or a number, nothing nested.
std::optional<QVariant> scalarFromJson(const QJsonValue &value)
{
    if (value.isString() && value.toString().size() <= kMaxTextLength)
        return QVariant(value.toString());
    if (value.isDouble())
        return value.toVariant();
    if (value.isBool())
        return QVariant(value.toBool());
    if (value.isNull() || value.isUndefined())
        return QVariant();
    return std::nullopt;
}

std::optional<MeasureSpec> measureFromJson(const QJsonValue &value, QString *error)
{
    const QJsonObject json = value.toObject();
    const auto aggregate = aggregateFromCode(json.value(QStringLiteral("aggregate")).toString());
    if (!value.isObject() || !aggregate) {
        *error = QuerySpec::tr("A measure has an unknown aggregate.");
        return std::nullopt;
    }
    MeasureSpec measure;
    measure.aggregate = *aggregate;
    measure.field = json.value(QStringLiteral("field")).toString();
    measure.label = json.value(QStringLiteral("label")).toString();
    if (measure.field.size() > kMaxNameLength || measure.label.size() > kMaxTextLength) {
        *error = QuerySpec::tr("A measure's field or title is too long.");
        return std::nullopt;
    }
    if (measure.aggregate == Aggregate::Ratio) {
        const auto numerator = termFromJson(json.value(QStringLiteral("numerator")), error);
        const auto denominator = termFromJson(json.value(QStringLiteral("denominator")), error);
        if (!numerator || !denominator)
            return std::nullopt;
        measure.numerator = *numerator;
        measure.denominator = *denominator;
    }
    return measure;
}

std::optional<FilterSpec> filterFromJson(const QJsonValue &value, QString *error)
{
    const QJsonObject json = value.toObject();
    const auto op = filterOpFromCode(json.value(QStringLiteral("op")).toString());
    if (!value.isObject() || !op || !isName(json.value(QStringLiteral("field")))) {
        *error = QuerySpec::tr("A filter is not understood.");
        return std::nullopt;
    }
    FilterSpec filter;
    filter.field = json.value(QStringLiteral("field")).toString();
    filter.op = *op;
    const QJsonArray values = json.value(QStringLiteral("values")).toArray();
    if (values.size() > kMaxFilterValues) {
        *error = QuerySpec::tr("A filter lists more than %1 values.").arg(kMaxFilterValues);
        return std::nullopt;
    }
    for (const QJsonValue &item : values) {
        const auto scalar = scalarFromJson(item);
        if (!scalar) {
            *error = QuerySpec::tr("A filter value is neither text nor a number.");
            return std::nullopt;
        }
        filter.values.append(*scalar);
    }
    const auto from = scalarFromJson(json.value(QStringLiteral("from")));
    const auto to = scalarFromJson(json.value(QStringLiteral("to")));
    if (!from || !to) {
        *error = QuerySpec::tr("A filter value is neither text nor a number.");
        return std::nullopt;
    }
    filter.from = *from;
    filter.to = *to;
    if (json.contains(QStringLiteral("period"))) {
        const auto period = relativePeriodFromCode(json.value(QStringLiteral("period")).toString());
        if (!period) {
            *error = QuerySpec::tr("A filter names an unknown period.");
            return std::nullopt;
        }
        filter.period = *period;
    }
    const bool shapeFits = (filter.op == FilterOp::Equals && filter.values.size() == 1)
            || (filter.op == FilterOp::In && !filter.values.isEmpty())
            || (filter.op == FilterOp::Range && (!filter.from.isNull() || !filter.to.isNull()))
            || (filter.op == FilterOp::RelativeDate && filter.period != RelativePeriod::None)
            || filter.op == FilterOp::CurrentUser;
    if (!shapeFits) {
        *error = QuerySpec::tr("A filter has no value to compare with.");
        return std::nullopt;
    }
    return filter;
}

QJsonValue scalarToJson(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue::fromVariant(value);
}

} // namespace

bool QuerySpec::operator==(const QuerySpec &other) const
{
    return toJson() == other.toJson();
}

QJsonObject QuerySpec::toJson() const
{
    QJsonArray dimensionArray;
    for (const DimensionSpec &dimension : dimensions) {
        QJsonObject json{ { QStringLiteral("field"), dimension.field } };
        if (dimension.bucket != DateBucket::None)
            json.insert(QStringLiteral("bucket"), dateBucketCode(dimension.bucket));
        dimensionArray.append(json);
    }
    QJsonArray measureArray;
    for (const MeasureSpec &measure : measures) {
        QJsonObject json{ { QStringLiteral("aggregate"), aggregateCode(measure.aggregate) } };
        if (!measure.field.isEmpty())
            json.insert(QStringLiteral("field"), measure.field);
        if (measure.aggregate == Aggregate::Ratio) {
            json.insert(QStringLiteral("numerator"), termToJson(measure.numerator));
            json.insert(QStringLiteral("denominator"), termToJson(measure.denominator));
        }
        if (!measure.label.isEmpty())
            json.insert(QStringLiteral("label"), measure.label);
        measureArray.append(json);
    }
    QJsonArray filterArray;
    for (const FilterSpec &filter : filters) {
        QJsonObject json{ { QStringLiteral("field"), filter.field },
                          { QStringLiteral("op"), filterOpCode(filter.op) } };
        if (!filter.values.isEmpty()) {
            QJsonArray values;
            for (const QVariant &value : filter.values)
                values.append(scalarToJson(value));
            json.insert(QStringLiteral("values"), values);
        }
        if (!filter.from.isNull())
            json.insert(QStringLiteral("from"), scalarToJson(filter.from));
        if (!filter.to.isNull())
            json.insert(QStringLiteral("to"), scalarToJson(filter.to));
        if (filter.period != RelativePeriod::None)
            json.insert(QStringLiteral("period"), relativePeriodCode(filter.period));
        filterArray.append(json);
    }
    QJsonArray sortArray;
    for (const SortSpec &order : sort) {
        sortArray.append(
                QJsonObject{ { QStringLiteral("by"),
                               order.by == SortSpec::By::Dimension ? QStringLiteral("dimension")
                                                                   : QStringLiteral("measure") },
                             { QStringLiteral("index"), order.index },
                             { QStringLiteral("descending"), order.descending } });
    }
    QJsonObject json{ { QStringLiteral("data_set"), dataSet },
                      { QStringLiteral("dimensions"), dimensionArray },
                      { QStringLiteral("measures"), measureArray } };
    if (!filterArray.isEmpty())
        json.insert(QStringLiteral("filters"), filterArray);
    if (!sortArray.isEmpty())
        json.insert(QStringLiteral("sort"), sortArray);
    if (limit > 0)
        json.insert(QStringLiteral("limit"), limit);
    return json;
}

std::optional<QuerySpec> QuerySpec::fromJson(const QJsonObject &json, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    QuerySpec spec;
    if (!isName(json.value(QStringLiteral("data_set")))) {
        message = QuerySpec::tr("The query names no data set.");
        return std::nullopt;
    }
    spec.dataSet = json.value(QStringLiteral("data_set")).toString();

    const QJsonArray dimensionArray = json.value(QStringLiteral("dimensions")).toArray();
    const QJsonArray measureArray = json.value(QStringLiteral("measures")).toArray();
    const QJsonArray filterArray = json.value(QStringLiteral("filters")).toArray();
    const QJsonArray sortArray = json.value(QStringLiteral("sort")).toArray();
    if (dimensionArray.size() > kMaxDimensions || measureArray.size() > kMaxMeasures
        || filterArray.size() > kMaxFilters || sortArray.size() > kMaxDimensions + kMaxMeasures) {
        message = QuerySpec::tr(
                "The query has more dimensions, measures or filters than a widget can show.");
        return std::nullopt;
    }
    for (const QJsonValue &value : dimensionArray) {
        const QJsonObject item = value.toObject();
        const auto bucket = item.contains(QStringLiteral("bucket"))
                ? dateBucketFromCode(item.value(QStringLiteral("bucket")).toString())
                : std::optional<DateBucket>(DateBucket::None);
        if (!isName(item.value(QStringLiteral("field"))) || !bucket) {
            message = QuerySpec::tr("A dimension is not understood.");
            return std::nullopt;
        }
        spec.dimensions.append({ item.value(QStringLiteral("field")).toString(), *bucket });
    }
    for (const QJsonValue &value : measureArray) {
        const auto measure = measureFromJson(value, &message);
        if (!measure)
            return std::nullopt;
        spec.measures.append(*measure);
    }
    for (const QJsonValue &value : filterArray) {
        const auto filter = filterFromJson(value, &message);
        if (!filter)
            return std::nullopt;
        spec.filters.append(*filter);
    }
    for (const QJsonValue &value : sortArray) {
        const QJsonObject item = value.toObject();
        const QString by = item.value(QStringLiteral("by")).toString();
        SortSpec order;
        order.by =
                by == QLatin1String("dimension") ? SortSpec::By::Dimension : SortSpec::By::Measure;
        order.index = item.value(QStringLiteral("index")).toInt(-1);
        order.descending = item.value(QStringLiteral("descending")).toBool(true);
        const auto count =
                order.by == SortSpec::By::Dimension ? spec.dimensions.size() : spec.measures.size();
        if ((by != QLatin1String("dimension") && by != QLatin1String("measure")) || order.index < 0
            || order.index >= count) {
            message = QuerySpec::tr("The query sorts by a column it does not have.");
            return std::nullopt;
        }
        spec.sort.append(order);
    }
    const QJsonValue limitValue = json.value(QStringLiteral("limit"));
    spec.limit = limitValue.toInt(0);
    if (!limitValue.isUndefined()
        && (!limitValue.isDouble() || spec.limit < 0 || spec.limit > kMaxLimit)) {
        message = QuerySpec::tr("The number of rows to keep must be between 1 and %1.")
                          .arg(kMaxLimit);
        return std::nullopt;
    }
    return spec;
}

} // namespace branchline
