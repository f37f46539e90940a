// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountRegistry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

Q_LOGGING_CATEGORY(lcAccounts, "branchline.accounts")

namespace branchline {

namespace {

// Groups are named by device id (a UUID): account names hold '@' and ':', which QSettings
// backends escape differently.
const QString accountsGroup = QStringLiteral("accounts");
const QString lastKey = QStringLiteral("lastAccount");

QString protectionCode(KeyProtection protection)
{
    return protection == KeyProtection::Passphrase ? QStringLiteral("passphrase")
                                                   : QStringLiteral("keychain");
}

// A file name IT can recognise in the data folder, unique per account: the name made safe
// for every file system plus a short hash of the exact name, so two names that differ only
// in characters replaced here never share a file.
QString storeFileName(const QString &accountName)
{
    QString safe = accountName;
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    const QByteArray hash =
            QCryptographicHash::hash(accountName.toUtf8(), QCryptographicHash::Sha256).toHex();
    return safe.left(80) + QLatin1Char('-') + QString::fromLatin1(hash.left(8))
            + QStringLiteral(".db");
}

} // namespace

AccountRegistry::AccountRegistry(std::shared_ptr<KeyStore> keys,
                                 std::shared_ptr<QSettings> settings, QString storeDirectory)
    : m_keys(std::move(keys))
    , m_settings(settings ? std::move(settings) : std::make_shared<QSettings>())
    , m_storeDirectory(std::move(storeDirectory))
{
    if (m_storeDirectory.isEmpty())
        m_storeDirectory =
                QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                + QStringLiteral("/stores");
}

std::optional<Account> AccountRegistry::read(const QString &group) const
{
    m_settings->beginGroup(accountsGroup + QLatin1Char('/') + group);
    Account account;
    account.name = m_settings->value(QStringLiteral("name")).toString();
    account.server = QUrl(m_settings->value(QStringLiteral("server")).toString());
    account.login = m_settings->value(QStringLiteral("login")).toString();
    account.userId = m_settings->value(QStringLiteral("userId")).toString();
    account.displayName = m_settings->value(QStringLiteral("displayName")).toString();
    account.role = roleFromCode(m_settings->value(QStringLiteral("role")).toString());
    account.storePath = m_settings->value(QStringLiteral("store")).toString();
    account.deviceId = group;
    account.protection = m_settings->value(QStringLiteral("protection")).toString()
                    == QLatin1String("passphrase")
            ? KeyProtection::Passphrase
            : KeyProtection::Keychain;
    account.lastUsed = m_settings->value(QStringLiteral("lastUsed")).toDateTime();
    account.firstSyncDone = m_settings->value(QStringLiteral("firstSyncDone")).toBool();
    m_settings->endGroup();
    if (account.name.isEmpty() || account.storePath.isEmpty())
        return std::nullopt; // a half-written or foreign entry is not an account
    return account;
}

QList<Account> AccountRegistry::accounts() const
{
    m_settings->beginGroup(accountsGroup);
    const QStringList groups = m_settings->childGroups();
    m_settings->endGroup();
    QList<Account> result;
    for (const QString &group : groups) {
        if (std::optional<Account> account = read(group))
            result << *account;
    }
    std::sort(result.begin(), result.end(), [](const Account &a, const Account &b) {
        return a.lastUsed > b.lastUsed;
    });
    return result;
}

QString AccountRegistry::groupOf(const QString &name) const
{
    m_settings->beginGroup(accountsGroup);
    const QStringList groups = m_settings->childGroups();
    QString found;
    for (const QString &group : groups) {
        if (m_settings->value(group + QStringLiteral("/name")).toString() == name) {
            found = group;
            break;
        }
    }
    m_settings->endGroup();
    return found;
}

std::optional<Account> AccountRegistry::find(const QString &name) const
{
    const QString group = groupOf(name);
    return group.isEmpty() ? std::nullopt : read(group);
}

std::optional<Account> AccountRegistry::lastUsed() const
{
    const QString group = m_settings->value(lastKey).toString();
    if (!group.isEmpty()) {
        if (std::optional<Account> account = read(group))
            return account;
    }
    const QList<Account> all = accounts();
    return all.isEmpty() ? std::nullopt : std::optional<Account>(all.first());
}

Account AccountRegistry::prepare(const QUrl &server, const QString &login) const
{
    const QString name = KeyStore::accountName(login, server.toString());
    if (std::optional<Account> existing = find(name)) {
        // The same person may type the address differently; the latest spelling is used.
        existing->server = server;
        return *existing;
    }
    Account account;
    account.name = name;
    account.server = server;
    account.login = login.trimmed();
    account.deviceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    account.storePath = QDir(m_storeDirectory).filePath(storeFileName(name));
    return account;
}

void AccountRegistry::save(Account account)
{
    account.lastUsed = QDateTime::currentDateTimeUtc();
    m_settings->beginGroup(accountsGroup + QLatin1Char('/') + account.deviceId);
    m_settings->setValue(QStringLiteral("name"), account.name);
    m_settings->setValue(QStringLiteral("server"), account.server.toString());
    m_settings->setValue(QStringLiteral("login"), account.login);
    m_settings->setValue(QStringLiteral("userId"), account.userId);
    m_settings->setValue(QStringLiteral("displayName"), account.displayName);
    m_settings->setValue(QStringLiteral("role"),
                         account.role ? roleCode(*account.role) : QString());
    m_settings->setValue(QStringLiteral("store"), account.storePath);
    m_settings->setValue(QStringLiteral("protection"), protectionCode(account.protection));
    m_settings->setValue(QStringLiteral("lastUsed"), account.lastUsed);
    m_settings->setValue(QStringLiteral("firstSyncDone"), account.firstSyncDone);
    m_settings->endGroup();
    m_settings->setValue(lastKey, account.deviceId);
    m_settings->sync();
}

void AccountRegistry::remove(const QString &name)
{
    const QString group = groupOf(name);
    if (group.isEmpty())
        return;
    m_settings->remove(accountsGroup + QLatin1Char('/') + group);
    if (m_settings->value(lastKey).toString() == group)
        m_settings->remove(lastKey);
    m_settings->sync();
}

KeyStore::Status AccountRegistry::saveRefreshToken(const Account &account, const QString &token,
                                                   QString *message)
{
    if (token.isEmpty())
        return forgetRefreshToken(account, message);
    QByteArray utf8 = token.toUtf8();
    const SecretBytes secret = SecretBytes::takeFrom(utf8);
    const KeyStore::Status status =
            m_keys->writeKey(account.refreshTokenEntry(), secret, message);
    if (status != KeyStore::Status::Ok)
        qCWarning(lcAccounts) << "the keychain did not keep the refresh token:" << int(status);
    return status;
}

QString AccountRegistry::refreshToken(const Account &account, KeyStore::Status *status) const
{
    KeyStore::ReadResult result = m_keys->readKey(account.refreshTokenEntry());
    if (status)
        *status = result.status;
    if (result.status != KeyStore::Status::Ok)
        return QString();
    return QString::fromUtf8(reinterpret_cast<const char *>(result.key.data()),
                             qsizetype(result.key.size()));
}

KeyStore::Status AccountRegistry::forgetRefreshToken(const Account &account, QString *message)
{
    const KeyStore::Status status = m_keys->removeKey(account.refreshTokenEntry(), message);
    return status == KeyStore::Status::NotFound ? KeyStore::Status::Ok : status;
}

bool AccountRegistry::removeStoreFiles(const QString &storePath, QString *failedPath)
{
    const QFileInfo store(storePath);
    QStringList paths{ storePath };
    for (const char *suffix : { "-wal", "-shm", "-journal" })
        paths << storePath + QLatin1String(suffix);
    // Migrator's backups: "<file>.schema<N>-<stamp>.bak", and ".partial" when cut short.
    const QDir folder = store.absoluteDir();
    const QStringList backups = folder.entryList(
            { store.fileName() + QStringLiteral(".schema*.bak*") }, QDir::Files | QDir::Hidden);
    for (const QString &backup : backups)
        paths << folder.filePath(backup);
    for (const QString &path : std::as_const(paths)) {
        if (QFileInfo::exists(path) && !QFile::remove(path)) {
            if (failedPath)
                *failedPath = path;
            return false;
        }
    }
    return true;
}

} // namespace branchline
