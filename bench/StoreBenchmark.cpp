// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreBenchmark.h"

#include "BenchStore.h"
#include "CustomerGenerator.h"
#include "search/SearchQuery.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

#include <random>

namespace branchline {

namespace {

constexpr quint64 lookupSeed = 0x6c6f6f6b7570ULL; // "lookup"

QString errorText(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text()
                                          : error.text() + " (" + error.databaseText() + ')';
}

} // namespace

QList<StoreBenchmark::Search> StoreBenchmark::searches()
{
    // A common two-character phrase (an industry word in about one name in nine), the same
    // narrowed by a city, a two-letter Latin prefix (served by the prefix="2,3" index) and
    // a four-letter one (beyond the prefix index: a term range scan).
    return {
        { "fts_cjk_phrase", QString::fromUtf8("科技") },
        { "fts_cjk_two_terms", QString::fromUtf8("深圳 科技") },
        { "fts_latin_prefix2", "zh" },
        { "fts_latin_prefix4", "shen" },
    };
}

QString StoreBenchmark::searchSql()
{
    // CustomerRepository::page, full-text branch, first page, no other filter.
    return "SELECT c.local_id, c.id, c.kind, c.legal_name, c.city, c.status, "
           "c.risk_level, c.kyc_status, c.phone, c.updated_at, "
           "u.display_name, b.name "
           "FROM customers c JOIN customers_fts ON customers_fts.docid = c.local_id "
           "LEFT JOIN users u ON u.id = c.owner_id "
           "LEFT JOIN branches b ON b.id = c.branch_id "
           "WHERE c.deleted = 0 AND customers_fts MATCH ? ORDER BY customers_fts.docid LIMIT ?";
}

QString StoreBenchmark::lookupSql()
{
    // RecordRepository::find, as CustomerRepository uses it.
    return "SELECT local_id, id, version, deleted, created_at, updated_at, kind, legal_name, "
           "credit_code, id_number, phone, address, city, industry, mcc, branch_id, owner_id, "
           "status, risk_level, kyc_status, tags, notes "
           "FROM customers WHERE id = ? AND deleted = 0";
}

QString StoreBenchmark::groupBySql()
{
    // A whole-table aggregate reads every live row: a sequential scan beats walking a
    // partial index and fetching each row by rowid at random (2.5x on both engines).
    return "SELECT city, risk_level, count(*) FROM customers NOT INDEXED WHERE deleted = 0 "
           "GROUP BY city, risk_level";
}

QStringList StoreBenchmark::lookupIds(int round, qint64 rows)
{
    // Every round asks for other customers, so a round cannot just replay the pages the
    // previous one left in SQLite's cache.
    const CustomerGenerator generator;
    std::mt19937_64 random(lookupSeed + static_cast<quint64>(round));
    QStringList ids;
    ids.reserve(lookupCount);
    for (int i = 0; i < lookupCount; ++i)
        ids << generator.customerId(static_cast<qint64>(random() % static_cast<quint64>(rows)));
    return ids;
}

QString StoreBenchmark::lookupCheck(qint64 found, qint64 localIdSum)
{
    return QString("found=%1 local_id_sum=%2").arg(found).arg(localIdSum);
}

QString StoreBenchmark::searchCheck(qint64 matches, qint64 rows, qint64 localIdSum)
{
    return QString("matches=%1 rows=%2 local_id_sum=%3").arg(matches).arg(rows).arg(localIdSum);
}

QString StoreBenchmark::groupsCheck(QStringList lines)
{
    // Without ORDER BY the row order is the engine's business; compare as a set.
    lines.sort();
    const QByteArray digest =
            QCryptographicHash::hash(lines.join('\n').toUtf8(), QCryptographicHash::Sha256);
    return QString("groups=%1 sha256=%2")
            .arg(lines.size())
            .arg(QString::fromLatin1(digest.toHex().left(16)));
}

StoreBenchmark::StoreBenchmark(BenchStore *store, BenchOptions options, BenchReport report)
    : m_store(store)
    , m_options(std::move(options))
    , m_report(std::move(report))
{
}

bool StoreBenchmark::fail(const QString &what, const QString &error) const
{
    m_report.progress("FAILED: " + what + ": " + error);
    return false;
}

QSqlDatabase StoreBenchmark::openConnection(QString *name)
{
    *name = QString("bench-%1").arg(++m_connections);
    QString error;
    QSqlDatabase db = m_store->open(m_options.filePath, *name, &error);
    if (!db.isOpen())
        fail("open " + m_options.filePath, error);
    return db;
}

bool StoreBenchmark::run()
{
    const QString &file = m_options.filePath;
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(file + suffix);

    m_report.progress(QString("creating %1 with %2 customers").arg(file).arg(m_options.rows));
    QString error;
    if (!m_store->create(file, &error))
        return fail("create " + file, error);

    QString name;
    bool ok = false;
    {
        QSqlDatabase db = openConnection(&name);
        ok = db.isOpen() && seedReferenceData(db) && insertCustomers(db);
        if (ok)
            reportEngine(db);
        if (ok) {
            // Both sides start the reads with everything in the main file and an empty log.
            QSqlQuery checkpoint(db);
            ok = checkpoint.exec("PRAGMA wal_checkpoint(TRUNCATE)");
            if (!ok)
                fail("checkpoint", errorText(checkpoint.lastError()));
        }
    }
    m_store->close(name);
    if (!ok)
        return false;
    m_report.info("file_bytes", QString::number(QFileInfo(file).size()));

    // The reads run on a fresh connection, as after a restart of the application.
    {
        QSqlDatabase db = openConnection(&name);
        ok = db.isOpen() && lookups(db);
        for (const Search &s : searches())
            ok = ok && search(db, s);
        ok = ok && groupBy(db);
    }
    m_store->close(name);
    ok = ok && storeOpen();
    m_report.memory();
    return ok;
}

bool StoreBenchmark::seedReferenceData(QSqlDatabase db)
{
    CustomerGenerator generator;
    QSqlQuery query(db);
    if (!db.transaction())
        return fail("begin", errorText(db.lastError()));
    const auto insertAll = [&](const QString &sql, int count, auto row) {
        if (!query.prepare(sql))
            return fail("prepare " + sql, errorText(query.lastError()));
        for (int i = 0; i < count; ++i) {
            const QVariantList values = row(i);
            for (int v = 0; v < values.size(); ++v)
                query.bindValue(v, values.at(v));
            if (!query.exec())
                return fail("insert reference data", errorText(query.lastError()));
        }
        return true;
    };
    if (!insertAll(CustomerGenerator::branchInsertSql(), CustomerGenerator::branchCount,
                   [&](int i) { return generator.branch(i); })
        || !insertAll(CustomerGenerator::userInsertSql(), CustomerGenerator::userCount,
                      [&](int i) { return generator.user(i); }))
        return false;
    query.finish();
    if (!db.commit())
        return fail("commit", errorText(db.lastError()));
    return true;
}

bool StoreBenchmark::insertCustomers(QSqlDatabase db)
{
    const QString id = "insert";
    m_report.step(id,
                  QString("bulk insert of %1 customers, %2 per transaction, with the FTS "
                          "triggers (data generation not timed)")
                          .arg(m_options.rows)
                          .arg(insertBatch));
    CustomerGenerator generator;
    QSqlQuery insert(db);
    if (!insert.prepare(CustomerGenerator::customerInsertSql()))
        return fail("prepare insert", errorText(insert.lastError()));

    QList<QVariantList> batch;
    batch.reserve(insertBatch);
    qint64 totalNs = 0;
    QElapsedTimer timer;
    for (qint64 done = 0; done < m_options.rows;) {
        batch.clear();
        const qint64 count = qMin<qint64>(insertBatch, m_options.rows - done);
        for (qint64 i = 0; i < count; ++i)
            batch.append(generator.nextCustomer());

        timer.start();
        if (!db.transaction())
            return fail("begin", errorText(db.lastError()));
        for (const QVariantList &row : std::as_const(batch)) {
            for (int v = 0; v < row.size(); ++v)
                insert.bindValue(v, row.at(v));
            if (!insert.exec()) {
                const QString error = errorText(insert.lastError());
                db.rollback();
                return fail("insert customer", error);
            }
        }
        if (!db.commit())
            return fail("commit", errorText(db.lastError()));
        totalNs += timer.nsecsElapsed();

        done += count;
        if (done % 100000 == 0 || done == m_options.rows)
            m_report.progress(QString("inserted %1 customers").arg(done));
    }
    m_report.result(id, static_cast<double>(totalNs) / 1e6, 1);

    QSqlQuery count(db);
    if (!count.exec("SELECT count(*), sum(deleted) FROM customers") || !count.next())
        return fail("count", errorText(count.lastError()));
    m_report.check(id,
                   QString("customers=%1 deleted=%2")
                           .arg(count.value(0).toLongLong())
                           .arg(count.value(1).toLongLong()));
    return true;
}

bool StoreBenchmark::lookups(QSqlDatabase db)
{
    const QString id = "lookup";
    m_report.step(id,
                  QString("%1 point lookups by global id, one prepared statement "
                          "(CustomerRepository::find SQL), median of %2")
                          .arg(lookupCount)
                          .arg(readRepetitions));
    if (m_options.plans) {
        explain(db, id, lookupSql(), { CustomerGenerator().customerId(m_options.rows / 2) });
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(lookupSql()))
        return fail("prepare lookup", errorText(query.lastError()));

    int round = 0;
    qint64 found = 0;
    qint64 localIdSum = 0;
    const double ms = BenchReport::medianMs(1, readRepetitions, [&] {
        const QStringList ids = lookupIds(round++, m_options.rows); // before the clock starts
        return BenchReport::timeMs([&] {
            for (const QString &customerId : std::as_const(ids)) {
                query.bindValue(0, customerId);
                if (!query.exec())
                    return fail("lookup", errorText(query.lastError()));
                if (query.next()) {
                    ++found;
                    localIdSum += query.value(0).toLongLong();
                    for (int c = 1; c < 22; ++c)
                        query.value(c); // convert every column, as find() does
                }
            }
            return true;
        });
    });
    if (ms < 0)
        return false;
    m_report.result(id, ms, readRepetitions);
    m_report.check(id, lookupCheck(found, localIdSum));
    return true;
}

bool StoreBenchmark::search(QSqlDatabase db, const Search &spec)
{
    const QString match = SearchQuery::matchExpression(spec.input);
    const QVariantList values{ match, pageSize };
    m_report.step(spec.step,
                  QString("FTS first page of %1, input \"%2\" -> MATCH '%3', "
                          "median of %4")
                          .arg(pageSize)
                          .arg(spec.input, match)
                          .arg(readRepetitions));
    if (m_options.plans)
        explain(db, spec.step, searchSql(), values);

    qint64 rows = 0;
    qint64 localIdSum = 0;
    const double ms = BenchReport::medianMs(1, readRepetitions, [&] {
        rows = 0;
        localIdSum = 0;
        return BenchReport::timeMs([&] {
            // A new statement per page, as CustomerRepository::page does.
            QSqlQuery query(db);
            query.setForwardOnly(true);
            if (!query.prepare(searchSql()))
                return fail("prepare search", errorText(query.lastError()));
            for (const QVariant &value : values)
                query.addBindValue(value);
            if (!query.exec())
                return fail("search", errorText(query.lastError()));
            while (query.next()) {
                ++rows;
                localIdSum += query.value(0).toLongLong();
                for (int c = 1; c < 12; ++c)
                    query.value(c);
            }
            return true;
        });
    });
    if (ms < 0)
        return false;
    m_report.result(spec.step, ms, readRepetitions);

    // How many customers the expression matches in all, for the record; not timed.
    QSqlQuery count(db);
    count.prepare("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH ?");
    count.addBindValue(match);
    const qint64 matches = count.exec() && count.next() ? count.value(0).toLongLong() : -1;
    m_report.check(spec.step, searchCheck(matches, rows, localIdSum));
    return true;
}

bool StoreBenchmark::groupBy(QSqlDatabase db)
{
    const QString id = "group_by";
    m_report.step(id,
                  QString("SELECT city, risk_level, count(*) ... WHERE deleted = 0 "
                          "GROUP BY city, risk_level, median of %1")
                          .arg(readRepetitions));
    if (m_options.plans)
        explain(db, id, groupBySql(), {});

    QStringList groups;
    const double ms = BenchReport::medianMs(1, readRepetitions, [&] {
        groups.clear();
        return BenchReport::timeMs([&] {
            QSqlQuery query(db);
            query.setForwardOnly(true);
            if (!query.exec(groupBySql()))
                return fail("group by", errorText(query.lastError()));
            while (query.next()) {
                groups << query.value(0).toString() + '|' + query.value(1).toString() + '|'
                                + query.value(2).toString();
            }
            return true;
        });
    });
    if (ms < 0)
        return false;
    m_report.result(id, ms, readRepetitions);
    m_report.check(id, groupsCheck(groups));
    return true;
}

bool StoreBenchmark::storeOpen()
{
    const QString id = "open";
    m_report.step(id,
                  QString("store open: open the file (key, pragmas, tokenizer) and run "
                          "SELECT count(*) FROM sqlite_master, median of %1")
                          .arg(openRepetitions));
    qint64 objects = 0;
    const double ms = BenchReport::medianMs(1, openRepetitions, [&] {
        const QString name = QString("bench-open-%1").arg(++m_connections);
        double elapsed = -1;
        {
            QElapsedTimer timer;
            timer.start();
            QString error;
            QSqlDatabase db = m_store->open(m_options.filePath, name, &error);
            if (!db.isOpen()) {
                fail("open", error);
            } else {
                QSqlQuery query(db);
                if (query.exec(openSql()) && query.next()) {
                    objects = query.value(0).toLongLong();
                    elapsed = static_cast<double>(timer.nsecsElapsed()) / 1e6;
                } else {
                    fail("first query", errorText(query.lastError()));
                }
            }
        }
        m_store->close(name); // not timed: the step is about getting a usable store
        return elapsed;
    });
    if (ms < 0)
        return false;
    m_report.result(id, ms, openRepetitions);
    m_report.check(id, QString("schema_objects=%1").arg(objects));
    return true;
}

void StoreBenchmark::reportEngine(QSqlDatabase db)
{
    // Shows that both sides really run with the same settings, and on which engine.
    const QStringList queries = { "SELECT sqlite_version()", "PRAGMA cipher_version",
                                  "PRAGMA page_size",        "PRAGMA cache_size",
                                  "PRAGMA journal_mode",     "PRAGMA synchronous",
                                  "PRAGMA temp_store" };
    const QStringList keys = { "sqlite_version", "cipher_version", "page_size", "cache_size",
                               "journal_mode",   "synchronous",    "temp_store" };
    for (int i = 0; i < queries.size(); ++i) {
        QSqlQuery query(db);
        const QString value = query.exec(queries.at(i)) && query.next() ? query.value(0).toString()
                                                                        : QString("none");
        m_report.info(keys.at(i), value);
    }
}

void StoreBenchmark::explain(QSqlDatabase db, const QString &step, const QString &sql,
                             const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare("EXPLAIN QUERY PLAN " + sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_report.plan(step, "error: " + errorText(query.lastError()));
        return;
    }
    // The detail is the last column in every SQLite version (3.15 and 3.40 differ before).
    while (query.next())
        m_report.plan(step, query.value(query.record().count() - 1).toString());
}

} // namespace branchline
