// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/SqlFragments.h"

#include "dashboards/QueryCompiler.h"

#include <QStringList>

namespace branchline::sql {

namespace {

using schema::DataSetDef;
using schema::DateStorage;
using schema::FieldDef;

Fragment failure(const QString &message)
{
    return { QString(), {}, message };
}

// The first day of the quarter of a "yyyy-MM…" text.
QString quarterStart(const QString &text)
{
    // Concatenated, not QString::arg(): printf's "%02d" would read as a placeholder.
    return QStringLiteral("printf('%s-%02d-01', substr(") + text
            + QStringLiteral(", 1, 4), (CAST(substr(") + text
            + QStringLiteral(", 6, 2) AS INTEGER) - 1) / 3 * 3 + 1)");
}

// NULL, whether untyped or a null QString (which Qt 6's QVariant does not call null).
bool isNullValue(const QVariant &value)
{
    return value.isNull() || (value.typeId() == QMetaType::QString && value.toString().isNull());
}

QDate dateOf(const QVariant &value)
{
    return QDate::fromString(value.toString(), Qt::ISODate);
}

// Equals and In compare a dimension's key; a null value stands for the empty group.
Fragment valuesCondition(const QString &keySql, const QVariantList &values)
{
    Fragment piece;
    QStringList placeholders;
    bool withNull = false;
    for (const QVariant &value : values) {
        if (isNullValue(value)) {
            withNull = true;
            continue;
        }
        placeholders.append(QStringLiteral("?"));
        piece.bindings.append(value);
    }
    QStringList alternatives;
    if (placeholders.size() == 1)
        alternatives.append(keySql + QStringLiteral(" = ?"));
    else if (!placeholders.isEmpty())
        alternatives.append(keySql + QStringLiteral(" IN (") + placeholders.join(QLatin1Char(','))
                            + QLatin1Char(')'));
    if (withNull)
        alternatives.append(keySql + QStringLiteral(" IS NULL"));
    piece.sql = QLatin1Char('(') + alternatives.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    return piece;
}

Fragment dateFilter(const DataSetDef &set, const FieldDef &field, const FilterSpec &filter,
                    const QDate &today)
{
    switch (filter.op) {
    case FilterOp::Equals:
    case FilterOp::In:
        return valuesCondition(dimensionKey(set, field, DateBucket::None).sql, filter.values);
    case FilterOp::Range: {
        const QDate from = dateOf(filter.from);
        const QDate to = dateOf(filter.to);
        if ((!filter.from.isNull() && !from.isValid()) || (!filter.to.isNull() && !to.isValid()))
            return failure(QueryCompiler::tr("A date filter needs dates written as yyyy-MM-dd."));
        return dateWithin(set, field.sql, from, to);
    }
    case FilterOp::RelativeDate: {
        const DateRange range = DateRange{ filter.period, {}, {} }.resolved(today);
        return dateWithin(set, field.sql, range.from, range.to);
    }
    case FilterOp::CurrentUser:
        break;
    }
    return failure(QueryCompiler::tr("This filter does not apply to a date."));
}

Fragment termExpression(const FieldDef *field, Aggregate aggregate)
{
    switch (aggregate) {
    case Aggregate::Count:
        return { QStringLiteral("COUNT(*)"), {}, {} };
    case Aggregate::DistinctCount:
        return { QStringLiteral("COUNT(DISTINCT %1)").arg(field->sql), {}, {} };
    case Aggregate::Sum:
        return { QStringLiteral("SUM(%1)").arg(field->sql), {}, {} };
    case Aggregate::Avg:
        return { QStringLiteral("AVG(%1)").arg(field->sql), {}, {} };
    case Aggregate::Min:
        return { QStringLiteral("MIN(%1)").arg(field->sql), {}, {} };
    case Aggregate::Max:
        return { QStringLiteral("MAX(%1)").arg(field->sql), {}, {} };
    case Aggregate::Ratio:
        break;
    }
    return failure(QueryCompiler::tr("A ratio divides two simple measures."));
}

Fragment term(const DataSetDef &set, Aggregate aggregate, const QString &name, Role role,
              QSet<schema::Join> *joins)
{
    if (aggregate == Aggregate::Count)
        return termExpression(nullptr, aggregate);
    if (aggregate == Aggregate::Ratio)
        return failure(QueryCompiler::tr("A ratio divides two simple measures."));
    const FieldDef *field = schema::measure(set, name);
    if (!field || !schema::offersMeasure(*field, role))
        return failure(
                QueryCompiler::tr("The measure “%1” is not available to you here.").arg(name));
    if (!field->aggregates.contains(aggregate))
        return failure(QueryCompiler::tr("“%1” cannot be aggregated that way.")
                               .arg(schema::fieldLabel(*field)));
    joins->insert(field->join);
    return termExpression(field, aggregate);
}

} // namespace

Fragment dimensionKey(const DataSetDef &set, const FieldDef &field, DateBucket bucket)
{
    if (!field.isDate) {
        if (bucket != DateBucket::None)
            return failure(QueryCompiler::tr(
                    "Only a date can be grouped by day, week, month or quarter."));
        return { field.sql, {}, {} };
    }
    if (set.dateStorage == DateStorage::Month) {
        if (bucket == DateBucket::Day || bucket == DateBucket::Week)
            return failure(QueryCompiler::tr("Monthly figures cannot be grouped by day or week."));
        if (bucket == DateBucket::Quarter)
            return { quarterStart(field.sql), {}, {} };
        return { field.sql + QStringLiteral(" || '-01'"), {}, {} };
    }
    const QString day = QStringLiteral("substr(%1, 1, 10)").arg(field.sql);
    switch (bucket) {
    case DateBucket::None:
    case DateBucket::Day:
        return { day, {}, {} };
    case DateBucket::Week: // weeks start on Monday, as in China
        return { QStringLiteral("date(%1, 'weekday 0', '-6 days')").arg(day), {}, {} };
    case DateBucket::Month:
        return { QStringLiteral("substr(%1, 1, 7) || '-01'").arg(field.sql), {}, {} };
    case DateBucket::Quarter:
        return { quarterStart(field.sql), {}, {} };
    }
    return failure(QueryCompiler::tr("Only a date can be grouped by day, week, month or quarter."));
}

Fragment dateWithin(const DataSetDef &set, const QString &dateSql, const QDate &from,
                    const QDate &to)
{
    // Plain comparisons on the stored text, so an index on the date can serve them. A
    // month counts when the range touches it.
    Fragment piece;
    QStringList conditions;
    const bool monthly = set.dateStorage == DateStorage::Month;
    if (from.isValid()) {
        conditions.append(dateSql + QStringLiteral(" >= ?"));
        piece.bindings.append(monthly ? from.toString(QStringLiteral("yyyy-MM"))
                                      : from.toString(Qt::ISODate));
    }
    if (to.isValid()) {
        conditions.append(dateSql + (monthly ? QStringLiteral(" <= ?") : QStringLiteral(" < ?")));
        piece.bindings.append(monthly ? to.toString(QStringLiteral("yyyy-MM"))
                                      : to.addDays(1).toString(Qt::ISODate));
    }
    piece.sql =
            conditions.isEmpty() ? QStringLiteral("1") : conditions.join(QStringLiteral(" AND "));
    return piece;
}

Fragment filterCondition(const DataSetDef &set, const FilterSpec &filter, Role role,
                         const QString &userId, const QDate &today, QSet<schema::Join> *joins)
{
    const FieldDef *field = schema::dimension(set, filter.field);
    if (!field || !schema::offersDimension(*field, role))
        return failure(QueryCompiler::tr("The field “%1” is not available to you here.")
                               .arg(filter.field));
    joins->insert(field->join);
    if (field->isDate)
        return dateFilter(set, *field, filter, today);
    switch (filter.op) {
    case FilterOp::Equals:
    case FilterOp::In:
        return valuesCondition(field->sql, filter.values);
    case FilterOp::Range: {
        Fragment piece;
        QStringList conditions;
        if (!filter.from.isNull()) {
            conditions.append(field->sql + QStringLiteral(" >= ?"));
            piece.bindings.append(filter.from);
        }
        if (!filter.to.isNull()) {
            conditions.append(field->sql + QStringLiteral(" <= ?"));
            piece.bindings.append(filter.to);
        }
        piece.sql = conditions.join(QStringLiteral(" AND "));
        return piece;
    }
    case FilterOp::RelativeDate:
        return failure(QueryCompiler::tr("Only a date can be filtered by a period."));
    case FilterOp::CurrentUser:
        if (field->labeler != schema::Labeler::User)
            return failure(QueryCompiler::tr("Only a person can be filtered by who is signed in."));
        return { field->sql + QStringLiteral(" = ?"), { userId }, {} };
    }
    return failure(QueryCompiler::tr("A filter is not understood."));
}

Fragment measureExpression(const DataSetDef &set, const MeasureSpec &measure, Role role,
                           QSet<schema::Join> *joins)
{
    if (measure.aggregate != Aggregate::Ratio)
        return term(set, measure.aggregate, measure.field, role, joins);
    const Fragment numerator =
            term(set, measure.numerator.aggregate, measure.numerator.field, role, joins);
    if (!numerator.ok())
        return numerator;
    const Fragment denominator =
            term(set, measure.denominator.aggregate, measure.denominator.field, role, joins);
    if (!denominator.ok())
        return denominator;
    // A zero denominator gives null (no value), not a division error or infinity.
    return { QStringLiteral("CAST(%1 AS REAL) / NULLIF(%2, 0)").arg(numerator.sql, denominator.sql),
             {},
             {} };
}

Fragment keyEquals(const QString &keySql, const QVariant &key)
{
    if (isNullValue(key))
        return { keySql + QStringLiteral(" IS NULL"), {}, {} };
    return { keySql + QStringLiteral(" = ?"), { key }, {} };
}

} // namespace branchline::sql
