// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncTable.h"

#include "ReferenceTables.h"
#include "SyncTableOf.h"
#include "records/ActivityJson.h"
#include "records/ContactJson.h"
#include "records/CustomerJson.h"
#include "records/LeadJson.h"
#include "records/TaskJson.h"

namespace branchline::server {

SyncTables::SyncTables()
{
    // The order of sync::syncedTables(): what others point at comes first.
    m_tables = { std::make_shared<ReferenceTable>(ReferenceTable::Which::Branches),
                 std::make_shared<ReferenceTable>(ReferenceTable::Which::Users),
                 std::make_shared<SyncTableOf<CustomerJson>>(),
                 std::make_shared<SyncTableOf<ContactJson>>(),
                 std::make_shared<SyncTableOf<LeadJson>>(),
                 std::make_shared<SyncTableOf<TaskJson>>(),
                 std::make_shared<SyncTableOf<ActivityJson>>(),
                 std::make_shared<ConflictTable>() };
}

SyncTables::~SyncTables() = default;

const SyncTable *SyncTables::find(const QString &table) const
{
    for (const auto &candidate : m_tables)
        if (candidate->table() == table)
            return candidate.get();
    return nullptr;
}

QList<const SyncTable *> SyncTables::inOrder() const
{
    QList<const SyncTable *> tables;
    for (const auto &table : m_tables)
        tables << table.get();
    return tables;
}

} // namespace branchline::server
