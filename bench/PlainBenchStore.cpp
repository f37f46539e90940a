// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlainBenchStore.h"

#include "search/SearchTokenizer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QUuid>

#include <sqlite3.h>

namespace branchline {

namespace {

bool exec(sqlite3 *db, const QByteArray &sql, QString *error)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    *error = QString::fromUtf8(message ? message : sqlite3_errmsg(db))
            + " in: " + QString::fromUtf8(sql.left(200));
    sqlite3_free(message);
    return false;
}

} // namespace

sqlite3 *PlainBenchStore::handleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

QSqlDatabase PlainBenchStore::open(const QString &filePath, const QString &connectionName,
                                   QString *error)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", connectionName);
        db.setDatabaseName(filePath);
        if (!db.open()) {
            *error = db.lastError().text();
        } else if (sqlite3 *handle = handleOf(db); !handle) {
            *error = "QSQLITE gave no sqlite3 handle";
        } else {
            // The same statements, in the same order, as SqlCipherDriver::open() after
            // keying (where cipher_page_size stands for page_size).
            const QByteArray cache = "PRAGMA cache_size = " + QByteArray::number(cachePages);
            if (exec(handle, "PRAGMA page_size = 4096", error)
                && exec(handle, "SELECT count(*) FROM sqlite_master", error)
                && exec(handle, cache, error) && exec(handle, "PRAGMA temp_store = MEMORY", error)
                && exec(handle, "PRAGMA journal_mode = WAL", error)
                && exec(handle, "PRAGMA synchronous = NORMAL", error)
                && SearchTokenizer::registerWith(handle, error)) {
                return db;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return QSqlDatabase();
}

void PlainBenchStore::close(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

bool PlainBenchStore::create(const QString &filePath, QString *error)
{
    // Every product migration, in version order, so both sides hold the same schema.
    QByteArray sql;
    const QDir folder(":/bench/migrations");
    const QStringList scripts = folder.entryList({ "*.sql" }, QDir::Files, QDir::Name);
    if (scripts.isEmpty()) {
        *error = "migration scripts missing from the resources";
        return false;
    }
    for (const QString &name : scripts) {
        QFile script(folder.filePath(name));
        if (!script.open(QIODevice::ReadOnly)) {
            *error = "migration script unreadable: " + name;
            return false;
        }
        sql += script.readAll() + '\n';
    }
    // The file names start with their version: 0007_leads_by_customer.sql is version 7.
    const int version = scripts.last().section('_', 0, 0).toInt();
    const QString name = "bench-create";
    bool ok = false;
    {
        QSqlDatabase db = open(filePath, name, error);
        if (sqlite3 *handle = handleOf(db)) {
            // What Migrator::apply does for every migration, through the C API because QSQLITE
            // runs only the first statement of a script.
            const QByteArray meta =
                    QString("INSERT INTO store_meta (key, value) VALUES ('store_id', '%1'), "
                            "('created_at', '%2'), ('schema_version', '%3'), "
                            "('min_reader_version', '2')")
                            .arg(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                 QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))
                            .arg(version)
                            .toUtf8();
            ok = exec(handle, "BEGIN IMMEDIATE", error) && exec(handle, sql, error)
                    && exec(handle, meta, error) && exec(handle, QString("PRAGMA user_version = %1").arg(version).toUtf8(), error)
                    && exec(handle, "COMMIT", error);
        }
    }
    close(name);
    return ok;
}

} // namespace branchline
