// SPDX-License-Identifier: GPL-3.0-or-later
#include "LocalStore.h"

#include "Migrator.h"
#include "search/SearchTokenizer.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcStore, "branchline.store")

namespace branchline {

namespace {

constexpr qint64 pageSize = 4096;

QString nextConnectionName()
{
    static QAtomicInteger<quint32> counter;
    return QStringLiteral("branchline-store-%1").arg(counter.fetchAndAddRelaxed(1) + 1);
}

} // namespace

LocalStore::LocalStore(QString filePath)
    : m_filePath(std::move(filePath))
    , m_connectionName(nextConnectionName())
{
}

LocalStore::~LocalStore()
{
    close();
}

QSqlDatabase LocalStore::openConnection(const QString &filePath, const QString &connectionName,
                                        SecretBytes key, KeyKind kind, bool create,
                                        StoreError *error, const SqlCipherDriver::Options &options)
{
    auto *driver = new SqlCipherDriver;
    SqlCipherDriver::Options effective = options;
    effective.createIfMissing = create;
    driver->setOptions(effective);
    driver->setKey(std::move(key), kind);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
        db.setDatabaseName(filePath);
        if (db.open()) {
            QString tokenizerError;
            if (SearchTokenizer::registerWith(driver->connection(), &tokenizerError))
                return db;
            *error = StoreError::make(StoreError::Kind::Other,
                                      QStringLiteral("search tokenizer: ") + tokenizerError);
        } else {
            *error = StoreError::fromSql(db.lastError());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return QSqlDatabase();
}

void LocalStore::closeConnection(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

bool LocalStore::fail(StoreError error)
{
    m_error = std::move(error);
    qCWarning(lcStore) << "store not opened:" << m_error.detail;
    close();
    return false;
}

bool LocalStore::pagesMatchFileSize(StoreError *error) const
{
    // With an empty write-ahead log every page lives in the main file, so a file shorter
    // than the header's page count was cut short. Caught here, before a half-read store
    // shows up as missing customers.
    const QFileInfo wal(m_filePath + QStringLiteral("-wal"));
    if (wal.exists() && wal.size() > 0)
        return true;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA page_count")) || !query.next()) {
        *error = StoreError::fromSql(query.lastError());
        return false;
    }
    const qint64 expected = query.value(0).toLongLong() * pageSize;
    const qint64 actual = QFileInfo(m_filePath).size();
    if (expected == actual)
        return true;
    *error = StoreError::make(
            StoreError::Kind::Damaged,
            QStringLiteral("header says %1 bytes, file has %2").arg(expected).arg(actual));
    return false;
}

bool LocalStore::open(SecretBytes key, KeyKind kind, bool createIfMissing)
{
    close();
    m_error = StoreError();
    m_backupPath.clear();

    const QFileInfo info(m_filePath);
    const bool exists = info.exists();
    if (!exists && !createIfMissing)
        return fail(StoreError::make(StoreError::Kind::NotFound, m_filePath));
    if (exists) {
        // Cheap checks that need no key. SQLite would treat a zero-length file as a new,
        // empty database and happily write a fresh schema into it.
        if (info.size() == 0)
            return fail(StoreError::make(StoreError::Kind::Empty, m_filePath));
        if (info.size() % pageSize != 0)
            return fail(StoreError::make(
                    StoreError::Kind::Damaged,
                    QStringLiteral("size %1 is not a whole number of pages").arg(info.size())));
    }

    StoreError error;
    m_db = openConnection(m_filePath, m_connectionName, std::move(key), kind, !exists, &error);
    if (!m_db.isOpen())
        return fail(error);

    if (exists && !pagesMatchFileSize(&error))
        return fail(error);

    bool migrated = false;
    {
        Migrator migrator(m_db, m_filePath); // holds the connection: gone before any close()
        migrated = migrator.inspect(&error) && migrator.migrate(&error);
        m_schemaVersion = migrator.currentVersion();
        m_backupPath = migrator.backupPath();
    }
    if (!migrated)
        return fail(error);
    qCInfo(lcStore) << "store open, schema" << m_schemaVersion;
    return true;
}

void LocalStore::close()
{
    if (!m_db.isValid() && !QSqlDatabase::contains(m_connectionName))
        return;
    m_db = QSqlDatabase();
    closeConnection(m_connectionName);
}

} // namespace branchline
