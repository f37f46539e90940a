// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Account.h"
#include "keys/KeyStore.h"

#include <QList>
#include <QSettings>

#include <memory>

namespace branchline {

// The accounts on this computer. What is not secret (server, login, store path, device id,
// how the key is kept) lives in QSettings; refresh tokens live in the keychain through the
// KeyStore, one entry per account beside its store key.
//
// A cheap value: copies share the settings and the key store, so the startup flow and a
// session can each hold one. GUI thread only (QSettings and the keychain's event loop).
class AccountRegistry
{
public:
    // `settings` defaults to the application's QSettings, `storeDirectory` to "stores" under
    // QStandardPaths::AppDataLocation.
    explicit AccountRegistry(std::shared_ptr<KeyStore> keys,
                             std::shared_ptr<QSettings> settings = {},
                             QString storeDirectory = {});

    // Most recently used first.
    QList<Account> accounts() const;
    std::optional<Account> find(const QString &name) const;
    std::optional<Account> lastUsed() const;

    // The account for this login on this server: the saved one, or a new one (not saved
    // yet) with its own device id and store path.
    Account prepare(const QUrl &server, const QString &login) const;
    // Saves the account and makes it the last used.
    void save(Account account);
    // Forgets the entry (not the files, not the keychain: see Session::removeFromComputer).
    void remove(const QString &name);

    // The refresh token is the session: whoever has it is signed in, so it is a secret.
    KeyStore::Status saveRefreshToken(const Account &account, const QString &token,
                                      QString *message);
    // Empty with NotFound after a sign-out.
    QString refreshToken(const Account &account, KeyStore::Status *status) const;
    KeyStore::Status forgetRefreshToken(const Account &account, QString *message);

    // Deletes a store file with its write-ahead log, shared-memory index, rollback journal
    // and the backups migrations made beside it. False with the first file that stayed.
    static bool removeStoreFiles(const QString &storePath, QString *failedPath);

    KeyStore &keyStore() const { return *m_keys; }
    std::shared_ptr<KeyStore> sharedKeyStore() const { return m_keys; }
    QString storeDirectory() const { return m_storeDirectory; }

private:
    std::optional<Account> read(const QString &group) const;
    QString groupOf(const QString &name) const;

    std::shared_ptr<KeyStore> m_keys;
    std::shared_ptr<QSettings> m_settings;
    QString m_storeDirectory;
};

} // namespace branchline
