// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DatabaseUrl.h"

#include <QSqlDatabase>

#include <functional>

namespace branchline::server {

// The server's storage: one SQLite file or one PostgreSQL database, reached through Qt's
// QSQLITE and QPSQL drivers. Each thread gets its own connection on first use (a
// QSqlDatabase may only be used on the thread that opened it); it is closed when the
// thread ends. The server keeps no state anywhere else, so several instances can share
// one PostgreSQL database.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    explicit Database(DatabaseUrl url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // The calling thread's connection; invalid (with `error` set) if it cannot be opened.
    QSqlDatabase connection(QString *error = nullptr) const;
    const DatabaseUrl &url() const { return m_url; }
    bool isPostgres() const { return m_url.engine == DatabaseUrl::Engine::Postgres; }

    // Runs `work` in one transaction that takes the write lock at once (BEGIN IMMEDIATE on
    // SQLite), commits if it returns true and rolls back otherwise, or if it throws (and
    // the exception goes on).
    bool inTransaction(const std::function<bool(QSqlDatabase &db, QString *error)> &work,
                       QString *error) const;

    // Ends a SELECT, inside inTransaction, whose rows the transaction goes on to change from
    // what it read: " FOR UPDATE" on PostgreSQL (" FOR UPDATE OF <of>" to lock only some
    // tables of a join), so the rows stay locked until commit and a second read-modify-write
    // of them waits, then reads what the first committed, instead of writing its stale copy
    // back over it. Empty on SQLite, where BEGIN IMMEDIATE already admits one writer at a time.
    static QString forUpdate(const QSqlDatabase &db, const QString &of = QString());

private:
    bool openConnection(QSqlDatabase &db, QString *error) const;
    QString connectionName() const;

    DatabaseUrl m_url;
    QString m_prefix; // connection names of this instance: "<prefix>-<thread>"
};

} // namespace branchline::server
