// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "PasswordHasher.h"
#include "rules/Role.h"

#include <QDateTime>

#include <functional>
#include <optional>

namespace branchline::server {

struct SessionSettings
{
    int accessLifetimeSeconds = 15 * 60; // short: a stolen access token dies soon
    int refreshLifetimeSeconds = 30 * 24 * 3600; // a rep may work offline for weeks
    int maxFailedLogins = 5;
    int lockSeconds = 15 * 60;
};

// Who is calling, as an access token proves it.
struct Caller
{
    QString userId;
    QString login;
    Role role = Role::SalesRep;
    QString branchId;
    QString sessionId;
    QString deviceId;
};

// Sign-in: passwords checked against argon2id hashes, a lock after repeated failures, and
// per-device sessions with a short-lived access token and a rotating refresh token. Tokens
// are 256 random bits handed out once; the database keeps only their SHA-256. Every
// sign-in, failure, sign-out and revocation is audited.
class Authenticator
{
    Q_DECLARE_TR_FUNCTIONS(Authenticator)

public:
    enum class Status { Ok, BadCredentials, Locked, Disabled, InvalidToken, Error };

    struct Grant
    {
        Status status = Status::Error;
        QString accessToken;
        QString refreshToken;
        QDateTime accessExpiresAt;
        QDateTime refreshExpiresAt;
        QDateTime lockedUntil; // with Status::Locked
        QString userId;
        QString message; // translated, for the person signing in
    };

    Authenticator(const Database &database, const PasswordHasher &hasher,
                  SessionSettings settings = {});

    // For tests of expiry and lock-out: the clock everything is measured against.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    Grant login(const QString &login, const QString &password, const QString &deviceId);
    Grant refresh(const QString &refreshToken, const QString &deviceId);
    bool logout(const QString &accessToken);
    // Ends every session of a user on one device (an admin's action, audited).
    bool revokeDevice(const QString &userId, const QString &deviceId, const QString &actorId,
                      QString *error);
    std::optional<Caller> authenticate(const QString &accessToken) const;

    static QString tokenHash(const QString &token);

private:
    QDateTime now() const { return m_clock(); }
    Grant fail(Status status, const QString &message) const;
    Grant issue(QSqlDatabase &db, const QString &userId, const QString &deviceId,
                const QString &sessionId, QString *error) const;

    const Database &m_database;
    const PasswordHasher &m_hasher;
    SessionSettings m_settings;
    std::function<QDateTime()> m_clock;
};

} // namespace branchline::server
