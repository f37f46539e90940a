// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SqlCipherDriver.h"
#include "StoreError.h"

#include <QSqlDatabase>
#include <QString>

namespace branchline {

// The encrypted local store of one account on this computer: one SQLCipher file.
//
// open() unlocks the file with its key, checks what it is, backs it up and migrates it to
// the latest schema. Nothing about a file it cannot use is ever written: a wrong key, a
// damaged or empty file, or a store from a newer Branchline leave the file byte for byte
// as they were.
class LocalStore
{
    Q_DECLARE_TR_FUNCTIONS(LocalStore)

public:
    using KeyKind = SqlCipherDriver::KeyKind;

    explicit LocalStore(QString filePath);
    ~LocalStore();
    LocalStore(const LocalStore &) = delete;
    LocalStore &operator=(const LocalStore &) = delete;

    // Opens the store, creating a new one when there is no file and `createIfMissing`.
    bool open(SecretBytes key, KeyKind kind, bool createIfMissing);
    void close();
    bool isOpen() const { return m_db.isOpen(); }

    QSqlDatabase database() const { return m_db; }
    const StoreError &lastError() const { return m_error; }
    QString filePath() const { return m_filePath; }
    int schemaVersion() const { return m_schemaVersion; }
    QString lastBackupPath() const { return m_backupPath; }

    // Opens one more connection to a store file, for use on the calling thread only (a
    // worker's own connection). Registers the search tokenizer on it.
    static QSqlDatabase openConnection(const QString &filePath, const QString &connectionName,
                                       SecretBytes key, KeyKind kind, bool create,
                                       StoreError *error,
                                       const SqlCipherDriver::Options &options = {});
    static void closeConnection(const QString &connectionName);

private:
    bool fail(StoreError error);
    bool pagesMatchFileSize(StoreError *error) const;

    QString m_filePath;
    QString m_connectionName;
    QSqlDatabase m_db;
    StoreError m_error;
    int m_schemaVersion = 0;
    QString m_backupPath;
};

} // namespace branchline
