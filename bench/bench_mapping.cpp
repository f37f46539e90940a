// SPDX-License-Identifier: GPL-3.0-or-later
// What the record schema costs: reading customer rows from the store, writing their column
// values and turning them into JSON through the schema's mapping (StoredRecord,
// RecordMapping::toJson), next to the same work written out by hand for the Customer struct
// the way every repository and server kind did before the schema (the baseline), in the same
// run, on the same rows. See docs/benchmarks.md.
//
//   bench_mapping [--rows N] [--repetitions R]
#include "CipherBenchStore.h"
#include "domain/records/RecordEnums.h"
#include "repositories/StoredRecord.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace branchline;

namespace {

// The baseline: the hand-written mapping the schema replaced (CustomerRepository's read and
// columnsOf, CustomerJson::toJson), kept here only to be measured against.
Customer readByHand(const QSqlQuery &query)
{
    auto number = [](const QVariant &value) {
        return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
    };
    Customer c;
    RecordTable::readMeta(query, 0, &c.meta);
    int i = RecordTable::metaColumnCount;
    c.kind = RecordEnums::parse<CustomerKind>(query.value(i++).toString())
                     .value_or(CustomerKind::Merchant);
    c.legalName = query.value(i++).toString();
    c.creditCode = query.value(i++).toString();
    c.idNumber = query.value(i++).toString();
    c.phone = query.value(i++).toString();
    c.address = query.value(i++).toString();
    c.city = query.value(i++).toString();
    c.industry = query.value(i++).toString();
    c.mcc = query.value(i++).toString();
    c.branchId = query.value(i++).toString();
    c.ownerId = query.value(i++).toString();
    c.status = RecordEnums::parse<CustomerStatus>(query.value(i++).toString())
                       .value_or(CustomerStatus::Prospect);
    c.riskLevel = RecordEnums::parse<RiskLevel>(query.value(i++).toString());
    c.kycStatus = RecordEnums::parse<KycStatus>(query.value(i++).toString())
                          .value_or(KycStatus::NotStarted);
    c.tags = query.value(i++).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    c.notes = query.value(i++).toString();
    c.feeRateDebit = number(query.value(i++));
    c.feeRateCredit = number(query.value(i++));
    c.feeRateQr = number(query.value(i++));
    c.creditLimitFen = number(query.value(i++));
    c.settlementAccount = query.value(i++).toString();
    return c;
}

RecordTable::Columns columnsByHand(const Customer &c)
{
    return {
        { QStringLiteral("kind"), RecordEnums::code(c.kind) },
        { QStringLiteral("legal_name"), c.legalName },
        { QStringLiteral("credit_code"), RecordTable::nullIfEmpty(c.creditCode) },
        { QStringLiteral("id_number"), RecordTable::nullIfEmpty(c.idNumber) },
        { QStringLiteral("phone"), RecordTable::nullIfEmpty(c.phone) },
        { QStringLiteral("address"), c.address },
        { QStringLiteral("city"), c.city },
        { QStringLiteral("industry"), c.industry },
        { QStringLiteral("mcc"), RecordTable::nullIfEmpty(c.mcc) },
        { QStringLiteral("branch_id"), RecordTable::nullIfEmpty(c.branchId) },
        { QStringLiteral("owner_id"), RecordTable::nullIfEmpty(c.ownerId) },
        { QStringLiteral("status"), RecordEnums::code(c.status) },
        { QStringLiteral("risk_level"),
          c.riskLevel ? QVariant(RecordEnums::code(*c.riskLevel))
                      : QVariant(QMetaType::fromType<QString>()) },
        { QStringLiteral("kyc_status"), RecordEnums::code(c.kycStatus) },
        { QStringLiteral("tags"), c.tags.join(QLatin1Char(',')) },
        { QStringLiteral("notes"), c.notes },
    };
}

QJsonObject jsonByHand(const Customer &c)
{
    auto number = [](const std::optional<qint64> &value) {
        return value ? QJsonValue(*value) : QJsonValue();
    };
    return {
        { QStringLiteral("id"), c.meta.id },
        { QStringLiteral("version"), c.meta.version },
        { QStringLiteral("kind"), RecordEnums::code(c.kind) },
        { QStringLiteral("legal_name"), c.legalName },
        { QStringLiteral("credit_code"), c.creditCode },
        { QStringLiteral("id_number"), c.idNumber },
        { QStringLiteral("phone"), c.phone },
        { QStringLiteral("address"), c.address },
        { QStringLiteral("city"), c.city },
        { QStringLiteral("industry"), c.industry },
        { QStringLiteral("mcc"), c.mcc },
        { QStringLiteral("branch_id"), c.branchId },
        { QStringLiteral("owner_id"), c.ownerId },
        { QStringLiteral("status"), RecordEnums::code(c.status) },
        { QStringLiteral("risk_level"),
          c.riskLevel ? QJsonValue(RecordEnums::code(*c.riskLevel)) : QJsonValue() },
        { QStringLiteral("kyc_status"), RecordEnums::code(c.kycStatus) },
        { QStringLiteral("tags"), QJsonArray::fromStringList(c.tags) },
        { QStringLiteral("notes"), c.notes },
        { QStringLiteral("fee_rate_debit"), number(c.feeRateDebit) },
        { QStringLiteral("fee_rate_credit"), number(c.feeRateCredit) },
        { QStringLiteral("fee_rate_qr"), number(c.feeRateQr) },
        { QStringLiteral("credit_limit_fen"), number(c.creditLimitFen) },
        { QStringLiteral("settlement_account"), c.settlementAccount },
        { QStringLiteral("created_at"), c.meta.createdAt.toString(Qt::ISODateWithMs) },
        { QStringLiteral("updated_at"), c.meta.updatedAt.toString(Qt::ISODateWithMs) },
    };
}

QJsonObject jsonBySchema(const Customer &c)
{
    QJsonObject json = mappingOf<Customer>().toJson(c);
    json.insert(QStringLiteral("id"), c.meta.id);
    json.insert(QStringLiteral("version"), c.meta.version);
    json.insert(QStringLiteral("created_at"), c.meta.createdAt.toString(Qt::ISODateWithMs));
    json.insert(QStringLiteral("updated_at"), c.meta.updatedAt.toString(Qt::ISODateWithMs));
    return json;
}

bool fill(QSqlDatabase &db, int rows, QString *error)
{
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
            "INSERT INTO customers (id, kind, legal_name, credit_code, phone, address, city, "
            "industry, mcc, branch_id, owner_id, status, risk_level, kyc_status, tags, notes, "
            "fee_rate_debit, credit_limit_fen, settlement_account, version, created_at, "
            "updated_at) VALUES (?, 'merchant', ?, ?, ?, ?, ?, '零售', '5411', 'b-hz', ?, "
            "'active', ?, 'verified', 'vip,qr', ?, ?, NULL, ?, 1, "
            "'2026-01-02T03:04:05.006Z', '2026-01-02T03:04:05.006Z')"));
    for (int i = 0; i < rows; ++i) {
        insert.addBindValue(QStringLiteral("c-%1").arg(i, 8, 10, QLatin1Char('0')));
        insert.addBindValue(QStringLiteral("杭州西湖第%1号茶叶有限公司").arg(i));
        insert.addBindValue(QStringLiteral("91330100MA%1").arg(i, 8, 10, QLatin1Char('0')));
        insert.addBindValue(QStringLiteral("138%1").arg(i, 8, 10, QLatin1Char('0')));
        insert.addBindValue(QStringLiteral("浙江省杭州市西湖区文三路%1号").arg(i));
        insert.addBindValue(i % 2 ? QStringLiteral("杭州") : QStringLiteral("宁波"));
        insert.addBindValue(QStringLiteral("u-rep%1").arg(i % 40));
        insert.addBindValue(i % 3 ? QStringLiteral("low") : QStringLiteral("medium"));
        insert.addBindValue(QStringLiteral("每周三上午拜访；店主偏好扫码收款。"));
        insert.addBindValue(qint64(3800 + i % 100));
        insert.addBindValue(QStringLiteral("6222%1").arg(i, 12, 10, QLatin1Char('0')));
        if (!insert.exec()) {
            *error = insert.lastError().text();
            return false;
        }
    }
    if (!db.commit()) {
        *error = db.lastError().text();
        return false;
    }
    return true;
}

double elapsedMs(const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

double median(QList<double> times)
{
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

// The medians of `repetitions` rounds of each side, the two taking turns round by round so
// that a slower stretch of the machine falls on both alike.
QPair<double, double> medianMs(int repetitions, const std::function<void()> &baseline,
                               const std::function<void()> &schema)
{
    QList<double> first;
    QList<double> second;
    for (int r = 0; r < repetitions; ++r) {
        first << elapsedMs(baseline);
        second << elapsedMs(schema);
    }
    return { median(first), median(second) };
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Customers."),
                                        QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption repetitionsOption(QStringLiteral("repetitions"),
                                               QStringLiteral("Timed rounds per step."),
                                               QStringLiteral("R"), QStringLiteral("7"));
    parser.addOptions({ rowsOption, repetitionsOption });
    parser.process(app);
    const int rows = qMax(1, parser.value(rowsOption).toInt());
    const int repetitions = qMax(1, parser.value(repetitionsOption).toInt());

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("mapping.db"));
    QString error;
    CipherBenchStore store;
    if (!store.create(file, &error)) {
        std::fprintf(stderr, "bench_mapping: %s\n", qPrintable(error));
        return 1;
    }
    {
        QSqlDatabase db = store.open(file, QStringLiteral("mapping"), &error);
        if (!db.isOpen() || !fill(db, rows, &error)) {
            std::fprintf(stderr, "bench_mapping: %s\n", qPrintable(error));
            return 1;
        }

        const QString select =
                QStringLiteral("SELECT %1, %2 FROM customers ORDER BY local_id")
                        .arg(RecordTable::metaColumns(), StoredRecord<Customer>::columns());
        QList<Customer> customers;
        auto readAll = [&](Customer (*read)(const QSqlQuery &)) {
            customers.clear();
            QSqlQuery query(db);
            query.setForwardOnly(true);
            query.exec(select);
            while (query.next())
                customers << read(query);
        };
        qint64 sink = 0;
        auto columnsAll = [&](RecordTable::Columns (*columnsOf)(const Customer &)) {
            for (const Customer &c : std::as_const(customers))
                sink += columnsOf(c).size();
        };
        auto jsonAll = [&](QJsonObject (*toJson)(const Customer &)) {
            for (const Customer &c : std::as_const(customers))
                sink += toJson(c).size();
        };

        struct Step
        {
            const char *name;
            double baseline;
            double schema;
        };
        QList<Step> steps;
        readAll(&readByHand); // warm the page cache
        auto measure = [&](const char *name, const std::function<void()> &baseline,
                           const std::function<void()> &schema) {
            const QPair<double, double> ms = medianMs(repetitions, baseline, schema);
            steps << Step{ name, ms.first, ms.second };
        };
        measure(
                "read rows", [&] { readAll(&readByHand); },
                [&] { readAll(&StoredRecord<Customer>::read); });
        if (customers.size() != rows) {
            std::fprintf(stderr, "bench_mapping: read %lld rows of %d\n",
                         qlonglong(customers.size()), rows);
            return 1;
        }
        measure(
                "column values", [&] { columnsAll(&columnsByHand); },
                [&] { columnsAll(&StoredRecord<Customer>::columnsOf); });
        measure(
                "to JSON", [&] { jsonAll(&jsonByHand); }, [&] { jsonAll(&jsonBySchema); });
        // Both mappings must say the same, or the timing compares different work.
        for (const Customer &c : std::as_const(customers)) {
            if (jsonByHand(c) != jsonBySchema(c)) {
                std::fprintf(stderr, "bench_mapping: the two JSON forms of %s differ\n",
                             qPrintable(c.meta.id));
                return 1;
            }
        }

        QTextStream out(stdout);
        out << "bench_mapping: " << rows << " customers, median of " << repetitions
            << " rounds (checksum " << sink << ")\n";
        out << "| step | hand-written ms | schema ms | ratio |\n| --- | --- | --- | --- |\n";
        for (const Step &step : std::as_const(steps))
            out << "| " << step.name << " | " << QString::number(step.baseline, 'f', 1) << " | "
                << QString::number(step.schema, 'f', 1) << " | "
                << QString::number(step.schema / step.baseline, 'f', 2) << "x |\n";
    }
    store.close(QStringLiteral("mapping"));
    return 0;
}
