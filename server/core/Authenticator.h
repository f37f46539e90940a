// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "HashingThreads.h"
#include "LoginThrottle.h"
#include "PasswordHasher.h"
#include "SessionsEnded.h"
#include "domain/rules/Role.h"

#include <QDateTime>

#include <functional>
#include <mutex>
#include <optional>

namespace branchline::server {

struct SessionSettings
{
    int accessLifetimeSeconds = 15 * 60; // short: a stolen access token dies soon
    int refreshLifetimeSeconds = 30 * 24 * 3600; // a rep may work offline for weeks
    // Wrong passwords for one login that cost no wait (config: login_attempts); after them
    // each failure doubles the wait before the next attempt, up to maxDelaySeconds
    // (config: lockout_minutes). See LoginThrottle.
    int freeFailedLogins = 5;
    int maxDelaySeconds = 15 * 60;
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

// Sign-in: passwords checked against argon2id hashes, growing delays after failures
// (LoginThrottle), and per-device sessions with a short-lived access token and a rotating
// refresh token. Tokens are 256 random bits handed out once; the database keeps only their
// SHA-256. Every sign-in, failure, sign-out and revocation is audited.
//
// The hash is never computed inside a transaction: a sign-in reads the user without a lock,
// verifies, then records the outcome in a short transaction. Every attempt that is not held
// back computes exactly one hash, of the user's or of a decoy when the login is unknown, and
// an unknown login is answered, counted and audited exactly as a wrong password.
class Authenticator
{
    Q_DECLARE_TR_FUNCTIONS(Authenticator)

public:
    enum class Status {
        Ok,
        BadCredentials,
        Throttled, // too many failures: retry after retryAfterSeconds
        Disabled,
        InvalidToken,
        InvalidRequest, // a field is blank or too long: the message names it
        Error,
    };

    struct Grant
    {
        Status status = Status::Error;
        QString accessToken;
        QString refreshToken;
        QDateTime accessExpiresAt;
        QDateTime refreshExpiresAt;
        int retryAfterSeconds = 0; // with Status::Throttled
        QString userId;
        QString message; // translated, for the person signing in
    };

    Authenticator(const Database &database, const PasswordHasher &hasher,
                  SessionSettings settings = {});

    // For tests of expiry and delays: the clock everything is measured against.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    // Told of the sessions that logout(), revokeDevice() and a new sign-in on a device end.
    void setSessionsEnded(SessionsEnded listener) { m_sessionsEnded = std::move(listener); }

    // `clientAddress` is where the attempt came from (the throttle counts per address). A new
    // sign-in ends the user's earlier sessions on the same device.
    Grant login(const QString &login, const QString &password, const QString &deviceId,
                const QString &clientAddress = QString());
    Grant refresh(const QString &refreshToken, const QString &deviceId);
    bool logout(const QString &accessToken);
    // Ends every session of a user on one device (an admin's action, audited).
    bool revokeDevice(const QString &userId, const QString &deviceId, const QString &actorId,
                      QString *error);
    std::optional<Caller> authenticate(const QString &accessToken) const;
    // Whether a session still goes on: not signed out or revoked, its refresh token not
    // expired, its user not disabled. True when the database cannot tell (a socket is not
    // closed for a hiccup).
    bool isSessionActive(const QString &sessionId) const;

    // Why a sign-in's fields cannot be used (a blank or too long field, named), or empty.
    static QString inputProblem(const QString &login, const QString &password,
                                const QString &deviceId);

    static QString tokenHash(const QString &token);

private:
    struct Account; // the user a sign-in names, as read without a lock

    QDateTime now() const { return m_clock(); }
    Grant fail(Status status, const QString &message) const;
    Grant serverFailure(const char *what, const QString &error) const;
    Grant issue(QSqlDatabase &db, const QString &userId, const QString &deviceId,
                const QString &sessionId, QString *error) const;
    Grant recordFailure(const LoginThrottle::Attempt &attempt);
    Grant signIn(const Account &account, const LoginThrottle::Attempt &attempt);
    const QString &decoyHash() const;
    void announce(const QStringList &sessionIds) const;

    const Database &m_database;
    const PasswordHasher &m_hasher;
    SessionSettings m_settings;
    LoginThrottle m_throttle;
    mutable HashingThreads m_hashing; // sign-ins' hashes, apart and at a lower priority
    std::function<QDateTime()> m_clock;
    SessionsEnded m_sessionsEnded;
    // A hash of a password nobody has, made with this hasher's settings on first use, so an
    // unknown login costs what a wrong password costs.
    mutable std::once_flag m_decoyMade;
    mutable QString m_decoy;
};

} // namespace branchline::server
