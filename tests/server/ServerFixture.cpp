// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerFixture.h"

#include "core/PasswordHasher.h"
#include "core/ServerMigrator.h"

#include <QSqlError>
#include <QSqlQuery>
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

} // namespace branchline::server::test
