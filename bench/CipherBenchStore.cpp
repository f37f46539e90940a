// SPDX-License-Identifier: GPL-3.0-or-later
#include "CipherBenchStore.h"

#include "store/LocalStore.h"

namespace branchline {

SecretBytes CipherBenchStore::key()
{
    SecretBytes bytes(32);
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes.data()[i] = static_cast<unsigned char>(0xb0 + i);
    return bytes;
}

bool CipherBenchStore::create(const QString &filePath, QString *error)
{
    // LocalStore::open() on a missing file creates it and applies the product migrations,
    // exactly as on a user's first start.
    LocalStore store(filePath);
    if (!store.open(key(), LocalStore::KeyKind::Raw, true)) {
        *error = store.lastError().detail;
        return false;
    }
    store.close();
    return true;
}

QSqlDatabase CipherBenchStore::open(const QString &filePath, const QString &connectionName,
                                    QString *error)
{
    SqlCipherDriver::Options options;
    options.cachePages = cachePages;
    StoreError storeError;
    QSqlDatabase db = LocalStore::openConnection(
            filePath, connectionName, key(), LocalStore::KeyKind::Raw, false, &storeError, options);
    if (!db.isOpen())
        *error = storeError.detail;
    return db;
}

void CipherBenchStore::close(const QString &connectionName)
{
    LocalStore::closeConnection(connectionName);
}

} // namespace branchline
