// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreError.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace branchline {

// One numbered step of the local store's schema.
struct Migration
{
    int version;
    const char *name;
    const char *resource; // the SQL script, a Qt resource path
    int minReaderVersion; // oldest schema a Branchline must know to use the store after this
                          // step; stays put for additive changes, bumps for breaking ones
};

// Brings a store to the latest schema: forward only, one transaction per step, and a
// backup of the file before the first step that changes an existing store.
class Migrator
{
    Q_DECLARE_TR_FUNCTIONS(Migrator)

public:
    // `migrations` is the product's list unless a test brings its own.
    Migrator(const QSqlDatabase &db, QString filePath, QList<Migration> migrations = productMigrations());

    static const QList<Migration> &productMigrations();
    int latestVersion() const { return m_migrations.last().version; }

    // Reads the store's version and refuses stores it cannot read. Writes nothing.
    bool inspect(StoreError *error);
    int currentVersion() const { return m_currentVersion; }
    bool needsMigration() const { return m_currentVersion < latestVersion(); }

    bool migrate(StoreError *error);
    QString backupPath() const { return m_backupPath; }

private:
    bool backup(StoreError *error);
    bool apply(const Migration &migration, StoreError *error);

    QSqlDatabase m_db;
    QString m_filePath;
    QList<Migration> m_migrations;
    QString m_backupPath;
    int m_currentVersion = 0;
};

} // namespace branchline
