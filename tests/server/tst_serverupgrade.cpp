// SPDX-License-Identifier: GPL-3.0-or-later
// A database from the previous schema, with data in it, upgrades cleanly when the current
// server starts on it: every later migration applies, an SQLite file is copied first, the
// data is intact and the audit trail still verifies. The previous schema is built from the
// migration scripts themselves, minus the newest, exactly as the previous server left it
// (migrations are forward-only and never edited once released).
#include "ServerFixture.h"
#include "core/AuditLog.h"
#include "core/ServerMigrator.h"
#include "core/SqlScript.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

using namespace branchline;
using namespace branchline::server;

namespace {

// A customer written as the previous server wrote one: the row and its audit entry in one
// transaction, with only the columns every schema since migration 2 has.
bool addCustomer(Database &database, const QString &id, const QString &name,
                 const QString &branchId, QString *error)
{
    return database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral(
                        "INSERT INTO customers (id, kind, legal_name, credit_code, city, "
                        "branch_id, status, created_at, updated_at) VALUES (?, 'merchant', ?, "
                        "'91330106MA27XL3Q0R', '杭州', ?, 'active', ?, ?)"));
                const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
                for (const QString &value : { id, name, branchId, now, now })
                    query.addBindValue(value);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                return AuditLog::append(db,
                                        AuditEntry{ QString(), QStringLiteral("customer.create"),
                                                    QStringLiteral("customers"), id, QString(),
                                                    QStringLiteral("{}") },
                                        txError);
            },
            error);
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
    const QString keys = dir.filePath("keys");
    QString error;
    const int previous = ServerMigrator::latestVersion() - 1;
    {
        DatabaseUrl parsed;
        QVERIFY(DatabaseUrl::parse(url, &parsed, &error));
        Database database(parsed);
        QVERIFY2(test::applyMigrationsUpTo(database, previous, &error), qPrintable(error));
        PasswordHasher hasher(PasswordHasher::Strength::Minimum);
        Accounts accounts(database, hasher);
        Branch branch{ QString(), QString(), QStringLiteral("杭州西湖支行"),
                       QStringLiteral("branch"), QStringLiteral("杭州") };
        QVERIFY2(accounts.addBranch(branch, QString(), &error), qPrintable(error));
        UserAccount user;
        user.login = QStringLiteral("zj.rep1");
        user.displayName = QStringLiteral("王力");
        user.role = Role::SalesRep;
        user.branchId = branch.id;
        QStringList problems;
        QVERIFY2(accounts.addUser(user, QStringLiteral("Xihu-Longjing-2026"), QString(), &problems,
                                  &error),
                 qPrintable(error));
        for (int i = 0; i < 3; ++i)
            QVERIFY2(addCustomer(database, QUuid::createUuid().toString(QUuid::WithoutBraces),
                                 QStringLiteral("杭州西湖茶叶有限公司%1").arg(i), branch.id,
                                 &error),
                     qPrintable(error));
    }

    // The current server starts on it (init migrates exactly as serve does).
    QCOMPARE(run({ "init", "--database", url, "--key-dir", keys }), 0);
    QVERIFY2(m_out.contains(QStringLiteral("schema %1").arg(ServerMigrator::latestVersion())),
             qPrintable(m_out + m_err));
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
    }
    QCOMPARE(run({ "verify-audit", "--database", url, "--key-dir", keys }), 0);
    QVERIFY2(m_out.contains("intact"), qPrintable(m_out + m_err));

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
