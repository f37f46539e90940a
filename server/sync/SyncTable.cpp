// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncTable.h"

#include "ReferenceTables.h"
#include "SyncTableOf.h"
#include "approvals/ApprovalSyncTables.h"
#include "dashboards/DashboardSyncTable.h"
#include "records/ActivityJson.h"
#include "records/ContactJson.h"
#include "records/CustomerJson.h"
#include "records/KycItemJson.h"
#include "records/LeadJson.h"
#include "records/MerchantFeedJson.h"
#include "records/TaskJson.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

bool countRows(QSqlDatabase &db, const QString &table, const QString &where,
               const QVariantList &values, qint64 *rows, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT count(*) FROM %1 WHERE %2").arg(table, where));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    *rows = query.value(0).toLongLong();
    return true;
}

SyncTables::SyncTables()
{
    // The order of sync::syncedTables(): what others point at comes first. A snapshot
    // cursor names its table by position, so new tables go at the end: a snapshot begun
    // before an upgrade then goes on with the tables it had not reached.
    m_tables = { std::make_shared<ReferenceTable>(ReferenceTable::Which::Branches),
                 std::make_shared<ReferenceTable>(ReferenceTable::Which::Users),
                 std::make_shared<SyncTableOf<CustomerJson>>(),
                 std::make_shared<SyncTableOf<ContactJson>>(),
                 std::make_shared<SyncTableOf<LeadJson>>(),
                 std::make_shared<SyncTableOf<TaskJson>>(),
                 std::make_shared<SyncTableOf<ActivityJson>>(),
                 std::make_shared<ConflictTable>(),
                 std::make_shared<SyncTableOf<TerminalJson>>(),
                 std::make_shared<SyncTableOf<MerchantVolumeJson>>(),
                 std::make_shared<SyncTableOf<KycItemJson>>(),
                 std::make_shared<ApprovalTable>(ApprovalTable::Which::Requests),
                 std::make_shared<ApprovalTable>(ApprovalTable::Which::Steps),
                 std::make_shared<ApprovalTable>(ApprovalTable::Which::Decisions),
                 std::make_shared<DashboardSyncTable>() };
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
