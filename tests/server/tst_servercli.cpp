// SPDX-License-Identifier: GPL-3.0-or-later
// branchline-server's administration commands, as an administrator types them.
#include "ServerFixture.h"
#include "core/PiiVault.h"
#include "core/ServerMigrator.h"
#include "rules/CreditCode.h"
#include "rules/ResidentIdNumber.h"

#include <QSqlQuery>

using namespace branchline;
using namespace branchline::server;

class TestServerCli : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_keyDir.clear(); }
    void initCreatesTheDatabase();
    void addsListsAndDisablesUsers_data() { test::addEngineRows(); }
    void addsListsAndDisablesUsers();
    void weakPasswordIsRefusedWithReasons();
    void verifyAuditReportsTheFirstBrokenLink();
    void seedsADemoOrganisation_data() { test::addEngineRows(); }
    void seedsADemoOrganisation();
    void addsIntegrationsWithKeysShownOnce();
    void badInputGetsUsageErrors_data();
    void badInputGetsUsageErrors();

private:
    int run(const QStringList &arguments, const QString &input = QString());
    QString m_keyDir; // when set, given to every command: the fixture's key folder
    QString m_out;
    QString m_err;
};

int TestServerCli::run(const QStringList &arguments, const QString &input)
{
    const test::CliRun result = test::runServerCli(
            m_keyDir.isEmpty() ? arguments : arguments + QStringList{ "--key-dir", m_keyDir },
            input);
    m_out = result.out;
    m_err = result.err;
    return result.status;
}

void TestServerCli::initCreatesTheDatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("data/branchline.db");
    QCOMPARE(run({ "init", "--database", path }), 0);
    QVERIFY(m_out.contains(
            QStringLiteral("is ready (schema %1)").arg(ServerMigrator::latestVersion())));
    QVERIFY(QFile::exists(path));
    QCOMPARE(run({ "init", "--database", path }), 0); // again: nothing to do, still fine
}

void TestServerCli::addsListsAndDisablesUsers()
{
    SERVER_FIXTURE(fixture);
    m_keyDir = fixture.keyDirectory();
    const QString db = fixture.url();
    QCOMPARE(run({ "branch", "add", "--database", db, "--name", "杭州西湖支行", "--city", "杭州" }),
             0);
    const QString branchId = m_out.trimmed();
    QCOMPARE(branchId.size(), 36);
    QCOMPARE(run({ "user", "add", "--database", db, "--login", "Wang.Li", "--name", "王力",
                   "--role", "sales_rep", "--branch", branchId },
                 "Xihu-Longjing-2026\n"),
             0);
    QCOMPARE(run({ "user", "list", "--database", db }), 0);
    QCOMPARE(m_out.trimmed(), QStringLiteral("wang.li\tsales_rep\t王力\tactive"));
    QCOMPARE(run({ "user", "disable", "--database", db, "--login", "wang.li" }), 0);
    QCOMPARE(run({ "user", "list", "--database", db }), 0);
    QVERIFY(m_out.contains("disabled"));
    QCOMPARE(run({ "user", "disable", "--database", db, "--login", "nobody" }), 1);
    QVERIFY(m_err.contains("no user with the login nobody"));
    QCOMPARE(run({ "verify-audit", "--database", db }), 0);
    QVERIFY(m_out.contains("3 entries"));
}

void TestServerCli::weakPasswordIsRefusedWithReasons()
{
    QTemporaryDir dir;
    const QString db = dir.filePath("b.db");
    QCOMPARE(run({ "user", "add", "--database", db, "--login", "li", "--name", "李", "--role",
                   "admin" },
                 "short\n"),
             1);
    QVERIFY(m_err.contains("password policy"));
    QVERIFY(m_err.contains("at least 12 characters"));
    QCOMPARE(run({ "user", "list", "--database", db }), 0);
    QVERIFY(m_out.isEmpty());
}

void TestServerCli::verifyAuditReportsTheFirstBrokenLink()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("b.db");
    for (const char *name : { "北京", "上海", "广州" })
        QCOMPARE(run({ "branch", "add", "--database", path, "--name", QString::fromUtf8(name) }),
                 0);
    {
        DatabaseUrl url;
        QString error;
        DatabaseUrl::parse(path, &url, &error);
        Database database(url);
        QSqlDatabase db = database.connection();
        QSqlQuery query(db);
        QVERIFY(query.exec("DROP TRIGGER audit_log_no_update"));
        QVERIFY(query.exec("UPDATE audit_log SET detail = '{}' WHERE seq = 2"));
    }
    QCOMPARE(run({ "verify-audit", "--database", path }), 1);
    QVERIFY2(m_err.contains("broken at entry 2"), qPrintable(m_err));
}

void TestServerCli::addsIntegrationsWithKeysShownOnce()
{
    QTemporaryDir dir;
    const QString db = dir.filePath("b.db");
    QCOMPARE(run({ "integration", "add", "--database", db, "--name", "acquiring", "--scopes",
                   "transactions,leads" }),
             0);
    const QString key = m_out.trimmed().section('\n', -1);
    QVERIFY2(key.startsWith("bl_"), qPrintable(m_out));
    QCOMPARE(run({ "integration", "add", "--database", db, "--name", "acquiring", "--scopes",
                   "transactions" }),
             1); // one name, one key
    QCOMPARE(run({ "integration", "add", "--database", db, "--name", "x", "--scopes", "payments" }),
             1);
    QVERIFY(m_err.contains("Unknown scope"));
}

void TestServerCli::badInputGetsUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("says");
    QTest::newRow("help") << QStringList{ "--help" } << 0 << "serve (the default)";
    QTest::newRow("bad listen") << QStringList{ "serve", "--listen", "nowhere" } << 2 << "--listen";
    QTest::newRow("unknown command")
            << QStringList{ "frobnicate", "--database", "%DB%" } << 2 << "Unknown command";
    QTest::newRow("unknown option") << QStringList{ "init", "--bogus" } << 2 << "bogus";
    QTest::newRow("bad url") << QStringList{ "init", "--database", "mysql://x/y" } << 2
                             << "Unknown database";
    QTest::newRow("bad role") << QStringList{ "user", "add",    "--database", "%DB%",   "--login",
                                              "x",    "--name", "x",          "--role", "boss" }
                              << 2 << "Unknown role";
}

void TestServerCli::badInputGetsUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, code);
    QFETCH(QString, says);
    QTemporaryDir dir;
    arguments.replaceInStrings("%DB%", dir.filePath("b.db"));
    QCOMPARE(run(arguments, "Xihu-Longjing-2026\n"), code);
    const QString all = m_out + m_err;
    QVERIFY2(all.contains(says), qPrintable(all));
}

void TestServerCli::seedsADemoOrganisation()
{
    SERVER_FIXTURE(fixture);
    m_keyDir = fixture.keyDirectory();
    const QString db = fixture.url();
    QCOMPARE(run({ "seed-demo", "--database", db, "--customers", "300" }, "short\n"), 1);
    QVERIFY(m_err.contains("password policy"));
    QCOMPARE(run({ "seed-demo", "--database", db, "--customers", "300" }, "Demo-Password-2026\n"),
             0);
    QVERIFY2(m_out.contains("300 customers"), qPrintable(m_out));
    QCOMPARE(run({ "user", "list", "--database", db }), 0);
    for (const char *login : { "admin", "risk", "zj.manager", "zj.rep1", "gd.rep1" })
        QVERIFY2(m_out.contains(QString::fromLatin1(login) + '\t'), login);

    // Every identifier is stored sealed, and passes the same check digits the client
    // enforces; every customer has an owner in a branch.
    QSqlDatabase connection = fixture.database().connection();
    QSqlQuery query(connection);
    QVERIFY(query.exec("SELECT kind, credit_code, id_number, owner_id, branch_id, city, id "
                       "FROM customers"));
    int rows = 0;
    while (query.next()) {
        ++rows;
        const bool person = query.value(0).toString() == "individual";
        const QString column = person ? "id_number" : "credit_code";
        const QString stored = query.value(person ? 2 : 1).toString();
        QVERIFY2(PiiVault::keyNumberOf(stored) > 0, qPrintable(column));
        QString identifier;
        QCOMPARE(PiiVault::open(stored, { "customers", column, query.value(6).toString() },
                                &identifier),
                 PiiVault::Problem::None);
        if (person)
            QVERIFY2(ResidentIdNumber::check(identifier).ok(), qPrintable(identifier));
        else
            QVERIFY2(CreditCode::check(identifier).ok(), qPrintable(identifier));
        QVERIFY(!query.value(3).toString().isEmpty());
        QVERIFY(!query.value(4).toString().isEmpty());
        QVERIFY(!query.value(5).toString().isEmpty());
    }
    QCOMPARE(rows, 300);
    // And the work around them, every row in a scope someone has.
    for (const auto &expected :
         { qMakePair(QStringLiteral("contacts"), 150), qMakePair(QStringLiteral("leads"), 100),
           qMakePair(QStringLiteral("tasks"), 100),
           qMakePair(QStringLiteral("activities"), 600) }) {
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(expected.first)));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), expected.second);
    }
    QVERIFY(query.exec("SELECT count(*) FROM tasks WHERE owner_id IS NULL OR branch_id IS NULL"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    // Approval requests for zj.manager's inbox, made through the approval service.
    QVERIFY(query.exec("SELECT status, count(*) FROM approval_requests GROUP BY status "
                       "ORDER BY status"));
    QStringList approvals;
    while (query.next())
        approvals << query.value(0).toString() + ' ' + query.value(1).toString();
    QCOMPARE(approvals, (QStringList{ "pending 3", "rejected 1", "returned 1" }));
    // Only an empty database is seeded.
    QCOMPARE(run({ "seed-demo", "--database", db }, "Demo-Password-2026\n"), 1);
    QVERIFY(m_err.contains("already has users"));
    QCOMPARE(run({ "verify-audit", "--database", db }), 0);
}

QTEST_GUILESS_MAIN(TestServerCli)
#include "tst_servercli.moc"
