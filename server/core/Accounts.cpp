// SPDX-License-Identifier: GPL-3.0-or-later
#include "Accounts.h"

#include "AuditLog.h"
#include "PasswordPolicy.h"
#include "SqlValues.h"
#include "sync/ReferenceTables.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace branchline::server {

namespace {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const QString userColumns = QStringLiteral(
        "id, login, display_name, role, branch_id, manager_id, disabled, failed_logins, "
        "locked_until, created_at");

UserAccount readUser(const QSqlQuery &query)
{
    UserAccount user;
    user.id = query.value(0).toString();
    user.login = query.value(1).toString();
    user.displayName = query.value(2).toString();
    user.role = roleFromCode(query.value(3).toString()).value_or(Role::SalesRep);
    user.branchId = query.value(4).toString();
    user.managerId = query.value(5).toString();
    user.disabled = query.value(6).toInt() != 0;
    user.failedLogins = query.value(7).toInt();
    user.lockedUntil = QDateTime::fromString(query.value(8).toString(), Qt::ISODateWithMs);
    user.createdAt = QDateTime::fromString(query.value(9).toString(), Qt::ISODateWithMs);
    return user;
}

} // namespace

Accounts::Accounts(const Database &database, const PasswordHasher &hasher)
    : m_database(database)
    , m_hasher(hasher)
{
}

bool Accounts::addBranch(Branch &branch, const QString &actorId, QString *error)
{
    if (branch.name.trimmed().isEmpty()) {
        *error = tr("A branch needs a name.");
        return false;
    }
    if (branch.id.isEmpty())
        branch.id = newId();
    return m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("INSERT INTO branches (id, parent_id, name, level, "
                                             "city, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
                query.addBindValue(branch.id);
                query.addBindValue(nullableText(branch.parentId));
                query.addBindValue(branch.name.trimmed());
                query.addBindValue(textValue(branch.level));
                query.addBindValue(textValue(branch.city));
                query.addBindValue(now());
                if (!query.exec()) {
                    *txError =
                            tr("The branch could not be added: %1").arg(query.lastError().text());
                    return false;
                }
                if (!ReferenceTable::logChange(db, ReferenceTable::Which::Branches, branch.id,
                                               txError))
                    return false;
                return AuditLog::append(
                        db,
                        { actorId, QStringLiteral("branch.create"), QStringLiteral("branches"),
                          branch.id, QString(),
                          json({ { QStringLiteral("name"), branch.name },
                                 { QStringLiteral("parent_id"), branch.parentId } }) },
                        txError);
            },
            error);
}

QList<Branch> Accounts::branches(QString *error) const
{
    QList<Branch> result;
    QSqlDatabase db = m_database.connection(error);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, parent_id, name, level, city FROM branches "
                                   "ORDER BY name"))) {
        *error = query.lastError().text();
        return result;
    }
    while (query.next())
        result << Branch{ query.value(0).toString(), query.value(1).toString(),
                          query.value(2).toString(), query.value(3).toString(),
                          query.value(4).toString() };
    return result;
}

bool Accounts::addUser(UserAccount &user, const QString &password, const QString &actorId,
                       QStringList *problems, QString *error)
{
    user.login = user.login.trimmed().toLower();
    if (user.login.isEmpty() || user.displayName.trimmed().isEmpty()) {
        *error = tr("A user needs a login name and a display name.");
        return false;
    }
    *problems = PasswordPolicy::problems(password, user.login);
    if (!problems->isEmpty()) {
        *error = tr("The password does not meet the password policy.");
        return false;
    }
    const QString hash = m_hasher.hash(password);
    if (hash.isEmpty()) {
        *error = tr("The password could not be hashed (out of memory).");
        return false;
    }
    if (user.id.isEmpty())
        user.id = newId();
    user.createdAt = QDateTime::currentDateTimeUtc();
    return m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral(
                        "INSERT INTO users (id, login, display_name, role, branch_id, manager_id, "
                        "password_hash, password_changed_at, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
                query.addBindValue(user.id);
                query.addBindValue(user.login);
                query.addBindValue(user.displayName.trimmed());
                query.addBindValue(roleCode(user.role));
                query.addBindValue(nullableText(user.branchId));
                query.addBindValue(nullableText(user.managerId));
                query.addBindValue(hash);
                query.addBindValue(user.createdAt.toString(Qt::ISODateWithMs));
                query.addBindValue(user.createdAt.toString(Qt::ISODateWithMs));
                if (!query.exec()) {
                    *txError = tr("The user %1 could not be added: %2")
                                       .arg(user.login, query.lastError().text());
                    return false;
                }
                if (!ReferenceTable::logChange(db, ReferenceTable::Which::Users, user.id, txError))
                    return false;
                return AuditLog::append(
                        db,
                        { actorId, QStringLiteral("user.create"), QStringLiteral("users"), user.id,
                          QString(),
                          json({ { QStringLiteral("login"), user.login },
                                 { QStringLiteral("role"), roleCode(user.role) },
                                 { QStringLiteral("branch_id"), user.branchId } }) },
                        txError);
            },
            error);
}

QList<UserAccount> Accounts::users(QString *error) const
{
    QList<UserAccount> result;
    QSqlDatabase db = m_database.connection(error);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT %1 FROM users ORDER BY login").arg(userColumns))) {
        *error = query.lastError().text();
        return result;
    }
    while (query.next())
        result << readUser(query);
    return result;
}

std::optional<UserAccount> Accounts::findByLogin(const QString &login, QString *error) const
{
    QSqlDatabase db = m_database.connection(error);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM users WHERE login = ?").arg(userColumns));
    query.addBindValue(login.trimmed().toLower());
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return readUser(query);
}

bool Accounts::disableUser(const QString &login, const QString &actorId, QString *error)
{
    QStringList ended;
    const bool committed = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("UPDATE users SET disabled = 1 WHERE login = ?"));
                query.addBindValue(login.trimmed().toLower());
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                if (query.numRowsAffected() == 0) {
                    *txError = tr("There is no user with the login %1.").arg(login);
                    return false;
                }
                query.prepare(QStringLiteral("SELECT id FROM users WHERE login = ?"));
                query.addBindValue(login.trimmed().toLower());
                if (!query.exec() || !query.next()) {
                    *txError = query.lastError().text();
                    return false;
                }
                const QString userId = query.value(0).toString();
                query.finish();
                query.prepare(QStringLiteral("SELECT id FROM sessions "
                                             "WHERE user_id = ? AND revoked_at IS NULL"));
                query.addBindValue(userId);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                while (query.next())
                    ended << query.value(0).toString();
                query.finish();
                query.prepare(QStringLiteral("UPDATE sessions SET revoked_at = ? "
                                             "WHERE user_id = ? AND revoked_at IS NULL"));
                query.addBindValue(now());
                query.addBindValue(userId);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                if (!ReferenceTable::logChange(db, ReferenceTable::Which::Users, userId, txError))
                    return false;
                return AuditLog::append(db,
                                        { actorId, QStringLiteral("user.disable"),
                                          QStringLiteral("users"), userId, QString(), QString() },
                                        txError);
            },
            error);
    // The users row is locked since the UPDATE above, so no session was added after the read.
    if (committed && !ended.isEmpty() && m_sessionsEnded)
        m_sessionsEnded(ended);
    return committed;
}

} // namespace branchline::server
