// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyStore.h"
#include "PassphrasePrompt.h"
#include "store/SqlCipherDriver.h"
#include "store/StoreError.h"

namespace branchline {

// How a store's key is protected. Recorded beside the account (it is not a secret), so a
// later start knows where to look and never invents a new key for an existing store.
enum class KeyProtection {
    Keychain, // a random 256-bit key kept in the OS keychain
    Passphrase, // no keychain here: the key is derived from a passphrase by SQLCipher's KDF
};

struct StoreKey
{
    SecretBytes secret;
    SqlCipherDriver::KeyKind kind = SqlCipherDriver::KeyKind::Raw;
    KeyProtection protection = KeyProtection::Keychain;
};

// Finds or makes the key of an account's store.
class StoreKeyProvider
{
    Q_DECLARE_TR_FUNCTIONS(StoreKeyProvider)

public:
    static constexpr int keyBytes = 32;
    static constexpr int minimumPassphraseLength = 10;

    StoreKeyProvider(KeyStore &keyStore, PassphrasePrompt &prompt);

    // A key for a new store: random, kept in the keychain; where no keychain answers, a
    // passphrase the user chooses.
    bool createKey(const QString &account, StoreKey *key, StoreError *error);

    // The key of an existing store, from where createKey() put it. `retry` asks for the
    // passphrase again after a wrong one.
    bool existingKey(const QString &account, KeyProtection protection, bool retry, StoreKey *key,
                     StoreError *error);

    // Removes the key from the keychain ("remove this account from this computer").
    bool forgetKey(const QString &account, StoreError *error);

private:
    bool askPassphrase(PassphrasePrompt::Purpose purpose, const QString &account, StoreKey *key,
                       StoreError *error);

    KeyStore &m_keyStore;
    PassphrasePrompt &m_prompt;
};

} // namespace branchline
