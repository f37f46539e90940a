// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientStoreSeeder.h"

#include "BulkLoader.h"
#include "CApiReplay.h"
#include "CApiStore.h"
#include "ClientRecordGenerator.h"
#include "CustomerGenerator.h"
#include "domain/rules/CreditCode.h"
#include "store/LocalStore.h"
#include "store/Migrator.h"

#include <QFile>

#define SQLITE_HAS_CODEC 1
#include <cstdio>
#include <sqlite3.h>

namespace branchline {

namespace {

constexpr int creditCodeColumn = 3; // in CustomerGenerator::nextCustomer()'s values
constexpr int phoneColumn = 5;
constexpr int deletedColumn = 18;

// GB 32100 check characters for the generator's code, which has the right shape only.
QString validCreditCode(const QString &shaped)
{
    QString code = shaped.left(16);
    code += CreditCode::organisationCheckCharacter(code.mid(8, 8));
    return code + CreditCode::checkCharacter(code);
}

qint64 busyIndex(qint64 customers)
{
    return customers / 2;
}

// Spreads the background timeline over the customers without a second random stream.
quint64 scatter(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// The customer the 360° view opens: `entries` timeline entries over nine years, eight
// contacts, 25 tasks of which 15 are open, two leads converted into it and one more with
// its phone number.
bool fillBusyCustomer(BulkLoader &loader, ClientRecordGenerator &records, qint64 index, int entries,
                      const QString &phone, QString *error)
{
    for (int i = 0; i < entries; ++i)
        if (!loader.insert(ClientRecordGenerator::activityInsertSql(), records.activity(index),
                           error))
            return false;
    for (int i = 0; i < 8; ++i)
        if (!loader.insert(ClientRecordGenerator::contactInsertSql(),
                           records.contact(index, i == 0), error))
            return false;
    for (int i = 0; i < 25; ++i)
        if (!loader.insert(ClientRecordGenerator::taskInsertSql(), records.task(index, i < 15),
                           error))
            return false;
    return loader.insert(ClientRecordGenerator::leadInsertSql(), records.lead(index, true, {}),
                         error)
            && loader.insert(ClientRecordGenerator::leadInsertSql(), records.lead(index, true, {}),
                             error)
            && loader.insert(ClientRecordGenerator::leadInsertSql(),
                             records.lead(index, false, phone), error);
}

} // namespace

ClientStoreSeeder::ClientStoreSeeder(QString cacheDir, qint64 customers, int busyTimeline)
    : CachedBenchStore(QStringLiteral("%1/client-%2-customers-%3-timeline.db")
                     .arg(cacheDir)
                     .arg(customers)
                     .arg(busyTimeline))
    , m_customers(customers)
    , m_busyTimeline(busyTimeline)
{
}

QString ClientStoreSeeder::busyCustomerId() const
{
    return m_busyTimeline > 0 ? CustomerGenerator().customerId(busyIndex(m_customers)) : QString();
}

bool ClientStoreSeeder::isUsable(QString *why) const
{
    {
        CApiStore store;
        qint64 version = 0;
        if (!store.open(path(), keyLiteral(), why)
            || !store.firstValue("PRAGMA user_version", &version, why))
            return false;
        if (version > Migrator::productMigrations().last().version) {
            *why = QStringLiteral("schema %1 is newer than this build's").arg(version);
            return false;
        }
    }
    // An older schema is brought up to date the way the product does it.
    LocalStore local(path());
    if (!local.open(key(), LocalStore::KeyKind::Raw, false)) {
        *why = local.lastError().detail;
        return false;
    }
    if (!local.lastBackupPath().isEmpty())
        QFile::remove(local.lastBackupPath());
    local.close();

    CApiStore store;
    qint64 customers = -1;
    qint64 indexed = -1;
    qint64 deferred = -1;
    qint64 busy = 0;
    const QByteArray busyCount = "SELECT count(*) FROM activities WHERE related_id = '"
            + busyCustomerId().toLatin1() + "'";
    if (!store.open(path(), keyLiteral(), why)
        || !store.firstValue("SELECT count(*) FROM customers", &customers, why)
        || !store.firstValue("SELECT count(*) FROM customers_fts_docsize", &indexed, why)
        || !store.firstValue("SELECT count(*) FROM search_deferred", &deferred, why)
        || (m_busyTimeline > 0 && !store.firstValue(busyCount.constData(), &busy, why)))
        return false;
    if (customers != m_customers || indexed != m_customers || deferred != 0
        || busy != m_busyTimeline) {
        *why = QStringLiteral("%1 customers, %2 indexed, %3 deferred, %4 timeline entries")
                       .arg(customers)
                       .arg(indexed)
                       .arg(deferred)
                       .arg(busy);
        return false;
    }
    return true;
}

bool ClientStoreSeeder::fill(CApiStore &store, QString *error)
{
    // The triggers stand still while the tables are listed; the index is built once at
    // the end, as SearchIndex does after a first sync's snapshot.
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
    QString busyPhone;
    for (qint64 i = 0; i < m_customers; ++i) {
        QVariantList row = customers.nextCustomer();
        if (!row.at(creditCodeColumn).isNull())
            row[creditCodeColumn] = validCreditCode(row.at(creditCodeColumn).toString());
        if (m_busyTimeline > 0 && i == busyIndex(m_customers)) {
            row[deletedColumn] = 0; // the customer the 360° view opens is live
            busyPhone = row.at(phoneColumn).toString();
        }
        if (!loader.insert(CustomerGenerator::customerInsertSql(), row, error))
            return false;
        printLoadProgress("customers", i + 1, m_customers);
    }
    if (m_busyTimeline > 0) {
        // A book of some history: two timeline entries per customer, and a contact, a
        // task and a lead for every fourth or fifth.
        ClientRecordGenerator records(customers, 0x74696d656c696e65ULL);
        const qint64 background = m_customers * 2;
        for (qint64 i = 0; i < background; ++i) {
            qint64 owner = qint64(scatter(quint64(i)) % quint64(m_customers));
            if (owner == busyIndex(m_customers)) // its timeline is exactly as long as asked
                owner = (owner + 1) % m_customers;
            if (!loader.insert(ClientRecordGenerator::activityInsertSql(), records.activity(owner),
                               error))
                return false;
            printLoadProgress("timeline entries", i + 1, background);
        }
        for (qint64 i = 0; i < m_customers; i += 4)
            if (!loader.insert(ClientRecordGenerator::contactInsertSql(), records.contact(i, true),
                               error)
                || !loader.insert(ClientRecordGenerator::taskInsertSql(),
                                  records.task(i, i % 8 != 0), error))
                return false;
        for (qint64 i = 0; i < m_customers; i += 5)
            if (!loader.insert(ClientRecordGenerator::leadInsertSql(),
                               records.lead(i, i % 10 == 0, QString()), error))
                return false;
        if (!fillBusyCustomer(loader, records, busyIndex(m_customers), m_busyTimeline, busyPhone,
                              error))
            return false;
    }
    if (!loader.finish(error))
        return false;
    std::fprintf(stderr, "building the search index…\n");
    return store.exec("BEGIN IMMEDIATE; "
                      "INSERT INTO customers_fts (customers_fts) VALUES ('rebuild'); "
                      "INSERT INTO leads_fts (leads_fts) VALUES ('rebuild'); "
                      "INSERT INTO activities_fts (activities_fts) VALUES ('rebuild'); "
                      "DELETE FROM search_deferred; COMMIT",
                      error);
}

bool ClientStoreSeeder::sample(Sample *sample, QString *error) const
{
    CApiStore store;
    if (!store.open(path(), keyLiteral(), error))
        return false;
    const QByteArray sql = "SELECT legal_name, credit_code, phone FROM customers WHERE "
                           "deleted = 0 AND credit_code IS NOT NULL AND phone IS NOT NULL AND "
                           "legal_name LIKE '%有限公司' AND local_id > "
            + QByteArray::number(m_customers * 3 / 4) + " ORDER BY local_id LIMIT 1";
    sqlite3_stmt *statement = nullptr;
    bool found = false;
    const auto text = [&](int column) {
        return QString::fromUtf8(
                reinterpret_cast<const char *>(sqlite3_column_text(statement, column)));
    };
    if (sqlite3_prepare_v2(store.handle(), sql.constData(), int(sql.size()), &statement, nullptr)
                == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW) {
        sample->nameFragment = text(0).left(4);
        sample->creditCode = text(1);
        sample->phone = text(2);
        found = true;
    }
    sqlite3_finalize(statement);
    if (!found)
        *error = QStringLiteral("no firm with a Chinese name, a credit code and a phone number");
    return found;
}

} // namespace branchline
