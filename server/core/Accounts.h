// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "PasswordHasher.h"
#include "SessionsEnded.h"
#include "domain/rules/Role.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace branchline::server {

struct Branch
{
    QString id;
    QString parentId; // empty for the head office
    QString name;
    QString level = QStringLiteral("branch"); // head_office, region, branch
    QString city;
};

struct UserAccount
{
    QString id;
    QString login;
    QString displayName;
    Role role = Role::SalesRep;
    QString branchId;
    QString managerId;
    bool disabled = false;
    int failedLogins = 0;
    QDateTime lockedUntil;
    QDateTime createdAt;
};

// Users and the branch tree, with every change audited in the same transaction.
class Accounts
{
    Q_DECLARE_TR_FUNCTIONS(Accounts)

public:
    Accounts(const Database &database, const PasswordHasher &hasher);

    // Told of the sessions disableUser() ends.
    void setSessionsEnded(SessionsEnded listener) { m_sessionsEnded = std::move(listener); }

    bool addBranch(Branch &branch, const QString &actorId, QString *error);
    QList<Branch> branches(QString *error) const;

    // Checks the password policy, hashes the password and stores the user. `problems`
    // lists every reason a password was refused.
    bool addUser(UserAccount &user, const QString &password, const QString &actorId,
                 QStringList *problems, QString *error);
    QList<UserAccount> users(QString *error) const;
    std::optional<UserAccount> findByLogin(const QString &login, QString *error) const;
    // Disables the account and ends all of its sessions at once.
    bool disableUser(const QString &login, const QString &actorId, QString *error);

private:
    const Database &m_database;
    const PasswordHasher &m_hasher;
    SessionsEnded m_sessionsEnded;
};

} // namespace branchline::server
