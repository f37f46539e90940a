// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "keys/StoreKeyProvider.h"
#include "domain/rules/Role.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>

namespace branchline {

// One account on this computer: who signed in where, and where its encrypted store lives.
// Nothing here is secret; the store key and the refresh token stay in the keychain.
struct Account
{
    // "<login>@<host:port>" (KeyStore::accountName): the keychain entry of the store key.
    QString name;
    QUrl server;
    QString login;
    QString userId; // the server's id of the user; empty until the first sign-in answered
    QString displayName; // from the store's users table, remembered for the account list
    std::optional<Role> role;
    QString storePath;
    // Made once per account: the server ties sessions and sync client ids to it.
    QString deviceId;
    KeyProtection protection = KeyProtection::Keychain;
    QDateTime lastUsed;
    // The first sync ran to its end. Until then a start shows the first-sync progress again
    // and continues where the last one stopped.
    bool firstSyncDone = false;

    bool isValid() const { return !name.isEmpty(); }
    // The keychain entry of the refresh token, beside the store key's.
    QString refreshTokenEntry() const { return name + QStringLiteral("#refresh"); }
};

} // namespace branchline
