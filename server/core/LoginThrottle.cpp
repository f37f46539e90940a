// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoginThrottle.h"

#include "SqlValues.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace branchline::server {

namespace {

// Many people of one branch office may sign in from one address; one person has one login.
constexpr int addressShare = 4;
// Counters are forgotten no sooner than this after their last failure.
constexpr int minimumForgetSeconds = 3600;

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

LoginThrottle::LoginThrottle(int freeFailures, int maxDelaySeconds)
    : m_freeFailures(std::max(1, freeFailures))
    , m_maxDelaySeconds(std::max(1, maxDelaySeconds))
{
}

int LoginThrottle::delayAfter(int failures, int freeFailures, int maxDelaySeconds)
{
    if (failures < freeFailures)
        return 0;
    // 2^30 s is decades: far past any maximum, and no overflow.
    const int doublings = std::min(failures - freeFailures, 30);
    return static_cast<int>(std::min<qint64>(qint64(1) << doublings, maxDelaySeconds));
}

int LoginThrottle::forgetSeconds() const
{
    return std::max(minimumForgetSeconds, 2 * m_maxDelaySeconds);
}

int LoginThrottle::freeFailures(Counter counter) const
{
    return counter == Counter::Address ? addressShare * m_freeFailures : m_freeFailures;
}

QString LoginThrottle::keyOf(Counter counter, const Attempt &attempt)
{
    // A JSON array keeps the parts apart whatever characters they hold.
    QJsonArray parts;
    switch (counter) {
    case Counter::Address:
        parts = { QStringLiteral("address"), attempt.address };
        break;
    case Counter::Login:
        parts = { QStringLiteral("login"), attempt.login };
        break;
    case Counter::LoginAddress:
        parts = { QStringLiteral("login-address"), attempt.login, attempt.address };
        break;
    case Counter::LoginDevice:
        parts = { QStringLiteral("login-device"), attempt.login, attempt.deviceId };
        break;
    }
    return QString::fromLatin1(
            QCryptographicHash::hash(QJsonDocument(parts).toJson(QJsonDocument::Compact),
                                     QCryptographicHash::Sha256)
                    .toHex());
}

int LoginThrottle::secondsToWait(QSqlDatabase &db, const Attempt &attempt, const QDateTime &now,
                                 QString *error) const
{
    QStringList keys{ keyOf(Counter::Address, attempt), keyOf(Counter::LoginAddress, attempt),
                      keyOf(Counter::LoginDevice, attempt) };
    // The owner's own device is held only by its own counters, not by what others did.
    if (!attempt.knownDevice)
        keys << keyOf(Counter::Login, attempt);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT MAX(blocked_until) FROM login_throttle "
                                 "WHERE key_hash IN (%1) AND blocked_until > ?")
                          .arg(placeholders(keys.size())));
    for (const QString &key : keys)
        query.addBindValue(key);
    query.addBindValue(iso(now));
    if (!query.exec()) {
        *error = query.lastError().text();
        return -1;
    }
    if (!query.next() || query.isNull(0))
        return 0;
    const QDateTime until = QDateTime::fromString(query.value(0).toString(), Qt::ISODateWithMs);
    if (!until.isValid())
        return 0;
    const qint64 ms = now.msecsTo(until);
    return ms <= 0 ? 0 : static_cast<int>((ms + 999) / 1000);
}

bool LoginThrottle::recordFailure(QSqlDatabase &db, const Attempt &attempt, const QDateTime &now,
                                  QString *error) const
{
    const QString at = iso(now);
    const QString forgetBefore = iso(now.addSecs(-forgetSeconds()));
    QSqlQuery count(db);
    count.prepare(QStringLiteral(
            "INSERT INTO login_throttle (key_hash, failures, last_failure_at, blocked_until) "
            "VALUES (?, 1, ?, ?) ON CONFLICT (key_hash) DO UPDATE SET "
            "failures = CASE WHEN login_throttle.last_failure_at < ? THEN 1 "
            "ELSE login_throttle.failures + 1 END, "
            "last_failure_at = excluded.last_failure_at RETURNING failures"));
    QSqlQuery block(db);
    block.prepare(QStringLiteral("UPDATE login_throttle SET blocked_until = ? WHERE key_hash = ?"));
    for (Counter counter :
         { Counter::Address, Counter::Login, Counter::LoginAddress, Counter::LoginDevice }) {
        const QString key = keyOf(counter, attempt);
        count.addBindValue(key);
        count.addBindValue(at);
        count.addBindValue(at);
        count.addBindValue(forgetBefore);
        if (!count.exec() || !count.next()) {
            *error = count.lastError().text();
            return false;
        }
        const int failures = count.value(0).toInt();
        count.finish();
        // The counter's row is locked by the upsert until commit, so this is the wait after
        // exactly this failure, whatever other attempts do meanwhile.
        block.addBindValue(
                iso(now.addSecs(delayAfter(failures, freeFailures(counter), m_maxDelaySeconds))));
        block.addBindValue(key);
        if (!block.exec()) {
            *error = block.lastError().text();
            return false;
        }
    }
    QSqlQuery prune(db);
    prune.prepare(QStringLiteral("DELETE FROM login_throttle WHERE last_failure_at < ?"));
    prune.addBindValue(forgetBefore);
    if (!prune.exec()) {
        *error = prune.lastError().text();
        return false;
    }
    return true;
}

bool LoginThrottle::recordSuccess(QSqlDatabase &db, const Attempt &attempt, QString *error) const
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM login_throttle WHERE key_hash IN (?, ?)"));
    query.addBindValue(keyOf(Counter::LoginAddress, attempt));
    query.addBindValue(keyOf(Counter::LoginDevice, attempt));
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace branchline::server
