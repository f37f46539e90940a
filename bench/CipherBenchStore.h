// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchStore.h"
#include "keys/SecretBytes.h"

namespace branchline {

// The product side: stores made by LocalStore and opened through
// LocalStore::openConnection, i.e. our SqlCipherDriver on SQLCipher with a raw key.
class CipherBenchStore : public BenchStore
{
public:
    bool create(const QString &filePath, QString *error) override;
    QSqlDatabase open(const QString &filePath, const QString &connectionName,
                      QString *error) override;
    void close(const QString &connectionName) override;

    // A fixed 32-byte raw key: benchmark stores hold nothing secret, and the key kind
    // (raw, no KDF) is the one the product uses for keychain-held keys.
    static SecretBytes key();
};

} // namespace branchline
