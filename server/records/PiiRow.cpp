// SPDX-License-Identifier: GPL-3.0-or-later
#include "PiiRow.h"

#include "core/PiiVault.h"

namespace branchline::server {

QVariant PiiRow::value(int column) const
{
    const QVariant stored = m_query.value(column);
    const PiiColumn *pii = m_table.atField(column - m_firstField);
    if (!pii || stored.isNull())
        return stored;
    return PiiVault::openOrThrow(
            stored.toString(), PiiPlace{ m_table.table(), pii->name, m_query.value(0).toString() });
}

} // namespace branchline::server
