// SPDX-License-Identifier: GPL-3.0-or-later
// Server storage on SQLite and PostgreSQL: URLs, script splitting, migrations, refusal of a
// newer schema, and a bad URL getting a clear message.
#include "ServerFixture.h"
#include "core/DatabaseUrl.h"
#include "core/ServerMigrator.h"
#include "core/SqlScript.h"

#include <QSqlQuery>

using namespace branchline::server;

class TestServerStorage : public QObject
{
    Q_OBJECT

private slots:
    void parsesUrls_data();
    void parsesUrls();
    void refusesBadUrls_data();
    void refusesBadUrls();
    void splitsScripts();
    void migratesOnceAndAgainIsANoOp_data() { test::addEngineRows(); }
    void migratesOnceAndAgainIsANoOp();
    void refusesNewerSchema_data() { test::addEngineRows(); }
    void refusesNewerSchema();
    void unreachablePostgresSaysWhy();
};

void TestServerStorage::parsesUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("redacted");
    QTest::newRow("bare path") << "data/b.db" << int(DatabaseUrl::Engine::Sqlite) << "data/b.db"
                               << "sqlite://data/b.db";
    QTest::newRow("sqlite url") << "sqlite:///var/lib/b.db" << int(DatabaseUrl::Engine::Sqlite)
                                << "/var/lib/b.db"
                                << "sqlite:///var/lib/b.db";
    QTest::newRow("postgres") << "postgresql://crm:s3cret@db.internal:6432/branchline"
                              << int(DatabaseUrl::Engine::Postgres) << "branchline"
                              << "postgresql://crm:***@db.internal:6432/branchline";
    QTest::newRow("postgres socket") << "postgres://crm@localhost/b?host=/run/postgresql"
                                     << int(DatabaseUrl::Engine::Postgres) << "b"
                                     << "postgresql://crm@/run/postgresql:5432/b";
}

void TestServerStorage::parsesUrls()
{
    QFETCH(QString, text);
    QFETCH(int, engine);
    QFETCH(QString, where);
    QFETCH(QString, redacted);
    DatabaseUrl url;
    QString error;
    QVERIFY2(DatabaseUrl::parse(text, &url, &error), qPrintable(error));
    QCOMPARE(int(url.engine), engine);
    QCOMPARE(url.engine == DatabaseUrl::Engine::Sqlite ? url.path : url.database, where);
    QCOMPARE(url.redacted(), redacted);
    QVERIFY(!url.redacted().contains("s3cret"));
}

void TestServerStorage::refusesBadUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("unknown scheme") << "mysql://x/y"
                                    << "Unknown database \"mysql\"";
    QTest::newRow("no database") << "postgresql://crm@host"
                                 << "names no database";
    QTest::newRow("no file") << "sqlite://"
                             << "names no file";
}

void TestServerStorage::refusesBadUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, says);
    DatabaseUrl url;
    QString error;
    QVERIFY(!DatabaseUrl::parse(text, &url, &error));
    QVERIFY2(error.contains(says), qPrintable(error));
}

void TestServerStorage::splitsScripts()
{
    const QStringList statements = SqlScript::split(
            "-- a comment; with a semicolon\n"
            "CREATE TABLE a (x TEXT DEFAULT 'a;b');\n"
            "CREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n    SELECT RAISE(ABORT, 'no;');\nEND;\n"
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN "
            "NULL;\nEND;\n$$;\n"
            "INSERT INTO a VALUES ('x');\n"
            "CREATE TRIGGER u BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f();\n"
            "CREATE INDEX i ON a (x)");
    QCOMPARE(statements.size(), 6);
    QVERIFY(statements.at(0).startsWith("CREATE TABLE a"));
    QVERIFY(statements.at(1).endsWith("END"));
    QVERIFY(statements.at(2).endsWith("$$"));
    QCOMPARE(statements.at(3), QStringLiteral("INSERT INTO a VALUES ('x')"));
    // A PostgreSQL trigger has no body of its own: it ends at its semicolon.
    QVERIFY(statements.at(4).endsWith("EXECUTE FUNCTION f()"));
    QCOMPARE(statements.at(5), QStringLiteral("CREATE INDEX i ON a (x)"));
}

void TestServerStorage::migratesOnceAndAgainIsANoOp()
{
    SERVER_FIXTURE(fixture);
    QSqlDatabase db = fixture.database().connection();
    for (const char *table : { "branches", "users", "sessions", "audit_log", "audit_head" })
        QVERIFY2(db.tables().contains(QLatin1String(table)), table);
    ServerMigrator again(fixture.database());
    QString error;
    QVERIFY(again.migrate(&error));
    QCOMPARE(again.currentVersion(), ServerMigrator::latestVersion());
    // A second instance starting on the same database finds nothing to do.
    std::unique_ptr<Database> second = fixture.secondInstance();
    ServerMigrator secondMigrator(*second);
    QVERIFY2(secondMigrator.migrate(&error), qPrintable(error));
}

void TestServerStorage::refusesNewerSchema()
{
    SERVER_FIXTURE(fixture);
    {
        QSqlDatabase db = fixture.database().connection();
        QSqlQuery query(db);
        QVERIFY(query.exec("UPDATE server_meta SET value = '999' WHERE key = 'schema_version'"));
    }
    ServerMigrator migrator(fixture.database());
    QString error;
    QVERIFY(!migrator.migrate(&error));
    QVERIFY2(error.contains("newer Branchline server"), qPrintable(error));
}

void TestServerStorage::unreachablePostgresSaysWhy()
{
    DatabaseUrl url;
    QString error;
    QVERIFY(DatabaseUrl::parse("postgresql://nobody@localhost:1/none?host=/nonexistent", &url,
                               &error));
    Database db(url);
    QVERIFY(!db.connection(&error).isOpen());
    QVERIFY2(error.contains("cannot be opened"), qPrintable(error));
    QVERIFY(!error.contains("password"));
}

QTEST_GUILESS_MAIN(TestServerStorage)
#include "tst_serverstorage.moc"
