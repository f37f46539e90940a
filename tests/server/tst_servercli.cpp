// SPDX-License-Identifier: GPL-3.0-or-later
// branchline-server's administration commands, as an administrator types them.
#include "ServerFixture.h"
#include "core/PiiVault.h"
#include "core/ServerMigrator.h"
#include "domain/rules/CreditCode.h"
#include "domain/rules/ResidentIdNumber.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
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
    void initMakesTheAuditKey();
    void missingKeyFolderStopsEveryCommand_data() { test::addEngineRows(); }
    void missingKeyFolderStopsEveryCommand();
    void anchorCatchesATruncatedTail_data() { test::addEngineRows(); }
    void anchorCatchesATruncatedTail();
    void rotatedKeysVerifyOldAndNewEntries_data() { test::addEngineRows(); }
    void rotatedKeysVerifyOldAndNewEntries();
    void wrongKeyFileFailsVerification_data() { test::addEngineRows(); }
    void wrongKeyFileFailsVerification();
    void serveLogsTheAnchor();

private:
    int run(const QStringList &arguments, const QString &input = QString());
    // `arguments` on the fixture's database and key folder.
    int runOn(const test::ServerFixture &fixture, QStringList arguments);
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

int TestServerCli::runOn(const test::ServerFixture &fixture, QStringList arguments)
{
    arguments << "--database" << fixture.url() << "--key-dir" << fixture.keyDirectory();
    return run(arguments);
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
    QTest::newRow("bad anchor") << QStringList{ "verify-audit", "--database", "%DB%", "--anchor",
                                                "seq=3 mac=abc" }
                                << 2 << "--anchor takes the line";
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

void TestServerCli::initMakesTheAuditKey()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("data/branchline.db");
    const QString keys = dir.filePath("data/keys");
    QCOMPARE(run({ "init", "--database", path }), 0);
    QVERIFY2(m_out.contains("Made audit key 1 in the key folder " + keys), qPrintable(m_out));
    const QFileInfo key(keys + "/audit-1.key");
    QVERIFY(key.exists());
    QCOMPARE(key.size(), 32);
    QCOMPARE(key.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(run({ "init", "--database", path }), 0); // made once
    QVERIFY(!m_out.contains("Made audit key"));
    QCOMPARE(QDir(keys).entryList({ "audit-*.key" }, QDir::Files).size(), 1);
}

void TestServerCli::missingKeyFolderStopsEveryCommand()
{
    SERVER_FIXTURE(fixture);
    QTemporaryDir dir;
    const QString keys = dir.filePath("keys");
    const QStringList on{ "--database", fixture.url(), "--key-dir", keys };
    // The personal data's keys the fixture's database was settled with, without its audit
    // key: the trail is new.
    QVERIFY(QDir().mkpath(keys));
    QFile::setPermissions(keys, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    for (const QString &key :
         QDir(fixture.keyDirectory()).entryList({ "data-*.key", "index-*.key" }, QDir::Files)) {
        QVERIFY(QFile::copy(fixture.keyDirectory() + '/' + key, keys + '/' + key));
        QFile::setPermissions(keys + '/' + key, QFile::ReadOwner | QFile::WriteOwner);
    }
    // A new trail: the first command makes the key.
    QCOMPARE(run(QStringList{ "branch", "add", "--name", "北京" } + on), 0);
    QVERIFY(QFile::exists(keys + "/audit-1.key"));
    QVERIFY(QDir().rename(keys, dir.filePath("keys.moved")));
    // Keyed entries and no key: no command runs, and no new key forks the trail.
    for (const QStringList &command :
         { QStringList{ "user", "list" }, QStringList{ "verify-audit" },
           QStringList{ "branch", "add", "--name", "上海" },
           QStringList{ "serve", "--listen", "127.0.0.1:0" } }) {
        QCOMPARE(run(command + on), 1);
        QVERIFY2(m_err.contains("the key folder " + keys + " holds no audit key")
                         && m_err.contains("missing or was moved"),
                 qPrintable(command.join(' ') + ": " + m_err));
        QVERIFY(!QFile::exists(keys + "/audit-1.key"));
    }
    // Put back, all is well.
    QVERIFY(QDir(keys).removeRecursively());
    QVERIFY(QDir().rename(dir.filePath("keys.moved"), keys));
    QCOMPARE(run(QStringList{ "verify-audit" } + on), 0);
    QVERIFY2(m_out.contains("intact"), qPrintable(m_out));
}

void TestServerCli::anchorCatchesATruncatedTail()
{
    SERVER_FIXTURE(fixture);
    for (const char *name : { "北京", "上海", "广州", "深圳" })
        QCOMPARE(runOn(fixture, { "branch", "add", "--name", QString::fromUtf8(name) }), 0);
    QCOMPARE(runOn(fixture, { "audit", "anchor" }), 0);
    const QString anchor = m_out.trimmed();
    QVERIFY2(anchor.startsWith("branchline-audit-anchor seq=4 mac="), qPrintable(anchor));
    QCOMPARE(runOn(fixture, { "branch", "add", "--name", "杭州" }), 0);
    QCOMPARE(runOn(fixture, { "verify-audit", "--anchor", anchor }), 0);
    QVERIFY2(m_out.contains("still holds entry 4"), qPrintable(m_out));
    {
        // The last three entries cut off, the head rewound to entry 2.
        QSqlDatabase db = fixture.database().connection();
        QSqlQuery query(db);
        if (fixture.database().isPostgres()) {
            QVERIFY(query.exec("ALTER TABLE audit_log DISABLE TRIGGER USER"));
        } else {
            QVERIFY(query.exec("DROP TRIGGER audit_log_no_delete"));
        }
        QVERIFY(query.exec("DELETE FROM audit_log WHERE seq > 2"));
        QVERIFY(query.exec("UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log "
                           "WHERE seq = 2), at = (SELECT at FROM audit_log WHERE seq = 2)"));
    }
    QCOMPARE(runOn(fixture, { "verify-audit" }), 0); // consistent in itself
    QCOMPARE(runOn(fixture, { "verify-audit", "--anchor", anchor }), 1);
    QVERIFY2(m_err.contains("broken at entry 3") && m_err.contains("anchor records entry 4"),
             qPrintable(m_err));
}

void TestServerCli::rotatedKeysVerifyOldAndNewEntries()
{
    SERVER_FIXTURE(fixture);
    const QString keys = fixture.keyDirectory();
    QCOMPARE(runOn(fixture, { "branch", "add", "--name", "北京" }), 0);
    QCOMPARE(runOn(fixture, { "branch", "add", "--name", "上海" }), 0);
    QCOMPARE(runOn(fixture, { "audit", "rotate-key" }), 0);
    QVERIFY2(m_out.contains("Made audit key 2 in the key folder " + keys)
                     && m_out.contains("Keep the older key files"),
             qPrintable(m_out));
    QVERIFY(QFile::exists(keys + "/audit-2.key"));
    QCOMPARE(runOn(fixture, { "branch", "add", "--name", "广州" }), 0);
    QCOMPARE(runOn(fixture, { "verify-audit" }), 0);
    QVERIFY2(m_out.contains("4 entries checked"), qPrintable(m_out));
    {
        QSqlDatabase db = fixture.database().connection();
        QSqlQuery query(db);
        QVERIFY(query.exec("SELECT action, key_number FROM audit_log ORDER BY seq"));
        QStringList trail;
        while (query.next())
            trail << query.value(0).toString() + ' ' + query.value(1).toString();
        QCOMPARE(trail,
                 (QStringList{ "branch.create 1", "branch.create 1", "audit.key_rotated 1",
                               "branch.create 2" }));
    }
    // The old key file goes: the entries made with it can no longer be checked.
    QVERIFY(QFile::rename(keys + "/audit-1.key", keys + "/audit-1.key.away"));
    QCOMPARE(runOn(fixture, { "verify-audit" }), 1);
    QVERIFY2(m_err.contains("broken at entry 1") && m_err.contains("audit-1.key"),
             qPrintable(m_err));
}

void TestServerCli::wrongKeyFileFailsVerification()
{
    SERVER_FIXTURE(fixture);
    QCOMPARE(runOn(fixture, { "branch", "add", "--name", "北京" }), 0);
    QCOMPARE(runOn(fixture, { "branch", "add", "--name", "上海" }), 0);
    QFile key(fixture.keyDirectory() + "/audit-1.key");
    QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
    key.write(QByteArray(32, 'k'));
    key.close();
    QCOMPARE(runOn(fixture, { "verify-audit" }), 1);
    QVERIFY2(m_err.contains("broken at entry 1")
                     && m_err.contains("is not the key they were made with"),
             qPrintable(m_err));
}

void TestServerCli::serveLogsTheAnchor()
{
    QTemporaryDir dir;
    const QString db = dir.filePath("b.db");
    QCOMPARE(run({ "branch", "add", "--database", db, "--name", "北京" }), 0);
    // The real server, logging to standard error as under systemd.
    auto serve = [&db](const QString &config, QProcess &process) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("BRANCHLINE_SERVER_CONF", config);
        process.setProcessEnvironment(environment);
        process.start(BRANCHLINE_SERVER, { "serve", "--database", db, "--listen", "127.0.0.1:0" });
        return process.waitForStarted(10000);
    };
    // Reads the server's output until a whole line holding `text` has come.
    auto waitFor = [](QProcess &process, QByteArray *seen, const QByteArray &text) {
        const auto done = [&] {
            const qsizetype at = seen->indexOf(text);
            return at >= 0 && seen->indexOf('\n', at) > at;
        };
        QElapsedTimer timer;
        timer.start();
        while (!done() && timer.elapsed() < 20000 && process.state() == QProcess::Running) {
            process.waitForReadyRead(100);
            *seen += process.readAllStandardOutput() + process.readAllStandardError();
        }
        return done();
    };
    QByteArray seen;
    {
        QProcess process;
        QVERIFY(serve(QString(), process));
        QVERIFY2(waitFor(process, &seen, "branchline-audit-anchor"), seen.constData());
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
    }
    QVERIFY2(seen.contains("branchline.server.audit"), seen.constData());
    // The log line as it stands, category and all.
    const QString line =
            QString::fromUtf8(
                    seen.mid(seen.lastIndexOf('\n', seen.indexOf("branchline-audit-anchor")) + 1))
                    .section('\n', 0, 0);
    QCOMPARE(run({ "verify-audit", "--database", db, "--anchor", line }), 0);
    QVERIFY2(m_out.contains("still holds entry 1"), qPrintable(m_out + m_err));

    // audit_anchor_minutes = 0: none.
    QFile config(dir.filePath("server.conf"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("audit_anchor_minutes = 0\n");
    config.close();
    seen.clear();
    QProcess process;
    QVERIFY(serve(config.fileName(), process));
    QVERIFY2(waitFor(process, &seen, "Branchline server on"), seen.constData());
    QTest::qWait(1500);
    seen += process.readAllStandardOutput() + process.readAllStandardError();
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    QVERIFY2(!seen.contains("branchline-audit-anchor"), seen.constData());
}

QTEST_GUILESS_MAIN(TestServerCli)
#include "tst_servercli.moc"
