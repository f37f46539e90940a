// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace branchline {

// A problem with one field of a record, shown next to that field.
struct FieldIssue
{
    QString field; // the column name, e.g. "credit_code"
    QString message; // translated

    bool operator==(const FieldIssue &other) const
    {
        return field == other.field && message == other.message;
    }
};

using FieldIssues = QList<FieldIssue>;

} // namespace branchline
