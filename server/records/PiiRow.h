// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PiiTable.h"

#include <QSqlQuery>
#include <QVariant>

namespace branchline::server {

// One row of a record kind's SELECT (Kind::selectColumns(): the id first, the kind's fields()
// from `firstField` on) as the kind's reader sees it: the PII columns opened (PiiVault), the
// others as they are. A value that does not open throws PiiUnreadable: a reader has no other
// way to refuse, and a record is never read with a field made up.
class PiiRow
{
public:
    PiiRow(const QSqlQuery &query, const PiiTable &table, int firstField = 5)
        : m_query(query)
        , m_table(table)
        , m_firstField(firstField)
    {
    }

    QVariant value(int column) const;
    const QSqlQuery &query() const { return m_query; }

private:
    const QSqlQuery &m_query;
    const PiiTable &m_table;
    int m_firstField;
};

} // namespace branchline::server
