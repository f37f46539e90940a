// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/DataSetCatalog.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>

namespace branchline {

struct ResultColumn
{
    QString name; // the dimension's catalogue name, or "m0", "m1", … for measures
    QString label; // translated header
    bool isDimension = false;
    ValueKind kind = ValueKind::Text;
};

// The rows of a dashboard query: dimension columns first (in QuerySpec order), then one
// column per measure. `values` hold what the store gave (a dimension's key: a status code,
// a branch id, a bucket's first day; a measure's number, null where there was nothing to
// aggregate); `texts` hold the same cells as a viewer reads them (the branch's name, the
// status label, money in yuan), for charts, tables and exports.
struct QueryResult
{
    int requestId = 0;
    QList<ResultColumn> columns;
    QList<QVariantList> values;
    QList<QStringList> texts;
    // KPI widgets with "compare with previous period": the measures over the previous
    // period (one value per measure, no dimensions); empty otherwise.
    QVariantList previousTotals;
    bool hasPrevious = false;
    QString error; // translated; empty on success
    bool cancelled = false;
    qint64 elapsedMs = 0;

    bool ok() const { return error.isEmpty() && !cancelled; }
    int rowCount() const { return static_cast<int>(values.size()); }
    int columnCount() const { return static_cast<int>(columns.size()); }
    int dimensionCount() const;
    QVariant value(int row, int column) const;
    QString text(int row, int column) const;
    // The dimension keys of one row: what drill-down takes.
    QVariantList dimensionKeys(int row) const;
    // The change of measure `measure` against the previous period as a fraction (0.25 for
    // +25 %); std::nullopt without a previous value or when it was zero.
    std::optional<double> changeFromPrevious(int measure) const;
};

// One record behind a clicked bar, slice or cell.
struct DrillRecord
{
    QString id; // the record's id in its data set's table
    QString customerId; // the customer whose 360° view it opens; empty when none
    QString title; // what the list shows: a name, a subject, a month
    QString date; // the record's date as stored (the data set's date field)
};

struct DrillDownResult
{
    int requestId = 0;
    QString dataSet;
    QList<DrillRecord> records;
    bool truncated = false; // more records matched than the limit asked for
    QString error;
    bool ok() const { return error.isEmpty(); }
};

} // namespace branchline

Q_DECLARE_METATYPE(branchline::QueryResult)
Q_DECLARE_METATYPE(branchline::DrillDownResult)
