// SPDX-License-Identifier: GPL-3.0-or-later
#include "Migrator.h"

#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcMigrator, "branchline.store.migrations")

namespace branchline {

namespace {

bool execOrFail(QSqlQuery &query, const QString &sql, StoreError *error)
{
    if (query.exec(sql))
        return true;
    *error = StoreError::fromSql(query.lastError());
    return false;
}

QString readMeta(const QSqlDatabase &db, const QString &key)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT value FROM store_meta WHERE key = ?"));
    query.addBindValue(key);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return QString();
}

} // namespace

Migrator::Migrator(const QSqlDatabase &db, QString filePath, QList<Migration> migrations)
    : m_db(db)
    , m_filePath(std::move(filePath))
    , m_migrations(std::move(migrations))
{
}

const QList<Migration> &Migrator::productMigrations()
{
    static const QList<Migration> all = {
        { 1, "core records", ":/branchline/migrations/0001_initial.sql", 1 },
        // Additive in SQL, but a schema-1 Branchline would write edits without their outbox
        // rows: never pushed, then overwritten by the next pull. So it must refuse the store.
        { 2, "sync", ":/branchline/migrations/0002_sync.sql", 2 },
        // Only WHEN clauses on the search triggers: a schema-2 Branchline still keeps the
        // index in step (it never defers), so it may go on reading and writing.
        { 3, "deferred search index", ":/branchline/migrations/0003_deferred_search.sql", 2 },
        // A schema-3 Branchline only forgets acknowledged mutations, as it always did.
        { 4, "sent history", ":/branchline/migrations/0004_sent_history.sql", 2 },
        // Two columns with defaults: a schema-4 Branchline writes and moves rows without
        // them, and the conflict screen then shows "base not known" for those edits.
        { 5, "prior values", ":/branchline/migrations/0005_prior_values.sql", 2 },
        // New columns and tables, and a forgotten cursor: a schema-5 Branchline skips what it
        // has no table for and takes the snapshot the cursor's absence asks for.
        { 6, "merchant detail", ":/branchline/migrations/0006_merchant_detail.sql", 2 },
        // An index only: an older Branchline reads and writes the store as before.
        { 7, "leads by customer", ":/branchline/migrations/0007_leads_by_customer.sql", 2 },
        // New tables and a forgotten cursor, as in 6: an older Branchline reads and writes
        // the rest of the store as before; the next round's snapshot fills the tables.
        { 8, "approvals", ":/branchline/migrations/0008_approvals.sql", 2 },
        // A new table and a forgotten cursor, as in 8.
        { 9, "dashboards", ":/branchline/migrations/0009_dashboards.sql", 2 },
        // Indexes only, as in 7.
        { 10, "dashboard indexes", ":/branchline/migrations/0010_dashboard_indexes.sql", 2 },
    };
    return all;
}

bool Migrator::inspect(StoreError *error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execOrFail(query, QStringLiteral("PRAGMA user_version"), error) || !query.next()) {
        if (!error->isError())
            *error = StoreError::make(StoreError::Kind::Other, QStringLiteral("user_version"));
        return false;
    }
    m_currentVersion = query.value(0).toInt();

    if (!execOrFail(query,
                    QStringLiteral("SELECT count(*), sum(name = 'store_meta') FROM sqlite_master "
                                   "WHERE type = 'table'"),
                    error)
        || !query.next())
        return false;
    const int tables = query.value(0).toInt();
    const bool hasMeta = query.value(1).toInt() > 0;
    query.finish();

    if (m_currentVersion == 0 && tables == 0)
        return true; // a new, empty store
    if (!hasMeta) {
        *error = StoreError::make(StoreError::Kind::NotAStore,
                                  QStringLiteral("no store_meta table"));
        return false;
    }
    if (m_currentVersion > latestVersion()) {
        const int minReader = readMeta(m_db, QStringLiteral("min_reader_version")).toInt();
        if (minReader > latestVersion()) {
            *error = StoreError::make(
                    StoreError::Kind::NewerVersion,
                    QStringLiteral("store schema %1 needs a reader of schema %2; this is %3")
                            .arg(m_currentVersion)
                            .arg(minReader)
                            .arg(latestVersion()));
            return false;
        }
        qCInfo(lcMigrator) << "store schema" << m_currentVersion << "is newer but readable";
    }
    return true;
}

bool Migrator::migrate(StoreError *error)
{
    if (!needsMigration())
        return true;
    if (m_currentVersion > 0 && !backup(error))
        return false;
    for (const Migration &migration : std::as_const(m_migrations)) {
        if (migration.version <= m_currentVersion)
            continue;
        if (!apply(migration, error))
            return false;
        m_currentVersion = migration.version;
    }
    return true;
}

bool Migrator::backup(StoreError *error)
{
    // Fold the write-ahead log into the main file so one copy holds everything.
    QSqlQuery checkpoint(m_db);
    if (!execOrFail(checkpoint, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), error))
        return false;
    checkpoint.finish();

    const QString stamp =
            QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss"));
    const QString target =
            QStringLiteral("%1.schema%2-%3.bak").arg(m_filePath).arg(m_currentVersion).arg(stamp);
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial);
    // Copy under a temporary name first: a copy cut short by a full disk never looks like
    // a finished backup.
    if (!QFile::copy(m_filePath, partial) || !QFile::rename(partial, target)) {
        QFile::remove(partial);
        *error = StoreError::make(StoreError::Kind::DiskFull,
                                  QStringLiteral("backup to %1 failed").arg(target));
        error->message = tr("The local store could not be backed up before its upgrade (is the "
                            "disk full?). It was not changed; free some space and try again.");
        return false;
    }
    m_backupPath = target;
    qCInfo(lcMigrator) << "backed up store before migration to" << target;
    return true;
}

bool Migrator::apply(const Migration &migration, StoreError *error)
{
    QFile script(QString::fromLatin1(migration.resource));
    if (!script.open(QIODevice::ReadOnly)) {
        *error = StoreError::make(StoreError::Kind::Other,
                                  QStringLiteral("missing migration %1").arg(migration.version));
        return false;
    }
    const QString sql = QString::fromUtf8(script.readAll());

    if (!m_db.transaction()) {
        *error = StoreError::fromSql(m_db.lastError());
        return false;
    }
    QSqlQuery query(m_db);
    bool ok = execOrFail(query, sql, error);
    query.finish();
    if (ok && migration.version == 1) {
        ok = execOrFail(query,
                        QStringLiteral("INSERT INTO store_meta (key, value) VALUES "
                                       "('store_id', '%1'), ('created_at', '%2')")
                                .arg(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                     QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)),
                        error);
    }
    if (ok) {
        query.prepare(QStringLiteral("INSERT OR REPLACE INTO store_meta (key, value) VALUES "
                                     "('schema_version', ?), ('min_reader_version', ?)"));
        query.addBindValue(migration.version);
        query.addBindValue(migration.minReaderVersion);
        ok = query.exec();
        if (!ok)
            *error = StoreError::fromSql(query.lastError());
    }
    // PRAGMA takes no bound values; the version is our own integer.
    if (ok)
        ok = execOrFail(query, QStringLiteral("PRAGMA user_version = %1").arg(migration.version),
                        error);
    if (ok && !m_db.commit()) {
        *error = StoreError::fromSql(m_db.lastError());
        ok = false;
    }
    if (!ok) {
        m_db.rollback();
        qCWarning(lcMigrator) << "migration" << migration.version << "failed:" << error->detail;
        return false;
    }
    qCInfo(lcMigrator) << "applied migration" << migration.version << migration.name;
    return true;
}

} // namespace branchline
