// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/QueryResult.h"
#include "dashboards/QuerySpec.h"
#include "domain/rules/Role.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>

namespace branchline {

// What the whole dashboard narrows every widget to.
struct DashboardContext
{
    DateRange dateRange; // on each data set's date dimension; empty for all time
    QString branchId; // this branch and the branches below it; empty for all
    QDate today = QDate::currentDate(); // what relative periods count from (tests pin it)
};

// Parameterised SQL (SQLite 3.15: no window functions, no UPSERT, no JSON) and its bound
// values, in order. Identifiers come only from the catalogue; every value the user typed
// or picked is bound, never spliced into the text.
struct CompiledQuery
{
    QString sql;
    QVariantList bindings;
    QList<ResultColumn> columns; // what each selected column is, in order
    QString error; // translated; the SQL is empty when set
    bool ok() const { return error.isEmpty(); }
};

// Turns a QuerySpec into SQL for one viewer. Refuses (with a message in the viewer's
// language) a data set, dimension, measure or filter the catalogue does not offer to
// the role, a bucket on a non-date field, a ratio of ratios and indexes out of range.
class QueryCompiler
{
    Q_DECLARE_TR_FUNCTIONS(QueryCompiler)
public:
    // The drill-down list stops here unless asked for fewer.
    static constexpr int kDrillLimit = 500;

    static CompiledQuery compile(const QuerySpec &spec, Role role, const QString &userId,
                                 const DashboardContext &context);
    // The same measures over the previous period of the context's date range, without
    // dimensions, sort or limit: the KPI's comparison. An error when the context has no
    // date range.
    static CompiledQuery comparePrevious(const QuerySpec &spec, Role role, const QString &userId,
                                         const DashboardContext &context);
    // The records behind one result row: `dimensionKeys` are QueryResult::dimensionKeys
    // of the clicked row (a prefix of them is fine: a stacked bar's segment has two, its
    // whole bar one). Selects id, customer id, title and date (see DrillRecord), newest
    // first, at most `limit` + 1 rows so the caller can tell it was cut.
    static CompiledQuery drillDown(const QuerySpec &spec, Role role, const QString &userId,
                                   const DashboardContext &context,
                                   const QVariantList &dimensionKeys, int limit = kDrillLimit);
};

} // namespace branchline

Q_DECLARE_METATYPE(branchline::DashboardContext)
