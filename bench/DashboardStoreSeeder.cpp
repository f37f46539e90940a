// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardStoreSeeder.h"

#include "BulkLoader.h"
#include "CApiReplay.h"
#include "CApiStore.h"
#include "ClientRecordGenerator.h"
#include "CustomerGenerator.h"
#include "store/LocalStore.h"

#include <QFile>
#include <QRandomGenerator>

#define SQLITE_HAS_CODEC 1
#include <cstdio>
#include <sqlite3.h>

namespace branchline {

namespace {

constexpr int kindColumn = 1; // in CustomerGenerator::nextCustomer()'s values
constexpr int branchColumn = 10;
constexpr int ownerColumn = 11;

quint64 scatter(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

const QString volumeSql = QStringLiteral(
        "INSERT INTO merchant_volumes (id, customer_id, month, volume_fen, tx_count, refund_fen, "
        "chargeback_count, version, deleted, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?)");
const QString approvalSql = QStringLiteral(
        "INSERT INTO approval_requests (id, flow_code, record_table, record_id, record_label, "
        "requester_id, branch_id, status, round, decided_at, version, deleted, created_at, "
        "updated_at) VALUES (?, ?, 'customers', ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?)");

qint64 volumeRows(qint64 customers)
{
    return customers; // counted while filling; checked as "at least one per 8 customers"
}

} // namespace

DashboardStoreSeeder::DashboardStoreSeeder(QString cacheDir, qint64 customers, qint64 activities)
    : CachedBenchStore(QStringLiteral("%1/dashboards-%2-customers-%3-activities.db")
                     .arg(cacheDir)
                     .arg(customers)
                     .arg(activities))
    , m_customers(customers)
    , m_activities(activities)
{
}

bool DashboardStoreSeeder::isUsable(QString *why) const
{
    {
        // Migrates a store made by an older build to the current schema.
        LocalStore local(path());
        if (!local.open(key(), LocalStore::KeyKind::Raw, false)) {
            *why = local.lastError().detail;
            return false;
        }
        if (!local.lastBackupPath().isEmpty())
            QFile::remove(local.lastBackupPath());
    }
    CApiStore store;
    qint64 customers = -1;
    qint64 activities = -1;
    qint64 volumes = -1;
    if (!store.open(path(), keyLiteral(), why)
        || !store.firstValue("SELECT count(*) FROM customers", &customers, why)
        || !store.firstValue("SELECT count(*) FROM activities", &activities, why)
        || !store.firstValue("SELECT count(*) FROM merchant_volumes", &volumes, why))
        return false;
    if (customers != m_customers || activities != m_activities
        || volumes < volumeRows(m_customers) / 8) {
        *why = QStringLiteral("%1 customers, %2 activities, %3 monthly volumes")
                       .arg(customers)
                       .arg(activities)
                       .arg(volumes);
        return false;
    }
    return true;
}

bool DashboardStoreSeeder::sampleRep(QString *userId, QString *error) const
{
    CApiStore store;
    if (!store.open(path(), keyLiteral(), error))
        return false;
    sqlite3_stmt *statement = nullptr;
    const char *sql = "SELECT owner_id FROM customers ORDER BY local_id LIMIT 1";
    if (sqlite3_prepare_v2(store.handle(), sql, -1, &statement, nullptr) != SQLITE_OK
        || sqlite3_step(statement) != SQLITE_ROW) {
        *error = QString::fromUtf8(sqlite3_errmsg(store.handle()));
        sqlite3_finalize(statement);
        return false;
    }
    *userId = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    return true;
}

bool DashboardStoreSeeder::fill(CApiStore &store, QString *error)
{
    // Search triggers stand still: dashboards do not search, and the index is not needed.
    if (!store.exec("INSERT INTO search_deferred (table_name) VALUES ('customers'), "
                    "('leads'), ('activities')",
                    error))
        return false;
    CustomerGenerator customers;
    BulkLoader loader(store.handle());
    for (int i = 0; i < CustomerGenerator::branchCount; ++i)
        if (!loader.insert(CustomerGenerator::branchInsertSql(), customers.branch(i), error))
            return false;
    for (int i = 0; i < CustomerGenerator::userCount; ++i)
        if (!loader.insert(CustomerGenerator::userInsertSql(), customers.user(i), error))
            return false;
    QRandomGenerator random(0x64617368u); // "dash"
    const QStringList flows{ QStringLiteral("fee_rate_change"),
                             QStringLiteral("credit_limit_change"),
                             QStringLiteral("settlement_account_change") };
    const QStringList approvalStates{ QStringLiteral("pending"), QStringLiteral("approved"),
                                      QStringLiteral("approved"), QStringLiteral("rejected") };
    const QString stamp = QStringLiteral("2026-06-01T00:00:00.000Z");
    for (qint64 i = 0; i < m_customers; ++i) {
        const QVariantList row = customers.nextCustomer();
        if (!loader.insert(CustomerGenerator::customerInsertSql(), row, error))
            return false;
        const QString id = row.at(0).toString();
        if (row.at(kindColumn).toString() == QLatin1String("merchant") && i % 4 == 0) {
            // Two years of monthly volumes, in fen.
            for (int month = 0; month < 24; ++month) {
                const qint64 volume = 100000 + random.bounded(50000000);
                const QString when = QStringLiteral("%1-%2")
                                             .arg(2025 + month / 12)
                                             .arg(month % 12 + 1, 2, 10, QLatin1Char('0'));
                if (!loader.insert(volumeSql,
                                   { QStringLiteral("%1-%2").arg(id, when), id, when, volume,
                                     1 + random.bounded(5000), volume / 100 * random.bounded(3),
                                     random.bounded(3), stamp, stamp },
                                   error))
                    return false;
            }
        }
        if (i % 20 == 0) {
            const QString state = approvalStates.at(random.bounded(approvalStates.size()));
            const int day = 1 + random.bounded(28);
            const QString created = QStringLiteral("2026-0%1-%2T08:00:00.000Z")
                                            .arg(1 + random.bounded(6))
                                            .arg(day, 2, 10, QLatin1Char('0'));
            const QVariant decided = state == QLatin1String("pending")
                    ? QVariant(QMetaType::fromType<QString>())
                    : QVariant(
                            QString(created).replace(QStringLiteral("T08"), QStringLiteral("T17")));
            if (!loader.insert(approvalSql,
                               { QStringLiteral("ap-%1").arg(id),
                                 flows.at(random.bounded(flows.size())), id, row.at(2),
                                 row.at(ownerColumn), row.at(branchColumn), state,
                                 1 + random.bounded(2), decided, created, created },
                               error))
                return false;
        }
        printLoadProgress("customers", i + 1, m_customers);
    }
    ClientRecordGenerator records(customers, 0x6461736862ULL);
    for (qint64 i = 0; i < m_activities; ++i) {
        const qint64 customer = qint64(scatter(quint64(i)) % quint64(m_customers));
        if (!loader.insert(ClientRecordGenerator::activityInsertSql(), records.activity(customer),
                           error))
            return false;
        printLoadProgress("activities", i + 1, m_activities);
    }
    for (qint64 i = 0; i < m_customers; i += 4)
        if (!loader.insert(ClientRecordGenerator::taskInsertSql(), records.task(i, i % 8 != 0),
                           error))
            return false;
    for (qint64 i = 0; i < m_customers; i += 5)
        if (!loader.insert(ClientRecordGenerator::leadInsertSql(),
                           records.lead(i, i % 10 == 0, QString()), error))
            return false;
    return loader.finish(error);
}

} // namespace branchline
