// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/QueryCompiler.h"

#include "dashboards/SqlFragments.h"

#include <QStringList>

namespace branchline {

namespace {

using schema::DataSetDef;
using schema::FieldDef;
using schema::Join;

// What every variant of a query shares: the data set, its joins and its WHERE clause.
struct Base
{
    const DataSetDef *set = nullptr;
    QSet<Join> joins;
    // The joins a WHERE condition reads. They are inner joins: SQLite 3.15 keeps a LEFT
    // JOIN's left table outermost even when the WHERE clause rules out its NULL rows, so
    // "my merchants' volume" would read every monthly row before looking at its merchant.
    QSet<Join> whereJoins;
    QStringList conditions;
    QVariantList bindings; // of the conditions, in order
    bool scopedToBranch = false;
    QString branchId;
    QString error;
};

bool add(Base *base, const sql::Fragment &piece)
{
    if (!piece.ok()) {
        base->error = piece.error;
        return false;
    }
    base->conditions.append(piece.sql);
    base->bindings.append(piece.bindings);
    return true;
}

// `range` replaces the context's date range (the previous period of a KPI).
Base baseOf(const QuerySpec &spec, Role role, const QString &userId,
            const DashboardContext &context, const DateRange &range)
{
    Base base;
    base.set = schema::dataSet(spec.dataSet);
    if (!base.set) {
        base.error = QueryCompiler::tr("The data set “%1” does not exist.").arg(spec.dataSet);
        return base;
    }
    base.conditions.append(QStringLiteral("t.deleted = 0"));
    for (const FilterSpec &filter : spec.filters) {
        if (!add(&base,
                 sql::filterCondition(*base.set, filter, role, userId, context.today,
                                      &base.whereJoins)))
            return base;
    }
    const DateRange days = range.resolved(context.today);
    if (days.from.isValid() || days.to.isValid())
        add(&base, sql::dateWithin(*base.set, base.set->dateSql, days.from, days.to));
    if (!context.branchId.isEmpty()) {
        // The branch and every branch below it, however deep the tree.
        base.scopedToBranch = true;
        base.branchId = context.branchId;
        base.conditions.append(base.set->branchSql
                               + QStringLiteral(" IN (SELECT id FROM scope_branches)"));
        base.whereJoins.insert(base.set->branchJoin);
    }
    return base;
}

QString withClause(const Base &base)
{
    if (!base.scopedToBranch)
        return {};
    return QStringLiteral("WITH RECURSIVE scope_branches(id) AS (SELECT ? UNION "
                          "SELECT b.id FROM branches b JOIN scope_branches s "
                          "ON b.parent_id = s.id) ");
}

QString fromClause(const Base &base)
{
    QString from = QStringLiteral(" FROM ") + base.set->from;
    const auto join = [&base, &from](Join kind, const QString &leftJoin, const QString &innerJoin) {
        if (base.whereJoins.contains(kind))
            from += QLatin1Char(' ') + innerJoin;
        else if (base.joins.contains(kind))
            from += QLatin1Char(' ') + leftJoin;
    };
    join(Join::OwnerUser, base.set->userJoinSql,
         QString(base.set->userJoinSql).remove(QStringLiteral("LEFT ")));
    join(Join::Customer, base.set->customerJoinSql, base.set->customerInnerJoinSql);
    return from + QStringLiteral(" WHERE ") + base.conditions.join(QStringLiteral(" AND "));
}

// The statement around a select list: WITH, FROM, joins and WHERE with their bindings.
CompiledQuery assemble(const Base &base, const QStringList &select, const QString &tail,
                       const QVariantList &tailBindings)
{
    CompiledQuery query;
    query.sql = withClause(base) + QStringLiteral("SELECT ") + select.join(QStringLiteral(", "))
            + fromClause(base) + tail;
    if (base.scopedToBranch)
        query.bindings.append(base.branchId);
    query.bindings.append(base.bindings);
    query.bindings.append(tailBindings);
    return query;
}

CompiledQuery failed(const QString &error)
{
    CompiledQuery query;
    query.error = error;
    return query;
}

// The measures' select list and columns; false with `error` set when one is refused.
bool measuresOf(const QuerySpec &spec, Role role, Base *base, QStringList *select,
                QList<ResultColumn> *columns)
{
    for (int i = 0; i < spec.measures.size(); ++i) {
        const MeasureSpec &measure = spec.measures.at(i);
        const sql::Fragment piece = sql::measureExpression(*base->set, measure, role, &base->joins);
        if (!piece.ok()) {
            base->error = piece.error;
            return false;
        }
        select->append(piece.sql);
        columns->append({ QStringLiteral("m%1").arg(i),
                          DataSetCatalog::measureLabel(spec.dataSet, measure), false,
                          DataSetCatalog::measureKind(spec.dataSet, measure) });
    }
    return true;
}

} // namespace

CompiledQuery QueryCompiler::compile(const QuerySpec &spec, Role role, const QString &userId,
                                     const DashboardContext &context)
{
    Base base = baseOf(spec, role, userId, context, context.dateRange);
    if (!base.error.isEmpty())
        return failed(base.error);
    if (spec.dimensions.isEmpty() && spec.measures.isEmpty())
        return failed(tr("Add a dimension or a measure to see figures."));

    QStringList select;
    QList<ResultColumn> columns;
    for (const DimensionSpec &dimension : spec.dimensions) {
        const FieldDef *field = schema::dimension(*base.set, dimension.field);
        if (!field || !schema::offersDimension(*field, role))
            return failed(tr("The field “%1” is not available to you here.").arg(dimension.field));
        const sql::Fragment key = sql::dimensionKey(*base.set, *field, dimension.bucket);
        if (!key.ok())
            return failed(key.error);
        base.joins.insert(field->join);
        select.append(key.sql);
        columns.append({ field->name, schema::fieldLabel(*field), true, field->kind });
    }
    if (!measuresOf(spec, role, &base, &select, &columns))
        return failed(base.error);

    QString tail;
    QVariantList tailBindings;
    QStringList groups;
    for (int i = 1; i <= spec.dimensions.size(); ++i)
        groups.append(QString::number(i));
    if (!groups.isEmpty())
        tail += QStringLiteral(" GROUP BY ") + groups.join(QStringLiteral(", "));
    // Ordered by column position: the numbers come from the spec's indexes, checked here.
    QStringList order;
    for (const SortSpec &sort : spec.sort) {
        const bool byDimension = sort.by == SortSpec::By::Dimension;
        const auto count = byDimension ? spec.dimensions.size() : spec.measures.size();
        if (sort.index < 0 || sort.index >= count)
            return failed(tr("The query sorts by a column it does not have."));
        const auto position = (byDimension ? 0 : spec.dimensions.size()) + sort.index + 1;
        order.append(QString::number(position)
                     + (sort.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC")));
    }
    if (order.isEmpty())
        order = groups;
    if (!order.isEmpty())
        tail += QStringLiteral(" ORDER BY ") + order.join(QStringLiteral(", "));
    if (spec.limit > 0) {
        tail += QStringLiteral(" LIMIT ?");
        tailBindings.append(spec.limit);
    }
    CompiledQuery query = assemble(base, select, tail, tailBindings);
    query.columns = columns;
    return query;
}

CompiledQuery QueryCompiler::comparePrevious(const QuerySpec &spec, Role role,
                                             const QString &userId, const DashboardContext &context)
{
    const DateRange previous = context.dateRange.previous(context.today);
    if (!previous.from.isValid() || !previous.to.isValid())
        return failed(tr("Pick a date range to compare with the previous period."));
    Base base = baseOf(spec, role, userId, context, previous);
    if (!base.error.isEmpty())
        return failed(base.error);
    QStringList select;
    QList<ResultColumn> columns;
    if (spec.measures.isEmpty())
        return failed(tr("Add a measure to compare with the previous period."));
    if (!measuresOf(spec, role, &base, &select, &columns))
        return failed(base.error);
    CompiledQuery query = assemble(base, select, QString(), {});
    query.columns = columns;
    return query;
}

CompiledQuery QueryCompiler::drillDown(const QuerySpec &spec, Role role, const QString &userId,
                                       const DashboardContext &context,
                                       const QVariantList &dimensionKeys, int limit)
{
    Base base = baseOf(spec, role, userId, context, context.dateRange);
    if (!base.error.isEmpty())
        return failed(base.error);
    if (dimensionKeys.size() > spec.dimensions.size())
        return failed(tr("The clicked figure does not belong to this widget."));
    for (int i = 0; i < dimensionKeys.size(); ++i) {
        const DimensionSpec &dimension = spec.dimensions.at(i);
        const FieldDef *field = schema::dimension(*base.set, dimension.field);
        if (!field || !schema::offersDimension(*field, role))
            return failed(tr("The field “%1” is not available to you here.").arg(dimension.field));
        const sql::Fragment key = sql::dimensionKey(*base.set, *field, dimension.bucket);
        if (!key.ok())
            return failed(key.error);
        base.whereJoins.insert(field->join);
        add(&base, sql::keyEquals(key.sql, dimensionKeys.at(i)));
    }
    base.joins.insert(base.set->drillJoin);
    const QStringList select{ base.set->drillId, base.set->drillCustomer, base.set->drillTitle,
                              base.set->dateSql };
    const int rows = qBound(1, limit, kDrillLimit);
    CompiledQuery query =
            assemble(base, select, QStringLiteral(" ORDER BY 4 DESC, 1 LIMIT ?"), { rows + 1 });
    return query;
}

} // namespace branchline
