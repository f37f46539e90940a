// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "keys/KeyStore.h"

#include <QHash>

namespace branchline::test {

// An in-memory KeyStore for pure unit tests. `nextStatus` makes the next call fail the way
// a real keychain can (no backend, locked, refused).
class FakeKeyStore : public KeyStore
{
public:
    ReadResult readKey(const QString &account) override;
    Status writeKey(const QString &account, const SecretBytes &key, QString *message) override;
    Status removeKey(const QString &account, QString *message) override;

    Status nextStatus = Status::Ok;
    bool forgetWrites = false; // accept writes and lose them, as a broken keychain does
    int reads = 0;
    int writes = 0;
    bool contains(const QString &account) const { return m_keys.contains(account); }

private:
    Status takeStatus();
    QHash<QString, QByteArray> m_keys;
};

} // namespace branchline::test
