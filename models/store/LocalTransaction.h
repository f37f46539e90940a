// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreError.h"

#include <QSqlDatabase>
#include <QString>

namespace branchline {

// One all-or-nothing unit of writes on a store connection that may already be inside a
// caller's transaction (an import's insertMany, a sync page). Outside one it is a
// BEGIN IMMEDIATE transaction; inside one it is a SAVEPOINT, because SQLite refuses a
// nested BEGIN and a failed inner step must undo only its own writes. Destroyed without
// commit() it rolls back.
class LocalTransaction
{
public:
    explicit LocalTransaction(QSqlDatabase db);
    ~LocalTransaction();
    LocalTransaction(const LocalTransaction &) = delete;
    LocalTransaction &operator=(const LocalTransaction &) = delete;

    bool begin(StoreError *error);
    bool commit(StoreError *error);
    void rollback();

    // Whether the connection is inside a transaction now (SQLite's autocommit flag is off).
    static bool isInTransaction(const QSqlDatabase &db);

private:
    bool exec(const QString &sql, StoreError *error);

    QSqlDatabase m_db;
    QString m_savepoint; // empty: a top-level transaction
    bool m_active = false;
};

} // namespace branchline
