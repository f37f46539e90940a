// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretBytes.h"

#include <QString>

namespace branchline {

// Asks the user for the passphrase of a store whose key cannot live in a keychain. The
// ui layer implements it with a dialog; tests answer it directly.
class PassphrasePrompt
{
public:
    enum class Purpose {
        Create, // a new store: ask twice, explain that a forgotten passphrase loses the store
        Unlock, // an existing store
        Retry, // the last passphrase did not unlock the store
    };

    virtual ~PassphrasePrompt() = default;

    // The UTF-8 bytes of the passphrase, or nothing if the user cancelled.
    virtual SecretBytes askPassphrase(Purpose purpose, const QString &account) = 0;
};

} // namespace branchline
