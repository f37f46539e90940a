// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerFixture.h"

#include "cli/ServerCli.h"
#include "core/KeyRing.h"
#include "core/PasswordHasher.h"
#include "core/ServerMigrator.h"
#include "core/SqlScript.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <QUrl>
#include <QUuid>

namespace branchline::server::test {

namespace {

// Runs one statement on the cluster's maintenance database.
bool adminExec(const QString &sql, QString *error)
{
    const QString adminUrl = qEnvironmentVariable("BRANCHLINE_TEST_POSTGRES_URL");
    DatabaseUrl url;
    if (!DatabaseUrl::parse(adminUrl, &url, error))
        return false;
    Database admin(url);
    QSqlDatabase db = admin.connection(error);
    if (!db.isOpen())
        return false;
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

CliRun runServerCli(const QStringList &arguments, const QString &input)
{
    CliRun result;
    QString in = input;
    QTextStream inStream(&in);
    QTextStream outStream(&result.out);
    QTextStream errStream(&result.err);
    ServerCli cli(inStream, outStream, errStream);
    result.status = cli.run(QStringList{ "branchline-server" } + arguments);
    outStream.flush();
    errStream.flush();
    return result;
}

void addEngineRows()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

ServerFixture::ServerFixture(const QString &engine)
{
    PasswordHasher::initialise();
    if (engine == QLatin1String("sqlite")) {
        m_url = m_dir.filePath(QStringLiteral("server.db"));
    } else {
        const QString adminUrl = qEnvironmentVariable("BRANCHLINE_TEST_POSTGRES_URL");
        if (adminUrl.isEmpty()) {
            m_failure = QStringLiteral("No PostgreSQL: run the tests through scripts/test.sh, "
                                       "which starts one (BRANCHLINE_TEST_POSTGRES_URL is unset).");
            return;
        }
        m_pgDatabase = QStringLiteral("t_") + QUuid::createUuid().toString(QUuid::Id128);
        if (!adminExec(QStringLiteral("CREATE DATABASE %1").arg(m_pgDatabase), &m_failure))
            return;
        QUrl url(adminUrl);
        url.setPath(QLatin1Char('/') + m_pgDatabase);
        m_url = url.toString();
    }
    // The keys kept out of the database, one of each purpose, as `init` makes them.
    auto ring = std::make_shared<KeyRing>();
    if (!ring->open(keyDirectory(), &m_failure))
        return;
    for (KeyRing::Purpose purpose :
         { KeyRing::Purpose::Audit, KeyRing::Purpose::Data, KeyRing::Purpose::Index })
        if (!ring->create(purpose, nullptr, &m_failure))
            return;
    KeyRing::install(ring);
    DatabaseUrl parsed;
    if (!DatabaseUrl::parse(m_url, &parsed, &m_failure))
        return;
    m_database = std::make_unique<Database>(parsed);
    ServerMigrator migrator(*m_database);
    m_ready = migrator.migrate(&m_failure);
}

ServerFixture::~ServerFixture()
{
    m_database.reset();
    if (!m_pgDatabase.isEmpty()) {
        QString ignored;
        adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgDatabase),
                  &ignored);
    }
}

std::unique_ptr<Database> ServerFixture::secondInstance() const
{
    DatabaseUrl parsed;
    QString error;
    DatabaseUrl::parse(m_url, &parsed, &error);
    return std::make_unique<Database>(parsed);
}

ScratchDatabase::ScratchDatabase(const QString &engine, const QTemporaryDir &dir)
{
    if (engine == QLatin1String("sqlite")) {
        m_url = dir.filePath(QStringLiteral("previous.db"));
        return;
    }
    const QString admin = qEnvironmentVariable("BRANCHLINE_TEST_POSTGRES_URL");
    if (admin.isEmpty()) {
        m_failure = QStringLiteral("No PostgreSQL: run under scripts/with-postgres.sh");
        return;
    }
    const QString name = QStringLiteral("up_") + QUuid::createUuid().toString(QUuid::Id128);
    if (!adminExec(QStringLiteral("CREATE DATABASE %1").arg(name), &m_failure))
        return;
    m_pgDatabase = name;
    QUrl url(admin);
    url.setPath(QLatin1Char('/') + name);
    m_url = url.toString();
}

ScratchDatabase::~ScratchDatabase()
{
    if (m_pgDatabase.isEmpty())
        return;
    QString ignored;
    adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgDatabase),
              &ignored);
}

bool applyMigrationsUpTo(Database &database, int upTo, QString *error)
{
    return database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                for (const ServerMigrator::Step &step : ServerMigrator::steps()) {
                    if (step.version > upTo)
                        break;
                    QString text;
                    if (!ServerMigrator::script(step, database.isPostgres(), &text, txError))
                        return false;
                    for (const QString &statement : SqlScript::split(text)) {
                        if (!query.exec(statement)) {
                            *txError = query.lastError().text();
                            return false;
                        }
                    }
                }
                query.prepare(QStringLiteral(
                        "INSERT INTO server_meta (key, value) VALUES ('schema_version', ?)"));
                query.addBindValue(QString::number(upTo));
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                return true;
            },
            error);
}

bool makeOrganisation(Database &database, Organisation *o, QString *error)
{
    PasswordHasher hasher(PasswordHasher::Strength::Minimum);
    Accounts accounts(database, hasher);
    o->region = Branch{ QString(), QString(), QStringLiteral("浙江分行"), QStringLiteral("region"),
                        QStringLiteral("杭州") };
    if (!accounts.addBranch(o->region, QString(), error))
        return false;
    o->xihu = Branch{ QString(), o->region.id, QStringLiteral("杭州西湖支行"),
                      QStringLiteral("branch"), QStringLiteral("杭州") };
    o->nanjing = Branch{ QString(), QString(), QStringLiteral("南京支行"), QStringLiteral("branch"),
                         QStringLiteral("南京") };
    if (!accounts.addBranch(o->xihu, QString(), error)
        || !accounts.addBranch(o->nanjing, QString(), error))
        return false;
    auto caller = [](const char *id, Role role, const QString &branch) {
        const QString name = QString::fromLatin1(id);
        return Caller{ name,
                       name,
                       role,
                       branch,
                       name + QStringLiteral("-session"),
                       name + QStringLiteral("-device") };
    };
    o->rep = caller("u-rep", Role::SalesRep, o->xihu.id);
    o->otherRep = caller("u-rep2", Role::SalesRep, o->nanjing.id);
    o->manager = caller("u-mgr", Role::BranchManager, o->region.id);
    o->risk = caller("u-risk", Role::RiskOfficer, QString());
    o->admin = caller("u-admin", Role::Admin, QString());
    return addCallerUsers(database, { o->rep, o->otherRep, o->manager, o->risk, o->admin }, error);
}

bool addCallerUsers(Database &database, const QList<Caller> &callers, QString *error)
{
    PasswordHasher hasher(PasswordHasher::Strength::Minimum);
    Accounts accounts(database, hasher);
    for (const Caller &caller : callers) {
        UserAccount user;
        user.id = caller.userId;
        user.login = caller.login;
        user.displayName = caller.login;
        user.role = caller.role;
        user.branchId = caller.branchId;
        QStringList problems;
        if (!accounts.addUser(user, QStringLiteral("Fixture-Password-2026"), QString(), &problems,
                              error))
            return false;
    }
    return true;
}

} // namespace branchline::server::test
