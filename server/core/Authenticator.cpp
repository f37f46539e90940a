// SPDX-License-Identifier: GPL-3.0-or-later
#include "Authenticator.h"

#include "AuditLog.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <sodium.h>

namespace branchline::server {

namespace {

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parse(const QVariant &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString randomToken()
{
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    const QByteArray token =
            QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    sodium_memzero(bytes, sizeof bytes);
    return QString::fromLatin1(token);
}

QString deviceDetail(const QString &deviceId)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject{ { QStringLiteral("device_id"), deviceId } })
                                     .toJson(QJsonDocument::Compact));
}

// A hash of a password nobody has: checked when the login is unknown, so an unknown login
// takes as long to refuse as a wrong password and logins cannot be probed by timing.
const QString &decoyHash(const PasswordHasher &hasher)
{
    static const QString decoy = hasher.hash(QStringLiteral("branchline-decoy-password"));
    return decoy;
}

} // namespace

Authenticator::Authenticator(const Database &database, const PasswordHasher &hasher,
                             SessionSettings settings)
    : m_database(database)
    , m_hasher(hasher)
    , m_settings(settings)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

QString Authenticator::tokenHash(const QString &token)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
}

Authenticator::Grant Authenticator::fail(Status status, const QString &message) const
{
    Grant grant;
    grant.status = status;
    grant.message = message;
    return grant;
}

Authenticator::Grant Authenticator::issue(QSqlDatabase &db, const QString &userId,
                                          const QString &deviceId, const QString &sessionId,
                                          QString *error) const
{
    Grant grant;
    grant.status = Status::Ok;
    grant.userId = userId;
    grant.accessToken = randomToken();
    grant.refreshToken = randomToken();
    const QDateTime issued = now();
    grant.accessExpiresAt = issued.addSecs(m_settings.accessLifetimeSeconds);
    grant.refreshExpiresAt = issued.addSecs(m_settings.refreshLifetimeSeconds);

    QSqlQuery query(db);
    if (sessionId.isEmpty()) {
        query.prepare(QStringLiteral(
                "INSERT INTO sessions (id, user_id, device_id, access_hash, access_expires_at, "
                "refresh_hash, refresh_expires_at, created_at, last_used_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        query.addBindValue(userId);
        query.addBindValue(deviceId);
        query.addBindValue(tokenHash(grant.accessToken));
        query.addBindValue(iso(grant.accessExpiresAt));
        query.addBindValue(tokenHash(grant.refreshToken));
        query.addBindValue(iso(grant.refreshExpiresAt));
        query.addBindValue(iso(issued));
        query.addBindValue(iso(issued));
    } else {
        // Rotation: the refresh token just used stops working.
        query.prepare(QStringLiteral("UPDATE sessions SET access_hash = ?, access_expires_at = ?, "
                                     "refresh_hash = ?, refresh_expires_at = ?, last_used_at = ? "
                                     "WHERE id = ?"));
        query.addBindValue(tokenHash(grant.accessToken));
        query.addBindValue(iso(grant.accessExpiresAt));
        query.addBindValue(tokenHash(grant.refreshToken));
        query.addBindValue(iso(grant.refreshExpiresAt));
        query.addBindValue(iso(issued));
        query.addBindValue(sessionId);
    }
    if (!query.exec()) {
        *error = query.lastError().text();
        grant.status = Status::Error;
    }
    return grant;
}

Authenticator::Grant Authenticator::login(const QString &login, const QString &password,
                                          const QString &deviceId)
{
    if (deviceId.trimmed().isEmpty())
        return fail(Status::Error, tr("The request names no device."));
    Grant grant;
    QString error;
    const bool committed = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                // The row stays locked to commit: wrong passwords sent at once each count
                // toward the lock-out instead of all writing back the same count + 1.
                QSqlQuery query(db);
                query.prepare(QStringLiteral("SELECT id, password_hash, disabled, failed_logins, "
                                             "locked_until FROM users WHERE login = ?%1")
                                      .arg(Database::forUpdate(db)));
                query.addBindValue(login.trimmed().toLower());
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                if (!query.next()) {
                    m_hasher.verify(decoyHash(m_hasher), password);
                    grant = fail(Status::BadCredentials,
                                 tr("The login name or the password is wrong."));
                    return AuditLog::append(db,
                                            { QString(), QStringLiteral("login_failed"),
                                              QStringLiteral("users"), QString(), QString(),
                                              deviceDetail(deviceId) },
                                            txError);
                }
                const QString userId = query.value(0).toString();
                const QString hash = query.value(1).toString();
                const bool disabled = query.value(2).toInt() != 0;
                const int failures = query.value(3).toInt();
                const QDateTime lockedUntil = parse(query.value(4));
                query.finish();

                if (lockedUntil.isValid() && lockedUntil > now()) {
                    grant = fail(Status::Locked,
                                 tr("Too many wrong passwords: this account is locked until %1.")
                                         .arg(lockedUntil.toLocalTime().toString(
                                                 QStringLiteral("HH:mm"))));
                    grant.lockedUntil = lockedUntil;
                    return AuditLog::append(db,
                                            { userId, QStringLiteral("login_locked"),
                                              QStringLiteral("users"), userId, QString(),
                                              deviceDetail(deviceId) },
                                            txError);
                }
                if (!m_hasher.verify(hash, password)) {
                    const int failuresNow = failures + 1;
                    const bool lock = failuresNow >= m_settings.maxFailedLogins;
                    QSqlQuery update(db);
                    update.prepare(QStringLiteral("UPDATE users SET failed_logins = ?, "
                                                  "locked_until = ? WHERE id = ?"));
                    update.addBindValue(lock ? 0 : failuresNow);
                    update.addBindValue(lock ? QVariant(iso(now().addSecs(m_settings.lockSeconds)))
                                             : QVariant(QMetaType::fromType<QString>()));
                    update.addBindValue(userId);
                    if (!update.exec()) {
                        *txError = update.lastError().text();
                        return false;
                    }
                    grant = fail(Status::BadCredentials,
                                 tr("The login name or the password is wrong."));
                    return AuditLog::append(db,
                                            { userId, QStringLiteral("login_failed"),
                                              QStringLiteral("users"), userId, QString(),
                                              deviceDetail(deviceId) },
                                            txError);
                }
                if (disabled) {
                    grant = fail(Status::Disabled,
                                 tr("This account is disabled. Ask your administrator."));
                    return AuditLog::append(db,
                                            { userId, QStringLiteral("login_disabled"),
                                              QStringLiteral("users"), userId, QString(),
                                              deviceDetail(deviceId) },
                                            txError);
                }
                QSqlQuery reset(db);
                reset.prepare(QStringLiteral("UPDATE users SET failed_logins = 0, locked_until = "
                                             "NULL WHERE id = ?"));
                reset.addBindValue(userId);
                if (!reset.exec()) {
                    *txError = reset.lastError().text();
                    return false;
                }
                grant = issue(db, userId, deviceId, QString(), txError);
                if (grant.status != Status::Ok)
                    return false;
                return AuditLog::append(db,
                                        { userId, QStringLiteral("login"), QStringLiteral("users"),
                                          userId, QString(), deviceDetail(deviceId) },
                                        txError);
            },
            &error);
    if (!committed)
        return fail(Status::Error, tr("Signing in failed on the server: %1").arg(error));
    return grant;
}

Authenticator::Grant Authenticator::refresh(const QString &refreshToken, const QString &deviceId)
{
    Grant grant = fail(Status::InvalidToken, tr("The session has ended; please sign in again."));
    QString error;
    const bool committed = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                // The session row stays locked to commit: a refresh token sent twice at once
                // rotates once; the second use waits, then no longer matches.
                QSqlQuery query(db);
                query.prepare(QStringLiteral(
                                      "SELECT s.id, s.user_id, s.device_id, s.refresh_expires_at, "
                                      "u.disabled FROM sessions s JOIN users u ON u.id = s.user_id "
                                      "WHERE s.refresh_hash = ? AND s.revoked_at IS NULL%1")
                                      .arg(Database::forUpdate(db, QStringLiteral("s"))));
                query.addBindValue(tokenHash(refreshToken));
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                if (!query.next() || query.value(2).toString() != deviceId
                    || parse(query.value(3)) <= now() || query.value(4).toInt() != 0)
                    return true; // nothing to change: the caller gets InvalidToken
                const QString sessionId = query.value(0).toString();
                const QString userId = query.value(1).toString();
                query.finish();
                grant = issue(db, userId, deviceId, sessionId, txError);
                return grant.status == Status::Ok;
            },
            &error);
    if (!committed)
        return fail(Status::Error,
                    tr("Refreshing the session failed on the server: %1").arg(error));
    return grant;
}

bool Authenticator::logout(const QString &accessToken)
{
    const std::optional<Caller> caller = authenticate(accessToken);
    if (!caller)
        return false;
    QString error;
    return m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("UPDATE sessions SET revoked_at = ? WHERE id = ?"));
                query.addBindValue(iso(now()));
                query.addBindValue(caller->sessionId);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                return AuditLog::append(db,
                                        { caller->userId, QStringLiteral("logout"),
                                          QStringLiteral("sessions"), caller->sessionId, QString(),
                                          deviceDetail(caller->deviceId) },
                                        txError);
            },
            &error);
}

bool Authenticator::revokeDevice(const QString &userId, const QString &deviceId,
                                 const QString &actorId, QString *error)
{
    return m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("UPDATE sessions SET revoked_at = ? WHERE user_id = ? "
                                             "AND device_id = ? AND revoked_at IS NULL"));
                query.addBindValue(iso(now()));
                query.addBindValue(userId);
                query.addBindValue(deviceId);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                return AuditLog::append(db,
                                        { actorId, QStringLiteral("session.revoke"),
                                          QStringLiteral("users"), userId, QString(),
                                          deviceDetail(deviceId) },
                                        txError);
            },
            error);
}

std::optional<Caller> Authenticator::authenticate(const QString &accessToken) const
{
    if (accessToken.isEmpty())
        return std::nullopt;
    QSqlDatabase db = m_database.connection();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
            "SELECT s.id, s.device_id, s.access_expires_at, u.id, u.login, u.role, u.branch_id, "
            "u.disabled FROM sessions s JOIN users u ON u.id = s.user_id "
            "WHERE s.access_hash = ? AND s.revoked_at IS NULL"));
    query.addBindValue(tokenHash(accessToken));
    if (!query.exec() || !query.next())
        return std::nullopt;
    if (parse(query.value(2)) <= now() || query.value(7).toInt() != 0)
        return std::nullopt;
    const std::optional<Role> role = roleFromCode(query.value(5).toString());
    if (!role)
        return std::nullopt;
    Caller caller;
    caller.sessionId = query.value(0).toString();
    caller.deviceId = query.value(1).toString();
    caller.userId = query.value(3).toString();
    caller.login = query.value(4).toString();
    caller.role = *role;
    caller.branchId = query.value(6).toString();
    return caller;
}

} // namespace branchline::server
