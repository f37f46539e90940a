// SPDX-License-Identifier: GPL-3.0-or-later
// The server's config file: every key reaches the settings, the command line wins over the
// file, the file is found where the package puts it, and a bad file is refused with its
// name, line and key — never with the database password.
#include "ServerFixture.h"
#include "Version.h"
#include "cli/ServerConfig.h"
#include "cli/ServerLogging.h"

#include <QLoggingCategory>

#include <sys/stat.h>
#include <unistd.h>

using namespace branchline;
using namespace branchline::server;

class TestServerConfig : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void everyKeyReachesTheSettings();
    void commandLineWinsOverTheFile();
    void fileIsFoundThroughTheEnvironment();
    void badFilesAreRefused_data();
    void badFilesAreRefused();
    void tlsFilesMustBeReadable();
    void tokenLifetimesReachSignIn();
    void logLevelHidesLowerLevels();
    void journalIsRecognisedByItsStream();
    void versionIsTheProjectVersion();

private:
    QString writeConfig(const QString &text);
    int run(const QStringList &arguments, const QString &input = QString());
    QTemporaryDir m_dir;
    QString m_out;
    QString m_err;
};

void TestServerConfig::init()
{
    // The tests name their files; one installed on this machine must not leak in.
    qputenv(ServerConfig::pathVariable, QByteArray());
}

QString TestServerConfig::writeConfig(const QString &text)
{
    const QString path = m_dir.filePath("server.conf");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text.toUtf8());
    return path;
}

int TestServerConfig::run(const QStringList &arguments, const QString &input)
{
    const test::CliRun result = test::runServerCli(arguments, input);
    m_out = result.out;
    m_err = result.err;
    return result.status;
}

void TestServerConfig::everyKeyReachesTheSettings()
{
    ServerConfig config;
    QString error;
    QVERIFY2(config.parse("# comment\n"
                          "; another\n"
                          "\n"
                          "database = postgresql://bl:p%23ss=w;rd@db.internal:5433/branchline\n"
                          "listen = [::]:8443\r\n"
                          "threads = 12\n"
                          "tls_cert = /etc/ssl/bl.pem\n"
                          "tls_key = /etc/ssl/private/bl.key\n"
                          "access_token_minutes = 5\n"
                          "refresh_token_days = 7\n"
                          "login_attempts = 3\n"
                          "lockout_minutes = 30\n"
                          "audit_anchor_minutes = 5\n"
                          "max_connections = 2000\n"
                          "trusted_proxies = 10.20.0.5, 10.30.0.0/24,::1\n"
                          "log_level = warning\n",
                          "server.conf", &error),
             qPrintable(error));
    ServerSettings settings;
    QVERIFY2(config.resolve(&settings, &error), qPrintable(error));
    QCOMPARE(settings.database.engine, DatabaseUrl::Engine::Postgres);
    // Taken literally (no inline comments), then percent-decoded as any URL.
    QCOMPARE(settings.database.password, "p#ss=w;rd");
    QCOMPARE(settings.database.port, 5433);
    QCOMPARE(settings.http.address, "::");
    QCOMPARE(settings.http.port, quint16(8443));
    QCOMPARE(settings.http.threads, 12);
    QCOMPARE(settings.http.certificateFile, "/etc/ssl/bl.pem");
    QCOMPARE(settings.http.privateKeyFile, "/etc/ssl/private/bl.key");
    QCOMPARE(settings.privateKeyOrigin, "server.conf:8: tls_key");
    QCOMPARE(settings.sessions.accessLifetimeSeconds, 5 * 60);
    QCOMPARE(settings.sessions.refreshLifetimeSeconds, 7 * 24 * 3600);
    // The keys of the old lock-out, as installed files have them: free failures, longest wait.
    QCOMPARE(settings.sessions.freeFailedLogins, 3);
    QCOMPARE(settings.sessions.maxDelaySeconds, 30 * 60);
    QCOMPARE(settings.http.maxConnections, 2000);
    QCOMPARE(settings.http.trustedProxies, (QStringList{ "10.20.0.5", "10.30.0.0/24", "::1" }));
    QCOMPARE(settings.auditAnchorMinutes, 5);
    QCOMPARE(settings.logLevel, "warning");

    // The shipped file is valid as it is, and says where the data goes.
    ServerConfig shipped;
    QVERIFY2(shipped.load(BRANCHLINE_SHIPPED_CONFIG, &error), qPrintable(error));
    ServerSettings defaults;
    QVERIFY2(shipped.resolve(&defaults, &error), qPrintable(error));
    QCOMPARE(defaults.database.path, "/var/lib/branchline/branchline.db");
    QCOMPARE(defaults.auditAnchorMinutes, 60);
    // Every key is documented there.
    QFile text(BRANCHLINE_SHIPPED_CONFIG);
    QVERIFY(text.open(QIODevice::ReadOnly));
    const QString all = QString::fromUtf8(text.readAll());
    for (const QString &key : ServerConfig::keys())
        QVERIFY2(all.contains(key + " ="), qPrintable(key));
}

void TestServerConfig::commandLineWinsOverTheFile()
{
    ServerConfig config;
    QString error;
    QVERIFY(config.parse("listen = 0.0.0.0:9000\nthreads = 8\n", "f", &error));
    config.override("listen", "127.0.0.1:7000", "--listen");
    ServerSettings settings;
    QVERIFY(config.resolve(&settings, &error));
    QCOMPARE(settings.http.port, quint16(7000));
    QCOMPARE(settings.http.threads, 8); // not given on the command line: the file's

    // Through the command line itself: the file's database, unless --database names another.
    const QString fromFile = m_dir.filePath("from-file.db");
    const QString fromOption = m_dir.filePath("from-option.db");
    const QString path = writeConfig("database = " + fromFile + "\n");
    QCOMPARE(run({ "init", "--config", path }), 0);
    QVERIFY2(QFile::exists(fromFile), qPrintable(m_err));
    QCOMPARE(run({ "init", "--config", path, "--database", fromOption }), 0);
    QVERIFY(QFile::exists(fromOption));
    QVERIFY(m_out.contains("from-option.db"));
}

void TestServerConfig::fileIsFoundThroughTheEnvironment()
{
    const QString db = m_dir.filePath("env.db");
    const QString path = writeConfig("database = " + db + "\n");
    qputenv(ServerConfig::pathVariable, path.toUtf8());
    QCOMPARE(run({ "init" }), 0);
    QVERIFY2(QFile::exists(db), qPrintable(m_err));
    // Named but missing: an error, not a quiet fall-back to ./branchline-data.
    qputenv(ServerConfig::pathVariable, m_dir.filePath("missing.conf").toUtf8());
    QCOMPARE(run({ "init" }), 2);
    QVERIFY2(m_err.contains("Cannot read the config file") && m_err.contains("missing.conf"),
             qPrintable(m_err));
    // So is a missing --config.
    qputenv(ServerConfig::pathVariable, QByteArray());
    QCOMPARE(run({ "init", "--config", m_dir.filePath("nope.conf") }), 2);
    QVERIFY(m_err.contains("nope.conf"));
}

void TestServerConfig::badFilesAreRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown key") << "threads = 2\nlisn = 0.0.0.0:1\n"
                                 << "server.conf:2: unknown key \"lisn\"";
    QTest::newRow("bad number") << "# x\n\nthreads = many\n"
                                << "server.conf:3: threads: takes a whole number from 1 to 256";
    QTest::newRow("zero lifetime") << "access_token_minutes = 0\n"
                                   << "server.conf:1: access_token_minutes: takes a whole number";
    QTest::newRow("negative anchor period")
            << "audit_anchor_minutes = -1\n"
            << "server.conf:1: audit_anchor_minutes: takes a whole number from 0 to 1440";
    QTest::newRow("bad listen") << "listen = everywhere\n"
                                << "server.conf:1: listen: takes address:port";
    QTest::newRow("bad level") << "log_level = chatty\n"
                               << "server.conf:1: log_level: takes one of debug, info";
    QTest::newRow("bad proxy") << "trusted_proxies = 10.0.0.1, proxy.internal\n"
                               << "server.conf:1: trusted_proxies: \"proxy.internal\" is neither";
    QTest::newRow("few connections") << "max_connections = 3\n"
                                     << "server.conf:1: max_connections: takes a whole number "
                                        "from 16";
    QTest::newRow("twice") << "threads = 2\nthreads = 3\n"
                           << "server.conf:2: threads is set twice (first on line 1)";
    QTest::newRow("section") << "[server]\n"
                             << "server.conf:1: expected a line of the form";
    // A URL pasted without its key, and a URL QUrl cannot parse: neither message may repeat it.
    QTest::newRow("bare url") << "postgresql://bl:S3cret-pw@db/branchline?host=/run\n"
                              << "server.conf:1: expected a line of the form";
    QTest::newRow("broken url") << "database = postgresql://bl:S3cret-pw@db:port/branchline\n"
                                << "server.conf:1: database: is not a valid URL";
    QTest::newRow("unknown engine") << "database = mysql://bl:S3cret-pw@db/branchline\n"
                                    << "server.conf:1: database: Unknown database \"mysql\"";
}

void TestServerConfig::badFilesAreRefused()
{
    QFETCH(QString, text);
    QFETCH(QString, says);
    const QString path = writeConfig(text);
    QCOMPARE(run({ "init", "--config", path, "--database", m_dir.filePath("x.db") }), 2);
    QVERIFY2(m_err.contains(path.section('/', 0, -2) + '/' + says), qPrintable(m_err));
    QVERIFY2(!m_err.contains("S3cret"), qPrintable(m_err));
    QVERIFY(!QFile::exists(m_dir.filePath("x.db"))); // refused before anything is touched
}

void TestServerConfig::tlsFilesMustBeReadable()
{
    const QString cert = m_dir.filePath("cert.pem");
    QFile certFile(cert);
    QVERIFY(certFile.open(QIODevice::WriteOnly));
    certFile.write("not checked here: readable is enough\n");
    certFile.close();
    const QString path = writeConfig("database = " + m_dir.filePath("tls.db")
                                     + "\n"
                                       "listen = 127.0.0.1:0\n"
                                       "tls_cert = "
                                     + cert
                                     + "\n"
                                       "tls_key = "
                                     + m_dir.filePath("no-such.key") + "\n");
    QCOMPARE(run({ "serve", "--config", path }), 2);
    QVERIFY2(m_err.contains(path + ":4: tls_key: cannot read " + m_dir.filePath("no-such.key")),
             qPrintable(m_err));
    // A certificate without its key, given on the command line.
    const QString keyless = writeConfig("database = " + m_dir.filePath("tls.db") + "\n");
    QCOMPARE(run({ "serve", "--config", keyless, "--tls-cert", cert }), 2);
    QVERIFY2(m_err.contains("--tls-cert: a TLS certificate and its key come together"),
             qPrintable(m_err));
    QVERIFY(!QFile::exists(m_dir.filePath("tls.db")));
}

void TestServerConfig::tokenLifetimesReachSignIn()
{
    ServerConfig config;
    QString error;
    QVERIFY(config.parse("access_token_minutes = 5\nrefresh_token_days = 2\n", "f", &error));
    ServerSettings settings;
    QVERIFY(config.resolve(&settings, &error));

    test::ServerFixture fixture(QStringLiteral("sqlite"));
    QVERIFY2(fixture.isReady(), qPrintable(fixture.failure()));
    PasswordHasher hasher(PasswordHasher::Strength::Minimum);
    Accounts accounts(fixture.database(), hasher);
    UserAccount user;
    user.login = QStringLiteral("admin");
    user.displayName = QStringLiteral("管理员");
    user.role = Role::Admin;
    QStringList problems;
    QVERIFY2(accounts.addUser(user, "Xihu-Longjing-2026", QString(), &problems, &error),
             qPrintable(error));
    Authenticator authenticator(fixture.database(), hasher, settings.sessions);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    authenticator.setClock([now] { return now; });
    const Authenticator::Grant grant = authenticator.login("admin", "Xihu-Longjing-2026", "d1");
    QCOMPARE(grant.status, Authenticator::Status::Ok);
    QCOMPARE(now.secsTo(grant.accessExpiresAt), 5 * 60);
    QCOMPARE(now.secsTo(grant.refreshExpiresAt), 2 * 24 * 3600);
}

void TestServerConfig::logLevelHidesLowerLevels()
{
    QLoggingCategory category("branchline.server.test");
    ServerLogging::apply("warning");
    QVERIFY(!category.isInfoEnabled());
    QVERIFY(category.isWarningEnabled());
    ServerLogging::apply("error");
    QVERIFY(!category.isWarningEnabled());
    QVERIFY(category.isCriticalEnabled());
    ServerLogging::apply("info");
    QVERIFY(category.isInfoEnabled());
    QVERIFY(!QLoggingCategory("qt.network.ssl").isDebugEnabled());
}

void TestServerConfig::journalIsRecognisedByItsStream()
{
    qunsetenv("JOURNAL_STREAM");
    QVERIFY(!ServerLogging::stderrIsJournal());
    struct stat status
    {
    };
    QCOMPARE(fstat(STDERR_FILENO, &status), 0);
    const QByteArray mine = QByteArray::number(qulonglong(status.st_dev)) + ':'
            + QByteArray::number(qulonglong(status.st_ino));
    qputenv("JOURNAL_STREAM", mine);
    QVERIFY(ServerLogging::stderrIsJournal());
    // Inherited by a shell whose stderr is elsewhere: not the journal.
    qputenv("JOURNAL_STREAM", QByteArray::number(qulonglong(status.st_dev)) + ":1");
    QVERIFY(status.st_ino == 1 || !ServerLogging::stderrIsJournal());
    qunsetenv("JOURNAL_STREAM");
}

void TestServerConfig::versionIsTheProjectVersion()
{
    QCOMPARE(run({ "--version" }), 0);
    QCOMPARE(m_out.trimmed(), QStringLiteral("branchline-server ") + BRANCHLINE_VERSION);
    QCOMPARE(QStringLiteral(BRANCHLINE_VERSION), QStringLiteral(BRANCHLINE_PROJECT_VERSION));
}

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
