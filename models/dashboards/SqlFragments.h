// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Pieces of dashboard SQL: each expression comes from the schema, each value is bound.

#include "dashboards/DataSetSchema.h"

#include <QSet>
#include <QString>
#include <QVariantList>

namespace branchline::sql {

// A piece of SQL and the values its placeholders take, in order.
struct Fragment
{
    QString sql;
    QVariantList bindings;
    QString error; // translated; the piece is unusable when set
    bool ok() const { return error.isEmpty(); }
};

// What a dimension's key is: the column, or a date bucket's first day ("yyyy-MM-dd").
Fragment dimensionKey(const schema::DataSetDef &set, const schema::FieldDef &field,
                      DateBucket bucket);
// The data set's date within [from, to] (either end may be open).
Fragment dateWithin(const schema::DataSetDef &set, const QString &dateSql, const QDate &from,
                    const QDate &to);
// A filter as a WHERE condition; `joins` collects the tables it needs.
Fragment filterCondition(const schema::DataSetDef &set, const FilterSpec &filter, Role role,
                         const QString &userId, const QDate &today, QSet<schema::Join> *joins);
// A measure's aggregate expression.
Fragment measureExpression(const schema::DataSetDef &set, const MeasureSpec &measure, Role role,
                           QSet<schema::Join> *joins);
// A key as a condition on a dimension: "= ?", or IS NULL for the empty group.
Fragment keyEquals(const QString &keySql, const QVariant &key);

} // namespace branchline::sql

namespace branchline::schema {
inline size_t qHash(Join join, size_t seed = 0)
{
    return ::qHash(static_cast<int>(join), seed);
}
} // namespace branchline::schema
