// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/Role.h"
#include "store/StoreError.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace branchline {

// A user as the local store knows them: the users table arrives with the first sync.
struct UserProfile
{
    QString id;
    QString displayName;
    Role role = Role::SalesRep;
    QString branchId;
};

// Who a user is and what role they have, read from the synced users table (the server owns
// it). repositories/Directory has the names for pickers; this is the signed-in profile.
class UserProfiles
{
public:
    explicit UserProfiles(QSqlDatabase db);

    // Nothing when the user has not arrived yet, was deleted, or carries a role this
    // version does not know (never guessed: the role decides what may be edited).
    std::optional<UserProfile> find(const QString &userId, StoreError *error = nullptr) const;

private:
    QSqlDatabase m_db;
};

} // namespace branchline
