// SPDX-License-Identifier: GPL-3.0-or-later
// bench_audit_append: what an audit entry adds to a write transaction, on SQLite and (with
// BRANCHLINE_TEST_POSTGRES_URL, e.g. under scripts/with-postgres.sh) PostgreSQL. Three ways,
// each its own transactions on its own fresh database, in the same run:
//   empty     BEGIN and COMMIT of a one-row insert into a scratch table: the floor
//   sha256    that insert plus the entry as the server wrote it before keyed entries (head
//             UPDATE, SELECT, INSERT, head UPDATE, SHA-256 over 0x1f-joined fields)
//   hmac      that insert plus AuditLog::append (head SELECT FOR UPDATE, INSERT, head UPDATE,
//             HMAC-SHA256 over the length-prefixed encoding)
// and prints microseconds per transaction and hmac/sha256. A timing, never a test assertion.
//
//   bench_audit_append [--transactions 2000]
#include "core/AuditLog.h"
#include "core/KeyRing.h"
#include "core/ServerMigrator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>

#include <cstdio>

using namespace branchline::server;

namespace {

enum class Way { Empty, Sha256, Hmac };

const AuditEntry sample{ QStringLiteral("5b7c0d5e-8a51-4bd6-9a43-000000000001"),
                         QStringLiteral("customer.update"),
                         QStringLiteral("customers"),
                         QStringLiteral("6f1e2d3c-1111-2222-3333-444455556666"),
                         QString(),
                         QStringLiteral("{\"fields\":[\"notes\",\"city\",\"status\"]}") };

// The append of the server before keyed entries, kept here as the baseline.
bool sha256Append(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("UPDATE audit_head SET seq = seq + 1 WHERE id = 1"))
        || !query.exec(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1"))
        || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    const qint64 seq = query.value(0).toLongLong();
    const QString previous = query.value(1).toString();
    const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QChar separator(0x1f);
    const QString canonical = QString::number(seq) + separator + at + separator + sample.actorId
            + separator + sample.action + separator + sample.entity + separator + sample.entityId
            + separator + sample.reason + separator + sample.detail + separator + previous;
    const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex());
    query.prepare(QStringLiteral("INSERT INTO audit_log (seq, at, actor_id, action, entity, "
                                 "entity_id, reason, detail, prev_hash, hash) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value :
         { QVariant(seq), QVariant(at), QVariant(sample.actorId), QVariant(sample.action),
           QVariant(sample.entity), QVariant(sample.entityId), QVariant(QStringLiteral("")),
           QVariant(sample.detail), QVariant(previous), QVariant(hash) })
        query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    query.prepare(QStringLiteral("UPDATE audit_head SET hash = ? WHERE id = 1"));
    query.addBindValue(hash);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

// Microseconds per transaction of `way` on a fresh database at `url`; negative on failure.
double run(const QString &url, Way way, int transactions)
{
    DatabaseUrl parsed;
    QString error;
    if (!DatabaseUrl::parse(url, &parsed, &error))
        return -1;
    Database database(parsed);
    ServerMigrator migrator(database);
    if (!migrator.migrate(&error)) { // also makes the audit key (AuditKeys::prepare)
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return -1;
    }
    {
        QSqlDatabase db = database.connection();
        QSqlQuery(db).exec(QStringLiteral("CREATE TABLE scratch (id TEXT PRIMARY KEY, v TEXT)"));
    }
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < transactions; ++i) {
        const bool ok = database.inTransaction(
                [&](QSqlDatabase &db, QString *txError) {
                    QSqlQuery query(db);
                    query.prepare(QStringLiteral("INSERT INTO scratch (id, v) VALUES (?, ?)"));
                    query.addBindValue(QString::number(i));
                    query.addBindValue(sample.detail);
                    if (!query.exec()) {
                        *txError = query.lastError().text();
                        return false;
                    }
                    if (way == Way::Sha256)
                        return sha256Append(db, txError);
                    if (way == Way::Hmac)
                        return AuditLog::append(db, sample, txError);
                    return true;
                },
                &error);
        if (!ok) {
            std::fprintf(stderr, "transaction failed: %s\n", qPrintable(error));
            return -1;
        }
    }
    const double perTransaction = double(timer.nsecsElapsed()) / 1000.0 / transactions;
    if (way == Way::Hmac) {
        QSqlDatabase db = database.connection();
        if (!AuditLog::verify(db).intact) {
            std::fprintf(stderr, "the benchmark's own trail does not verify\n");
            return -1;
        }
    }
    return perTransaction;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false"));
    QCommandLineParser parser;
    const QCommandLineOption transactionsOption(QStringLiteral("transactions"),
                                                QStringLiteral("transactions per way"),
                                                QStringLiteral("n"), QStringLiteral("2000"));
    parser.addOption(transactionsOption);
    parser.process(app);
    const int transactions = std::clamp(parser.value(transactionsOption).toInt(), 1, 1000000);

    QTemporaryDir dir;
    auto ring = std::make_shared<KeyRing>();
    QString error;
    if (!ring->open(dir.filePath(QStringLiteral("keys")), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    KeyRing::install(std::move(ring));

    std::printf("%-10s %12s %12s %12s %14s\n", "engine", "empty us", "sha256 us", "hmac us",
                "hmac/sha256");
    const QString adminUrl = qEnvironmentVariable("BRANCHLINE_TEST_POSTGRES_URL");
    for (const bool postgres : { false, true }) {
        if (postgres && adminUrl.isEmpty()) {
            std::printf("postgresql: skipped (no BRANCHLINE_TEST_POSTGRES_URL)\n");
            continue;
        }
        double microseconds[3] = {};
        for (const Way way : { Way::Empty, Way::Sha256, Way::Hmac }) {
            QString url;
            QString name;
            if (postgres) {
                name = QStringLiteral("audit_") + QUuid::createUuid().toString(QUuid::Id128);
                DatabaseUrl admin;
                DatabaseUrl::parse(adminUrl, &admin, &error);
                Database adminDb(admin);
                QSqlDatabase db = adminDb.connection(&error);
                QSqlQuery(db).exec(QStringLiteral("CREATE DATABASE %1").arg(name));
                QUrl parsed(adminUrl);
                parsed.setPath(QLatin1Char('/') + name);
                url = parsed.toString();
            } else {
                url = dir.filePath(QStringLiteral("bench-%1.db").arg(int(way)));
            }
            microseconds[int(way)] = run(url, way, transactions);
            if (postgres) {
                DatabaseUrl admin;
                DatabaseUrl::parse(adminUrl, &admin, &error);
                Database adminDb(admin);
                QSqlDatabase db = adminDb.connection(&error);
                QSqlQuery(db).exec(
                        QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
            }
            if (microseconds[int(way)] < 0)
                return 1;
        }
        std::printf("%-10s %12.1f %12.1f %12.1f %14.2f\n", postgres ? "postgresql" : "sqlite",
                    microseconds[0], microseconds[1], microseconds[2],
                    microseconds[2] / microseconds[1]);
    }
    return 0;
}
