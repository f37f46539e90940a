// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerMigrator.h"

#include "AuditKeys.h"
#include "SqlScript.h"
#include "records/PiiUpgrade.h"

#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcMigrations, "branchline.server.migrations")

namespace branchline::server {

namespace {
// Any constant both instances agree on: the key of PostgreSQL's advisory lock.
constexpr qint64 migrationLockKey = 0x4272616e63686c; // "Branchl"
} // namespace

ServerMigrator::ServerMigrator(const Database &database)
    : m_database(database)
{
}

const QList<ServerMigrator::Step> &ServerMigrator::steps()
{
    static const QList<Step> all = {
        { 1, "accounts" },
        { 2, "customers" },
        { 3, "integrations" },
        { 4, "tasks" },
        { 5, "contacts" },
        { 6, "activities" },
        { 7, "sync" },
        { 8, "merchant_detail" },
        { 9, "approvals" },
        { 10, "dashboards" },
        { 11, "pii_lookups" },
        { 12, "audit_keys" },
        { 13, "login_throttle" },
        { 14, "pii_at_rest" },
    };
    return all;
}

bool ServerMigrator::readVersion(QSqlDatabase &db, int *version, QString *error) const
{
    *version = 0;
    if (!db.tables().contains(QStringLiteral("server_meta")))
        return true;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT value FROM server_meta WHERE key = 'schema_version'"))) {
        *error = query.lastError().text();
        return false;
    }
    if (query.next())
        *version = query.value(0).toInt();
    return true;
}

bool ServerMigrator::migrate(QString *error)
{
    QSqlDatabase db = m_database.connection(error);
    if (!db.isOpen())
        return false;
    if (!readVersion(db, &m_version, error))
        return false;
    if (m_version > latestVersion()) {
        *error = tr("The database was written by a newer Branchline server (schema %1; this "
                    "server knows up to %2). It was not changed; upgrade the server.")
                         .arg(m_version)
                         .arg(latestVersion());
        return false;
    }
    if (m_version == latestVersion())
        return settleKeys(error);
    if (!m_database.isPostgres() && m_version > 0 && !backupSqlite(m_version, error))
        return false;

    for (const Step &step : steps()) {
        bool applied = false;
        const bool ok = m_database.inTransaction(
                [&](QSqlDatabase &tx, QString *stepError) {
                    if (m_database.isPostgres()) {
                        QSqlQuery lock(tx);
                        if (!lock.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)")
                                               .arg(migrationLockKey))) {
                            *stepError = lock.lastError().text();
                            return false;
                        }
                    }
                    // Another instance may have migrated while we waited for the lock.
                    int version = 0;
                    if (!readVersion(tx, &version, stepError))
                        return false;
                    if (version >= step.version)
                        return true;
                    applied = true;
                    return apply(tx, step, stepError);
                },
                error);
        if (!ok)
            return false;
        if (applied)
            qCInfo(lcMigrations) << "applied server migration" << step.version << step.name;
        m_version = step.version;
    }
    return settleKeys(error);
}

bool ServerMigrator::settleKeys(QString *error)
{
    // The audit key first: what follows writes audit entries. Then the values of steps that
    // only added columns are brought to rest encrypted in C++, in batches, after the schema
    // is complete (and on every start, which also checks the key folder against the
    // database).
    return AuditKeys::prepare(m_database, &m_createdAuditKey, error)
            && PiiUpgrade::run(m_database, error);
}

bool ServerMigrator::script(const Step &step, bool postgres, QString *script, QString *error)
{
    const QString path = QStringLiteral(":/branchline/server/migrations/%1_%2.sql")
                                 .arg(step.version, 4, 10, QLatin1Char('0'))
                                 .arg(QString::fromLatin1(step.name));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("The server's migration %1 is missing (%2).").arg(step.version).arg(path);
        return false;
    }
    QString problem;
    if (!SqlScript::forEngine(QString::fromUtf8(file.readAll()), postgres, script, &problem)) {
        *error = tr("The server's migration %1 cannot be read: %2").arg(step.version).arg(problem);
        return false;
    }
    return true;
}

bool ServerMigrator::apply(QSqlDatabase &db, const Step &step, QString *error) const
{
    QString text;
    if (!script(step, m_database.isPostgres(), &text, error))
        return false;
    QSqlQuery query(db);
    for (const QString &statement : SqlScript::split(text)) {
        if (!query.exec(statement)) {
            *error = tr("Migration %1 failed: %2").arg(step.version).arg(query.lastError().text());
            return false;
        }
    }
    query.prepare(m_database.isPostgres()
                          ? QStringLiteral("INSERT INTO server_meta (key, value) VALUES "
                                           "('schema_version', ?) ON CONFLICT (key) DO UPDATE "
                                           "SET value = excluded.value")
                          : QStringLiteral("INSERT OR REPLACE INTO server_meta (key, value) "
                                           "VALUES ('schema_version', ?)"));
    query.addBindValue(QString::number(step.version));
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

bool ServerMigrator::backupSqlite(int fromVersion, QString *error)
{
    QSqlDatabase db = m_database.connection(error);
    QSqlQuery checkpoint(db);
    checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    checkpoint.finish();
    const QString target = QStringLiteral("%1.schema%2-%3.bak")
                                   .arg(m_database.url().path)
                                   .arg(fromVersion)
                                   .arg(QDateTime::currentDateTimeUtc().toString(
                                           QStringLiteral("yyyyMMddHHmmss")));
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial);
    if (!QFile::copy(m_database.url().path, partial) || !QFile::rename(partial, target)) {
        QFile::remove(partial);
        *error = tr("The database could not be backed up before its upgrade (is the disk "
                    "full?). It was not changed.");
        return false;
    }
    m_backupPath = target;
    return true;
}

} // namespace branchline::server
