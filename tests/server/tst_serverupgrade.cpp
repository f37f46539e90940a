// SPDX-License-Identifier: GPL-3.0-or-later
// A database from the previous schema, with data in it, upgrades cleanly when the current
// server starts on it: every later migration applies, an SQLite file is copied first, the
// data is intact and the audit trail still verifies. The previous schema is built from the
// migration scripts themselves, minus the newest, exactly as the previous server left it
// (migrations are forward-only and never edited once released), and its rows and audit
// entries are written as that server wrote them: the audit trail a plain SHA-256 chain, which
// the first keyed entry after the upgrade seals.
#include "ServerFixture.h"
#include "core/AuditLog.h"
#include "core/KeyRing.h"
#include "core/ServerMigrator.h"
#include "core/SqlScript.h"
#include "core/SqlValues.h"
#include "records/CustomerJson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

using namespace branchline;
using namespace branchline::server;

namespace {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// The SHA-256 link of the server before keyed entries: the fields joined by 0x1f.
QString sha256Link(const QStringList &fields)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(fields.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha256)
                    .toHex());
}

// An audit entry as the previous server appended it, inside the caller's transaction.
bool legacyAppend(QSqlDatabase &db, const AuditEntry &entry, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec("UPDATE audit_head SET seq = seq + 1 WHERE id = 1")
        || !query.exec("SELECT seq, hash FROM audit_head WHERE id = 1") || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    const qint64 seq = query.value(0).toLongLong();
    const QString previous = query.value(1).toString();
    const QString at = now();
    const QString hash =
            sha256Link({ QString::number(seq), at, entry.actorId, entry.action, entry.entity,
                         entry.entityId, entry.reason, entry.detail, previous });
    query.prepare("INSERT INTO audit_log (seq, at, actor_id, action, entity, entity_id, reason, "
                  "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const QVariant &value :
         { QVariant(seq), QVariant(at),
           entry.actorId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                   : QVariant(entry.actorId),
           QVariant(textValue(entry.action)), QVariant(textValue(entry.entity)),
           QVariant(textValue(entry.entityId)), QVariant(textValue(entry.reason)),
           QVariant(textValue(entry.detail)), QVariant(previous), QVariant(hash) })
        query.addBindValue(value);
    if (!query.exec()
        || !query.exec(QStringLiteral("UPDATE audit_head SET hash = '%1'").arg(hash))) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

// A row and its audit entry in one transaction, as the previous server wrote them, with only
// the columns every schema since the row's table came has.
bool addRow(Database &database, const QString &sql, const QVariantList &values,
            const AuditEntry &entry, QString *error)
{
    return database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(sql);
                for (const QVariant &value : values)
                    query.addBindValue(value);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                return legacyAppend(db, entry, txError);
            },
            error);
}

bool addCustomer(Database &database, const QString &id, const QString &name,
                 const QString &branchId, QString *error)
{
    return addRow(database,
                  "INSERT INTO customers (id, kind, legal_name, credit_code, city, branch_id, "
                  "status, created_at, updated_at) VALUES (?, 'merchant', ?, "
                  "'91330106MA27XL3Q0R', '杭州', ?, 'active', ?, ?)",
                  { id, name, branchId, now(), now() },
                  AuditEntry{ QString(), QStringLiteral("customer.create"),
                              QStringLiteral("customers"), id, QString(), QStringLiteral("{}") },
                  error);
}

// The customers' business fields, every row in id order, as one SHA-256: before the upgrade
// read from the columns as the old schema stored them (personal data in clear), after it
// through the server's own reader (personal data opened from its sealed form).
// One field of a row for the hashes: NULL apart from every text, then a unit separator.
QByteArray cell(const QVariant &value)
{
    return QByteArray(value.isNull() ? QByteArray("<NULL>") : value.toString().toUtf8())
            + QByteArray("\x1f");
}

QByteArray hashRowsAsStored(Database &database)
{
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    const QStringList keys = RecordSchema::kind(RecordType::Customer).keys();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!query.exec(QStringLiteral("SELECT %1 FROM customers ORDER BY id").arg(keys.join(", "))))
        return {};
    while (query.next()) {
        for (int i = 0; i < keys.size(); ++i)
            hash.addData(cell(query.value(i)));
    }
    return hash.result();
}

QByteArray hashRowsAsRead(Database &database)
{
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!query.exec(QStringLiteral("SELECT %1 FROM customers ORDER BY id")
                            .arg(CustomerJson::selectColumns())))
        return {};
    while (query.next()) {
        const Customer customer = CustomerJson::read(query);
        for (const QVariant &value : CustomerJson::mapping().storedValues(customer))
            hash.addData(cell(value));
    }
    return hash.result();
}

qint64 count(Database &database, const QString &sql)
{
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

class TestServerUpgrade : public QObject
{
    Q_OBJECT

private slots:
    void previousSchemaUpgradesOnStart_data() { test::addEngineRows(); }
    void previousSchemaUpgradesOnStart();

private:
    int run(const QStringList &arguments);
    QString m_out;
    QString m_err;
};

int TestServerUpgrade::run(const QStringList &arguments)
{
    const test::CliRun result = test::runServerCli(arguments);
    m_out = result.out;
    m_err = result.err;
    return result.status;
}

void TestServerUpgrade::previousSchemaUpgradesOnStart()
{
    QFETCH(QString, engine);
    qputenv("BRANCHLINE_SERVER_CONF", QByteArray());
    PasswordHasher::initialise();
    QTemporaryDir dir;
    const test::ScratchDatabase scratch(engine, dir);
    QVERIFY2(scratch.isReady(), qPrintable(scratch.failure()));
    const QString url = scratch.url();
    QString error;
    const int previous = ServerMigrator::latestVersion() - 1;
    QByteArray businessRows;
    {
        DatabaseUrl parsed;
        QVERIFY(DatabaseUrl::parse(url, &parsed, &error));
        Database database(parsed);
        QVERIFY2(test::applyMigrationsUpTo(database, previous, &error), qPrintable(error));
        PasswordHasher hasher(PasswordHasher::Strength::Minimum);
        const QString branchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY2(addRow(database,
                        "INSERT INTO branches (id, name, level, city, created_at) VALUES (?, ?, "
                        "'branch', '杭州', ?)",
                        { branchId, QStringLiteral("杭州西湖支行"), now() },
                        AuditEntry{ QString(), QStringLiteral("branch.create"),
                                    QStringLiteral("branches"), branchId, QString(),
                                    QStringLiteral("{\"name\":\"杭州西湖支行\"}") },
                        &error),
                 qPrintable(error));
        const QString userId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY2(addRow(database,
                        "INSERT INTO users (id, login, display_name, role, branch_id, "
                        "password_hash, password_changed_at, created_at) VALUES (?, 'zj.rep1', "
                        "'王力', 'sales_rep', ?, ?, ?, ?)",
                        { userId, branchId, hasher.hash(QStringLiteral("Xihu-Longjing-2026")),
                          now(), now() },
                        AuditEntry{ QString(), QStringLiteral("user.create"),
                                    QStringLiteral("users"), userId, QString(),
                                    QStringLiteral("{\"login\":\"zj.rep1\"}") },
                        &error),
                 qPrintable(error));
        for (int i = 0; i < 3; ++i)
            QVERIFY2(addCustomer(database, QUuid::createUuid().toString(QUuid::WithoutBraces),
                                 QStringLiteral("杭州西湖茶叶有限公司%1").arg(i), branchId, &error),
                     qPrintable(error));
        businessRows = hashRowsAsStored(database);
        QVERIFY(!businessRows.isEmpty());
    }

    // The current server starts on it (init migrates exactly as serve does), and makes the
    // audit key: the trail has no keyed entry yet.
    const QString keys = dir.filePath(QStringLiteral("keys"));
    QCOMPARE(run({ "init", "--database", url, "--key-dir", keys }), 0);
    QVERIFY2(m_out.contains(QStringLiteral("schema %1").arg(ServerMigrator::latestVersion())),
             qPrintable(m_out + m_err));
    QVERIFY2(m_out.contains("Made audit key 1"), qPrintable(m_out));
    DatabaseUrl parsed;
    QVERIFY(DatabaseUrl::parse(url, &parsed, &error));
    {
        Database database(parsed);
        QCOMPARE(count(database, "SELECT count(*) FROM customers WHERE deleted = 0"), 3);
        QCOMPARE(count(database, "SELECT count(*) FROM users"), 1);
        // Every later migration recorded itself.
        QCOMPARE(count(database,
                       "SELECT CAST(value AS INTEGER) FROM server_meta WHERE key = "
                       "'schema_version'"),
                 ServerMigrator::latestVersion());
        PasswordHasher hasher(PasswordHasher::Strength::Minimum);
        Authenticator authenticator(database, hasher);
        QCOMPARE(authenticator.login("zj.rep1", "Xihu-Longjing-2026", "d1").status,
                 Authenticator::Status::Ok);
        // Nothing of the business rows was lost or changed: the credit codes are sealed now,
        // and open to the same values.
        QCOMPARE(count(database,
                       "SELECT count(*) FROM customers WHERE credit_code = "
                       "'91330106MA27XL3Q0R'"),
                 0);
        auto ring = std::make_shared<KeyRing>();
        QVERIFY2(ring->open(keys, &error), qPrintable(error));
        KeyRing::install(ring);
        QCOMPARE(hashRowsAsRead(database), businessRows);
    }
    // The upgrade's sealing of the clear personal data ("pii.seal") was the first entry of
    // the upgraded server, then the sign-in above: "audit.keyed" came before both and sealed
    // the entries from before, which verify as SHA-256 links, and say so.
    QCOMPARE(run({ "verify-audit", "--database", url, "--key-dir", keys }), 0);
    QVERIFY2(m_out.contains("intact: 8 entries")
                     && m_out.contains("Entries 1 to 5 are from before"),
             qPrintable(m_out + m_err));
    {
        Database database(parsed);
        QSqlDatabase db = database.connection();
        QSqlQuery query(db);
        QVERIFY(query.exec("SELECT seq, action, key_number, detail FROM audit_log WHERE seq > 4 "
                           "ORDER BY seq"));
        QStringList tail;
        while (query.next())
            tail << QStringList{ query.value(0).toString(), query.value(1).toString(),
                                 query.value(2).isNull() ? "NULL" : query.value(2).toString(),
                                 query.value(3).toString() }
                            .join(' ');
        QCOMPARE(tail.mid(0, 2),
                 (QStringList{ "5 customer.create NULL {}",
                               "6 audit.keyed 1 {\"legacy_entries\":5}" }));
        QCOMPARE(tail.value(2), QStringLiteral("7 pii.seal 1 {\"values\":3}"));
        QVERIFY2(tail.value(3).startsWith("8 login 1 "), qPrintable(tail.value(3)));

        // An old entry edited after the upgrade is caught, also when the SHA-256 links after
        // it are recomputed: the seal's MAC covers the last of them.
        if (database.isPostgres())
            QVERIFY(query.exec("ALTER TABLE audit_log DISABLE TRIGGER USER"));
        else
            QVERIFY(query.exec("DROP TRIGGER audit_log_no_update"));
        QVERIFY(query.exec(
                "UPDATE audit_log SET detail = '{\"login\":\"zj.boss\"}' WHERE seq = 2"));
    }
    QCOMPARE(run({ "verify-audit", "--database", url, "--key-dir", keys }), 1);
    QVERIFY2(m_err.contains("broken at entry 2: Entry 2 was changed"), qPrintable(m_err));
    {
        Database database(parsed);
        QSqlDatabase db = database.connection();
        QSqlQuery query(db);
        QVERIFY(query.exec("SELECT seq, at, actor_id, action, entity, entity_id, reason, detail, "
                           "hash FROM audit_log WHERE seq <= 5 ORDER BY seq"));
        QString chained;
        QList<QStringList> links;
        while (query.next()) {
            const qint64 seq = query.value(0).toLongLong();
            if (seq == 1) {
                chained = query.value(8).toString();
                continue;
            }
            QStringList fields;
            for (int column = 0; column < 8; ++column)
                fields << query.value(column).toString();
            const QString link = sha256Link(fields << chained);
            links.append({ QString::number(seq), chained, link });
            chained = link;
        }
        for (const QStringList &link : links) {
            query.prepare("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?");
            query.addBindValue(link.at(1));
            query.addBindValue(link.at(2));
            query.addBindValue(link.at(0).toLongLong());
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        }
        query.prepare("UPDATE audit_log SET prev_hash = ? WHERE seq = 6");
        query.addBindValue(chained);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    }
    QCOMPARE(run({ "verify-audit", "--database", url, "--key-dir", keys }), 1);
    QVERIFY2(m_err.contains("broken at entry 6")
                     && m_err.contains("sealed the entries from before"),
             qPrintable(m_err));

    if (engine == QLatin1String("sqlite")) {
        // The copy taken before the first change is the previous database, untouched.
        const QStringList backups =
                QDir(dir.path())
                        .entryList({ QStringLiteral("previous.db.schema%1-*.bak").arg(previous) },
                                   QDir::Files);
        QCOMPARE(backups.size(), 1);
        DatabaseUrl backupUrl;
        QVERIFY(DatabaseUrl::parse(dir.filePath(backups.first()), &backupUrl, &error));
        Database backup(backupUrl);
        QCOMPARE(count(backup,
                       "SELECT CAST(value AS INTEGER) FROM server_meta WHERE key = "
                       "'schema_version'"),
                 previous);
        QCOMPARE(count(backup, "SELECT count(*) FROM customers"), 3);
    }
}

QTEST_GUILESS_MAIN(TestServerUpgrade)
#include "tst_serverupgrade.moc"
