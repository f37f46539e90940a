// SPDX-License-Identifier: GPL-3.0-or-later
#include "Authenticator.h"

#include "AuditLog.h"
#include "SqlValues.h"
#include "domain/rules/TextLimits.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <sodium.h>

Q_LOGGING_CATEGORY(lcAuth, "branchline.server.auth")

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

// What the audit trail says of a sign-in attempt: the login as typed (it may name nobody),
// the device and the client address. The lengths are bounded by inputProblem().
QString attemptDetail(const LoginThrottle::Attempt &attempt)
{
    return QString::fromUtf8(
            QJsonDocument(QJsonObject{ { QStringLiteral("login"), attempt.login },
                                       { QStringLiteral("device_id"), attempt.deviceId },
                                       { QStringLiteral("address"), attempt.address } })
                    .toJson(QJsonDocument::Compact));
}

} // namespace

Authenticator::Authenticator(const Database &database, const PasswordHasher &hasher,
                             SessionSettings settings)
    : m_database(database)
    , m_hasher(hasher)
    , m_settings(settings)
    , m_throttle(settings.freeFailedLogins, settings.maxDelaySeconds)
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

struct Authenticator::Account
{
    bool exists = false;
    QString id;
    QString hash;
    bool disabled = false;
};

QString Authenticator::inputProblem(const QString &login, const QString &password,
                                    const QString &deviceId)
{
    const auto tooLong = [](const char *field, int limit) {
        return tr("The field \"%1\" is too long: at most %2 characters.")
                .arg(QLatin1String(field))
                .arg(limit);
    };
    if (!TextLimits::fits(login, TextLimits::login))
        return tooLong("login", TextLimits::login);
    if (!TextLimits::fits(password, TextLimits::password))
        return tooLong("password", TextLimits::password);
    if (!TextLimits::fits(deviceId, TextLimits::deviceId))
        return tooLong("device_id", TextLimits::deviceId);
    if (deviceId.trimmed().isEmpty())
        return tr("The field \"device_id\" must name this device; it is blank.");
    if (login.trimmed().isEmpty())
        return tr("The field \"login\" is blank.");
    return QString();
}

const QString &Authenticator::decoyHash() const
{
    std::call_once(m_decoyMade, [this] {
        m_decoy = m_hasher.hash(QStringLiteral("branchline-decoy-password"));
    });
    return m_decoy;
}

void Authenticator::announce(const QStringList &sessionIds) const
{
    if (!sessionIds.isEmpty() && m_sessionsEnded)
        m_sessionsEnded(sessionIds);
}

Authenticator::Grant Authenticator::serverFailure(const char *what, const QString &error) const
{
    // The database's words go to the log, never to the client.
    qCWarning(lcAuth) << what << "failed:" << error;
    return fail(Status::Error, tr("The server could not complete the sign-in. Try again later."));
}

Authenticator::Grant Authenticator::login(const QString &loginText, const QString &password,
                                          const QString &deviceId, const QString &clientAddress)
{
    const QString problem = inputProblem(loginText, password, deviceId);
    if (!problem.isEmpty())
        return fail(Status::InvalidRequest, problem);
    LoginThrottle::Attempt attempt;
    attempt.login = loginText.trimmed().toLower();
    attempt.address = clientAddress;
    attempt.deviceId = deviceId;

    // Read without a transaction or a lock: nothing is held while the hash is computed. An
    // unknown login runs the same queries (the device check with no user matches nothing).
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    if (!db.isOpen())
        return serverFailure("opening the database for a sign-in", error);
    Account account;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, password_hash, disabled FROM users WHERE login = ?"));
    query.addBindValue(attempt.login);
    if (!query.exec())
        return serverFailure("reading a user to sign in", query.lastError().text());
    if (query.next()) {
        account.exists = true;
        account.id = query.value(0).toString();
        account.hash = query.value(1).toString();
        account.disabled = query.value(2).toInt() != 0;
    }
    query.finish();
    query.prepare(QStringLiteral("SELECT 1 FROM sessions WHERE user_id = ? AND device_id = ? "
                                 "LIMIT 1"));
    query.addBindValue(textValue(account.id));
    query.addBindValue(deviceId);
    if (!query.exec())
        return serverFailure("reading a device's sessions", query.lastError().text());
    attempt.knownDevice = query.next();
    query.finish();

    const int wait = m_throttle.secondsToWait(db, attempt, now(), &error);
    if (wait < 0)
        return serverFailure("reading the sign-in counters", error);
    if (wait > 0) {
        // Answered before any hash: holding an attacker back costs a read.
        Grant grant =
                fail(Status::Throttled,
                     tr("Too many failed sign-ins. Try again in %n second(s).", nullptr, wait));
        grant.retryAfterSeconds = wait;
        return grant;
    }
    // Exactly one hash, whether or not the login exists, on a hashing thread.
    const bool matches = m_hashing.run(
            [&] { return m_hasher.verify(account.exists ? account.hash : decoyHash(), password); });
    if (!account.exists || !matches)
        return recordFailure(attempt);
    if (account.disabled) {
        const bool committed = m_database.inTransaction(
                [&](QSqlDatabase &tx, QString *txError) {
                    return AuditLog::append(tx,
                                            { account.id, QStringLiteral("login_disabled"),
                                              QStringLiteral("users"), account.id, QString(),
                                              attemptDetail(attempt) },
                                            txError);
                },
                &error);
        if (!committed)
            return serverFailure("recording a disabled user's sign-in", error);
        return fail(Status::Disabled, tr("This account is disabled. Ask your administrator."));
    }
    return signIn(account, attempt);
}

Authenticator::Grant Authenticator::recordFailure(const LoginThrottle::Attempt &attempt)
{
    // The same entry whether or not the login exists: the login as typed, never a user id.
    QString error;
    const bool committed = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                return m_throttle.recordFailure(db, attempt, now(), txError)
                        && AuditLog::append(db,
                                            { QString(), QStringLiteral("login_failed"),
                                              QStringLiteral("users"), QString(), QString(),
                                              attemptDetail(attempt) },
                                            txError);
            },
            &error);
    if (!committed)
        return serverFailure("recording a failed sign-in", error);
    return fail(Status::BadCredentials, tr("The login name or the password is wrong."));
}

Authenticator::Grant Authenticator::signIn(const Account &account,
                                           const LoginThrottle::Attempt &attempt)
{
    Grant grant;
    QStringList ended;
    QString error;
    const bool committed = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                // Read again under the transaction: a user disabled, or a password changed,
                // while the hash was computed is not signed in with what was read before.
                QSqlQuery query(db);
                query.prepare(QStringLiteral("SELECT password_hash, disabled FROM users "
                                             "WHERE id = ?%1")
                                      .arg(Database::forUpdate(db)));
                query.addBindValue(account.id);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                if (!query.next() || query.value(0).toString() != account.hash
                    || query.value(1).toInt() != 0) {
                    grant = fail(Status::BadCredentials,
                                 tr("The login name or the password is wrong."));
                    return true;
                }
                query.finish();
                if (!m_throttle.recordSuccess(db, attempt, txError))
                    return false;
                // One session per device: a new sign-in ends the ones before it there.
                query.prepare(QStringLiteral("SELECT id FROM sessions WHERE user_id = ? AND "
                                             "device_id = ? AND revoked_at IS NULL"));
                query.addBindValue(account.id);
                query.addBindValue(attempt.deviceId);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                while (query.next())
                    ended << query.value(0).toString();
                query.finish();
                if (!ended.isEmpty()) {
                    query.prepare(QStringLiteral("UPDATE sessions SET revoked_at = ? WHERE id IN "
                                                 "(%1)")
                                          .arg(placeholders(ended.size())));
                    query.addBindValue(iso(now()));
                    for (const QString &id : ended)
                        query.addBindValue(id);
                    if (!query.exec()) {
                        *txError = query.lastError().text();
                        return false;
                    }
                }
                grant = issue(db, account.id, attempt.deviceId, QString(), txError);
                if (grant.status != Status::Ok)
                    return false;
                return AuditLog::append(db,
                                        { account.id, QStringLiteral("login"),
                                          QStringLiteral("users"), account.id, QString(),
                                          attemptDetail(attempt) },
                                        txError);
            },
            &error);
    if (!committed)
        return serverFailure("signing in", error);
    if (grant.status == Status::Ok)
        announce(ended);
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
        return serverFailure("refreshing a session", error);
    return grant;
}

bool Authenticator::logout(const QString &accessToken)
{
    const std::optional<Caller> caller = authenticate(accessToken);
    if (!caller)
        return false;
    QString error;
    const bool committed = m_database.inTransaction(
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
    if (!committed) {
        qCWarning(lcAuth) << "signing out failed:" << error;
        return false;
    }
    announce({ caller->sessionId });
    return true;
}

bool Authenticator::revokeDevice(const QString &userId, const QString &deviceId,
                                 const QString &actorId, QString *error)
{
    QStringList ended;
    const bool committed = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("SELECT id FROM sessions WHERE user_id = ? AND "
                                             "device_id = ? AND revoked_at IS NULL%1")
                                      .arg(Database::forUpdate(db)));
                query.addBindValue(userId);
                query.addBindValue(deviceId);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                while (query.next())
                    ended << query.value(0).toString();
                query.finish();
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
    if (committed)
        announce(ended);
    return committed;
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

bool Authenticator::isSessionActive(const QString &sessionId) const
{
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(
            QStringLiteral("SELECT s.revoked_at, s.refresh_expires_at, u.disabled "
                           "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?"));
    query.addBindValue(sessionId);
    if (!db.isOpen() || !query.exec()) {
        qCWarning(lcAuth) << "checking a session failed:"
                          << (db.isOpen() ? query.lastError().text() : error);
        return true;
    }
    return query.next() && query.isNull(0) && parse(query.value(1)) > now()
            && query.value(2).toInt() == 0;
}

} // namespace branchline::server
