// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyStore.h"

namespace branchline {

// Keeps store keys in the operating system's keychain through QtKeychain: the Secret
// Service (GNOME Keyring, KWallet) on Linux, the Credential Manager on Windows, the
// Keychain on macOS. Nothing is ever written elsewhere.
class KeychainKeyStore : public KeyStore
{
public:
    explicit KeychainKeyStore(QString service = QStringLiteral("Branchline"),
                              int timeoutMs = 120000);

    ReadResult readKey(const QString &account) override;
    Status writeKey(const QString &account, const SecretBytes &key, QString *message) override;
    Status removeKey(const QString &account, QString *message) override;

private:
    QString m_service;
    int m_timeoutMs;
};

} // namespace branchline
