// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreKeyProvider.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcKeys, "branchline.keys")

namespace branchline {

StoreKeyProvider::StoreKeyProvider(KeyStore &keyStore, PassphrasePrompt &prompt)
    : m_keyStore(keyStore)
    , m_prompt(prompt)
{
}

bool StoreKeyProvider::createKey(const QString &account, StoreKey *key, StoreError *error)
{
    SecretBytes fresh = SecretBytes::random(keyBytes);
    QString message;
    KeyStore::Status status = m_keyStore.writeKey(account, fresh, &message);
    if (status == KeyStore::Status::Ok) {
        // Some keychains accept a write and lose it (a locked collection, a session bus
        // that goes away). A store whose key is lost is lost, so read it back first.
        KeyStore::ReadResult check = m_keyStore.readKey(account);
        if (check.status != KeyStore::Status::Ok || check.key != fresh) {
            qCWarning(lcKeys) << "keychain did not keep the new store key:" << check.message;
            m_keyStore.removeKey(account, nullptr);
            status = KeyStore::Status::Unavailable;
        }
    }
    switch (status) {
    case KeyStore::Status::Ok:
        key->secret = std::move(fresh);
        key->kind = SqlCipherDriver::KeyKind::Raw;
        key->protection = KeyProtection::Keychain;
        return true;
    case KeyStore::Status::Unavailable:
    case KeyStore::Status::Failed:
    case KeyStore::Status::NotFound:
        qCInfo(lcKeys) << "no usable keychain, falling back to a passphrase:" << message;
        return askPassphrase(PassphrasePrompt::Purpose::Create, account, key, error);
    case KeyStore::Status::AccessDenied:
        break;
    }
    *error = StoreError::make(StoreError::Kind::KeyUnavailable, message);
    error->message = tr("The system keychain refused to keep the key of the new local store. "
                        "Allow Branchline to use the keychain and try again.");
    return false;
}

bool StoreKeyProvider::existingKey(const QString &account, KeyProtection protection, bool retry,
                                   StoreKey *key, StoreError *error)
{
    if (protection == KeyProtection::Passphrase) {
        return askPassphrase(retry ? PassphrasePrompt::Purpose::Retry
                                   : PassphrasePrompt::Purpose::Unlock,
                             account, key, error);
    }
    KeyStore::ReadResult result = m_keyStore.readKey(account);
    if (result.status == KeyStore::Status::Ok && result.key.size() == keyBytes) {
        key->secret = std::move(result.key);
        key->kind = SqlCipherDriver::KeyKind::Raw;
        key->protection = KeyProtection::Keychain;
        return true;
    }
    *error = StoreError::make(StoreError::Kind::KeyUnavailable, result.message);
    if (result.status == KeyStore::Status::NotFound || result.status == KeyStore::Status::Ok) {
        error->message = tr("The system keychain no longer holds the key of this local store, "
                            "so it cannot be opened. The file was not changed. Remove the "
                            "account from this computer and sign in again to rebuild the store "
                            "from the server.");
    }
    return false;
}

bool StoreKeyProvider::forgetKey(const QString &account, StoreError *error)
{
    QString message;
    if (m_keyStore.removeKey(account, &message) == KeyStore::Status::Ok)
        return true;
    *error = StoreError::make(StoreError::Kind::KeyUnavailable, message);
    error->message = tr("The key could not be removed from the system keychain. Unlock the "
                        "keychain and try again.");
    return false;
}

bool StoreKeyProvider::askPassphrase(PassphrasePrompt::Purpose purpose, const QString &account,
                                     StoreKey *key, StoreError *error)
{
    SecretBytes passphrase = m_prompt.askPassphrase(purpose, account);
    if (passphrase.isEmpty()) {
        *error = StoreError::make(StoreError::Kind::KeyUnavailable,
                                  QStringLiteral("passphrase prompt cancelled"));
        error->message = tr("No passphrase was given, so the local store stays locked.");
        return false;
    }
    // Count characters on the bytes themselves: a QString copy would be one more
    // unwiped copy of the secret.
    int length = 0;
    for (std::size_t i = 0; i < passphrase.size(); ++i) {
        if ((passphrase.data()[i] & 0xC0) != 0x80)
            ++length;
    }
    if (purpose == PassphrasePrompt::Purpose::Create && length < minimumPassphraseLength) {
        *error = StoreError::make(StoreError::Kind::KeyUnavailable,
                                  QStringLiteral("passphrase too short"));
        error->message = tr("The passphrase must have at least %n characters.", nullptr,
                            minimumPassphraseLength);
        return false;
    }
    key->secret = std::move(passphrase);
    key->kind = SqlCipherDriver::KeyKind::Passphrase;
    key->protection = KeyProtection::Passphrase;
    return true;
}

} // namespace branchline
