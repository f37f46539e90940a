// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/QueryResult.h"

namespace branchline {

int QueryResult::dimensionCount() const
{
    int count = 0;
    for (const ResultColumn &column : columns)
        count += column.isDimension ? 1 : 0;
    return count;
}

QVariant QueryResult::value(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= values.at(row).size())
        return {};
    return values.at(row).at(column);
}

QString QueryResult::text(int row, int column) const
{
    if (row < 0 || row >= texts.size() || column < 0 || column >= texts.at(row).size())
        return {};
    return texts.at(row).at(column);
}

QVariantList QueryResult::dimensionKeys(int row) const
{
    QVariantList keys;
    for (int column = 0; column < columnCount(); ++column) {
        if (columns.at(column).isDimension)
            keys.append(value(row, column));
    }
    return keys;
}

std::optional<double> QueryResult::changeFromPrevious(int measure) const
{
    const int column = dimensionCount() + measure;
    if (!hasPrevious || measure < 0 || measure >= previousTotals.size() || rowCount() != 1
        || column >= columnCount())
        return std::nullopt;
    const QVariant before = previousTotals.at(measure);
    const QVariant now = value(0, column);
    if (before.isNull() || now.isNull() || before.toDouble() == 0.0)
        return std::nullopt;
    return (now.toDouble() - before.toDouble()) / before.toDouble();
}

} // namespace branchline
