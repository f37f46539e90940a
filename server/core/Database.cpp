// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <map>

namespace branchline::server {

namespace {

// Closes this thread's connections when the thread ends.
struct ThreadConnections
{
    std::map<QString, bool> names;
    ~ThreadConnections()
    {
        for (const auto &entry : names) {
            {
                QSqlDatabase db = QSqlDatabase::database(entry.first, false);
                if (db.isValid())
                    db.close();
            }
            QSqlDatabase::removeDatabase(entry.first);
        }
    }
};

thread_local ThreadConnections threadConnections;

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

} // namespace

Database::Database(DatabaseUrl url)
    : m_url(std::move(url))
{
    static QAtomicInteger<quint32> instances;
    m_prefix = QStringLiteral("branchline-server-%1").arg(instances.fetchAndAddRelaxed(1) + 1);
}

Database::~Database()
{
    // This thread's connection goes with the object; other threads close theirs as they end.
    const QString name = connectionName();
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    threadConnections.names.erase(name);
}

QString Database::connectionName() const
{
    return m_prefix + QLatin1Char('-')
            + QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()));
}

QSqlDatabase Database::connection(QString *error) const
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        if (openConnection(db, error))
            return db;
        return QSqlDatabase();
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(m_url.qtDriverName(), name);
    threadConnections.names.emplace(name, true);
    if (!db.isValid()) {
        if (error)
            *error = tr("The %1 database driver is not installed.").arg(m_url.qtDriverName());
        return QSqlDatabase();
    }
    if (!openConnection(db, error))
        return QSqlDatabase();
    return db;
}

bool Database::openConnection(QSqlDatabase &db, QString *error) const
{
    if (m_url.engine == DatabaseUrl::Engine::Sqlite) {
        const QFileInfo file(m_url.path);
        if (!QDir().mkpath(file.absolutePath())) {
            if (error)
                *error = tr("The folder %1 cannot be created.").arg(file.absolutePath());
            return false;
        }
        db.setDatabaseName(m_url.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db.setHostName(m_url.host);
        db.setPort(m_url.port);
        db.setDatabaseName(m_url.database);
        db.setUserName(m_url.user);
        db.setPassword(m_url.password);
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    }
    if (!db.open()) {
        if (error)
            *error = tr("The database %1 cannot be opened: %2")
                             .arg(m_url.redacted(), db.lastError().text());
        return false;
    }
    if (m_url.engine == DatabaseUrl::Engine::Sqlite) {
        // WAL lets readers work while one writer commits; foreign keys are on because the
        // server, unlike a syncing client, always writes parents first.
        if (!exec(db, QStringLiteral("PRAGMA journal_mode = WAL"), error)
            || !exec(db, QStringLiteral("PRAGMA synchronous = NORMAL"), error)
            || !exec(db, QStringLiteral("PRAGMA foreign_keys = ON"), error))
            return false;
    }
    return true;
}

bool Database::inTransaction(const std::function<bool(QSqlDatabase &, QString *)> &work,
                             QString *error) const
{
    QSqlDatabase db = connection(error);
    if (!db.isOpen())
        return false;
    const QString begin =
            isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
    if (!exec(db, begin, error))
        return false;
    bool done = false;
    try {
        done = work(db, error);
    } catch (...) {
        // A value that does not decrypt (PiiUnreadable) ends the work by throwing: the
        // connection must not stay inside its transaction for the thread's next request.
        exec(db, QStringLiteral("ROLLBACK"), nullptr);
        throw;
    }
    if (!done) {
        exec(db, QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    if (!exec(db, QStringLiteral("COMMIT"), error)) {
        exec(db, QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    return true;
}

QString Database::forUpdate(const QSqlDatabase &db, const QString &of)
{
    if (db.driverName() != QLatin1String("QPSQL"))
        return QString();
    return of.isEmpty() ? QStringLiteral(" FOR UPDATE") : QStringLiteral(" FOR UPDATE OF ") + of;
}

} // namespace branchline::server
