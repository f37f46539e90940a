// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerDatabase.h"

#include "TestFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>
#include <QVersionNumber>

#include <algorithm>

namespace branchline::test {

namespace {

const QStringList sqliteSuffixes{ QString(), QStringLiteral("-wal") };

// The newest installed PostgreSQL's programs, as scripts/with-postgres.sh picks its server:
// pg_dump must not be older than the server it dumps.
QString newestPostgresBin()
{
    QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) {
        return QVersionNumber::fromString(a) < QVersionNumber::fromString(b);
    });
    return versions.isEmpty() ? QString() : root.filePath(versions.last() + QStringLiteral("/bin"));
}

} // namespace

ServerDatabase::ServerDatabase(const QString &engine, const QString &folder)
    : m_folder(folder)
{
    if (engine == QLatin1String("sqlite")) {
        m_url = QDir(folder).filePath(QStringLiteral("server.db"));
        m_ready = true;
        return;
    }
    if (engine != QLatin1String("postgres")) {
        m_failure = QStringLiteral("Unknown engine \"%1\".").arg(engine);
        return;
    }
    m_adminUrl = qEnvironmentVariable("BRANCHLINE_TEST_POSTGRES_URL");
    if (m_adminUrl.isEmpty()) {
        m_failure = QStringLiteral("No PostgreSQL: run the tests through scripts/test.sh or "
                                   "scripts/with-postgres.sh, which start one "
                                   "(BRANCHLINE_TEST_POSTGRES_URL is unset).");
        return;
    }
    m_pgBin = newestPostgresBin();
    // A fresh name per case: a case never sees another's leftovers, and a crashed run's
    // databases die with the throw-away cluster.
    const QString name = QStringLiteral("loopback_") + QUuid::createUuid().toString(QUuid::Id128);
    if (!psql(QStringLiteral("CREATE DATABASE %1").arg(name), &m_failure))
        return;
    m_pgName = name;
    QUrl url(m_adminUrl);
    url.setPath(QLatin1Char('/') + m_pgName);
    m_url = url.toString();
    m_ready = true;
}

ServerDatabase::~ServerDatabase()
{
    if (!m_pgName.isEmpty()) {
        QString error;
        // FORCE: a killed server's sessions may not have ended yet.
        if (!psql(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName), &error))
            qWarning("could not drop %s: %s", qPrintable(m_pgName), qPrintable(error));
    }
}

bool ServerDatabase::backUp(const QString &name, QString *error) const
{
    const QString target = QDir(m_folder).filePath(name);
    if (!isPostgres()) {
        for (const QString &suffix : sqliteSuffixes) {
            QFile::remove(target + suffix);
            if (QFile::exists(m_url + suffix) && !QFile::copy(m_url + suffix, target + suffix)) {
                *error = QStringLiteral("could not copy %1").arg(m_url + suffix);
                return false;
            }
        }
        return true;
    }
    return run(pgProgram(QStringLiteral("pg_dump")),
               { QStringLiteral("--format=custom"), QStringLiteral("--file"), target,
                 QStringLiteral("--dbname"), m_url },
               error);
}

bool ServerDatabase::restore(const QString &name, QString *error) const
{
    const QString source = QDir(m_folder).filePath(name);
    if (!isPostgres()) {
        for (const QString &suffix : sqliteSuffixes + QStringList{ QStringLiteral("-shm") })
            QFile::remove(m_url + suffix);
        for (const QString &suffix : sqliteSuffixes) {
            if (QFile::exists(source + suffix) && !QFile::copy(source + suffix, m_url + suffix)) {
                *error = QStringLiteral("could not copy %1").arg(source + suffix);
                return false;
            }
        }
        return true;
    }
    return psql(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(m_pgName), error)
            && psql(QStringLiteral("CREATE DATABASE %1").arg(m_pgName), error)
            && run(pgProgram(QStringLiteral("pg_restore")),
                   { QStringLiteral("--exit-on-error"), QStringLiteral("--single-transaction"),
                     QStringLiteral("--dbname"), m_url, source },
                   error);
}

bool ServerDatabase::psql(const QString &sql, QString *error) const
{
    // -X: no ~/.psqlrc; ON_ERROR_STOP: a failed statement is a non-zero exit.
    return run(pgProgram(QStringLiteral("psql")),
               { QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                 QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("--dbname"), m_adminUrl,
                 QStringLiteral("--command"), sql },
               error);
}

bool ServerDatabase::run(const QString &program, const QStringList &arguments, QString *error) const
{
    if (program.isEmpty()) {
        *error = QStringLiteral("PostgreSQL's client programs are not installed "
                                "(run scripts/setup.sh).");
        return false;
    }
    QString err;
    const int code = runProgram(program, arguments, QByteArray(), nullptr, &err);
    if (code != 0) {
        *error = QStringLiteral("%1 failed (%2): %3")
                         .arg(QFileInfo(program).fileName())
                         .arg(code)
                         .arg(err.trimmed());
        return false;
    }
    return true;
}

QString ServerDatabase::pgProgram(const QString &name) const
{
    const QString candidate = m_pgBin.isEmpty() ? QString() : QDir(m_pgBin).filePath(name);
    if (!candidate.isEmpty() && QFileInfo(candidate).isExecutable())
        return candidate;
    return QStandardPaths::findExecutable(name);
}

} // namespace branchline::test
