// SPDX-License-Identifier: GPL-3.0-or-later
#include "LocalTransaction.h"

#include "SqlCipherDriver.h"

#include <QSqlError>
#include <QSqlQuery>

#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>

namespace branchline {

LocalTransaction::LocalTransaction(QSqlDatabase db)
    : m_db(std::move(db))
{
}

LocalTransaction::~LocalTransaction()
{
    rollback();
}

bool LocalTransaction::isInTransaction(const QSqlDatabase &db)
{
    const auto *driver = qobject_cast<const SqlCipherDriver *>(db.driver());
    // Another driver cannot be asked: a savepoint is correct either way.
    if (!driver || !driver->connection())
        return true;
    return sqlite3_get_autocommit(driver->connection()) == 0;
}

bool LocalTransaction::exec(const QString &sql, StoreError *error)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = StoreError::fromSql(query.lastError());
    return false;
}

bool LocalTransaction::begin(StoreError *error)
{
    if (m_active)
        return true;
    if (isInTransaction(m_db)) {
        // Unique per nesting level is enough: SQLite resolves a name to the innermost one.
        m_savepoint = QStringLiteral("branchline_write");
        if (!exec(QStringLiteral("SAVEPOINT ") + m_savepoint, error))
            return false;
    } else {
        m_savepoint.clear();
        if (!m_db.transaction()) {
            if (error)
                *error = StoreError::fromSql(m_db.lastError());
            return false;
        }
    }
    m_active = true;
    return true;
}

bool LocalTransaction::commit(StoreError *error)
{
    if (!m_active)
        return false;
    const bool ok = m_savepoint.isEmpty() ? m_db.commit()
                                          : exec(QStringLiteral("RELEASE ") + m_savepoint, error);
    if (!ok) {
        if (m_savepoint.isEmpty() && error)
            *error = StoreError::fromSql(m_db.lastError());
        rollback(); // a failed COMMIT (busy, disk full) leaves the transaction open
        return false;
    }
    m_active = false;
    return true;
}

void LocalTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    if (m_savepoint.isEmpty()) {
        m_db.rollback();
        return;
    }
    // ROLLBACK TO undoes the writes but keeps the savepoint open; RELEASE then drops it.
    // Both fail harmlessly when SQLite already rolled the whole transaction back (disk
    // full, I/O error): the caller's own commit then reports that.
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("ROLLBACK TO ") + m_savepoint);
    query.exec(QStringLiteral("RELEASE ") + m_savepoint);
}

} // namespace branchline
