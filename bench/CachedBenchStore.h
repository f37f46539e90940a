// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "keys/SecretBytes.h"

#include <QString>

namespace branchline {

class CApiStore;

// A benchmark's encrypted store, made once and kept in a cache folder with its random key
// in a file next to it (a benchmark key, not a secret). prepare() uses the cached file when
// its key is there and the subclass finds it usable, and otherwise makes it again:
// LocalStore creates it (the product's schema at its current migration), then fill() writes
// the rows through SQLCipher's C API, under a temporary name until it is complete.
class CachedBenchStore
{
public:
    explicit CachedBenchStore(QString path);
    virtual ~CachedBenchStore() = default;
    CachedBenchStore(const CachedBenchStore &) = delete;
    CachedBenchStore &operator=(const CachedBenchStore &) = delete;

    bool prepare(QString *error);

    QString path() const { return m_path; }
    SecretBytes key() const;
    QByteArray keyLiteral() const; // SQLCipher's x'...'

protected:
    // Whether the cached file holds what this build would make; `why` says what differs.
    virtual bool isUsable(QString *why) const = 0;
    virtual bool fill(CApiStore &store, QString *error) = 0;

private:
    bool build(QString *error);

    QString m_path;
    QByteArray m_key; // raw 32 bytes
};

} // namespace branchline
