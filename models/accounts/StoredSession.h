// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreError.h"

#include <QSqlDatabase>
#include <QString>

namespace branchline {

// The refresh token of an account whose store key is a passphrase: such a computer has no
// keychain, so the token is kept inside the encrypted store itself (store_meta), readable
// only with the passphrase, like everything else there. Keychain accounts never use this.
class StoredSession
{
public:
    explicit StoredSession(QSqlDatabase db);

    QString refreshToken(StoreError *error = nullptr) const;
    // An empty token removes it (signed out, or the server ended the session).
    bool setRefreshToken(const QString &token, StoreError *error = nullptr);

private:
    QSqlDatabase m_db;
};

} // namespace branchline
