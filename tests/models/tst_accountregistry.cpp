// SPDX-License-Identifier: GPL-3.0-or-later
// The accounts on this computer: what is kept in settings, what goes to the key store, where
// the stores live, and that removing a store takes its companions with it.
#include "FakeKeyStore.h"
#include "accounts/AccountRegistry.h"
#include "accounts/BranchConfig.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace branchline;
using namespace branchline::test;

class TestAccountRegistry : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTrip();
    void sameLoginElsewhereIsAnotherAccount();
    void refreshTokensStayOutOfSettings();
    void keychainFailureIsReported();
    void removeStoreFilesTakesCompanions();
    void branchConfig_data();
    void branchConfig();
    void branchConfigLanguage_data();
    void branchConfigLanguage();

private:
    AccountRegistry registry() const
    {
        return AccountRegistry(m_keys, m_settings, m_dir->filePath(QStringLiteral("stores")));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<FakeKeyStore> m_keys;
    std::shared_ptr<QSettings> m_settings;
};

void TestAccountRegistry::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_keys = std::make_shared<FakeKeyStore>();
    m_settings = std::make_shared<QSettings>(m_dir->filePath(QStringLiteral("settings.ini")),
                                             QSettings::IniFormat);
}

void TestAccountRegistry::roundTrip()
{
    AccountRegistry accounts = registry();
    QVERIFY(accounts.accounts().isEmpty());
    QVERIFY(!accounts.lastUsed());

    Account wang = accounts.prepare(QUrl(QStringLiteral("https://CRM.example.cn:8443/")),
                                    QStringLiteral(" Wang.Li "));
    QCOMPARE(wang.name, QStringLiteral("wang.li@crm.example.cn:8443"));
    QCOMPARE(wang.login, QStringLiteral("Wang.Li"));
    QVERIFY(wang.storePath.startsWith(m_dir->filePath(QStringLiteral("stores/"))));
    QVERIFY(wang.storePath.endsWith(QStringLiteral(".db")));
    QVERIFY(!wang.storePath.contains(QLatin1Char('@'))); // safe on every file system
    QVERIFY(!wang.deviceId.isEmpty());
    QVERIFY(!accounts.find(wang.name)); // prepared, not saved
    // Prepared twice before a save: the same file, so a store left by a crash is found again.
    QCOMPARE(accounts.prepare(wang.server, wang.login).storePath, wang.storePath);

    wang.userId = QStringLiteral("u-wang");
    wang.displayName = QStringLiteral("王丽");
    wang.role = Role::BranchManager;
    wang.protection = KeyProtection::Passphrase;
    wang.firstSyncDone = true;
    accounts.save(wang);

    // A fresh registry over the same settings file: what the next start sees.
    m_settings->sync();
    m_settings = std::make_shared<QSettings>(m_dir->filePath(QStringLiteral("settings.ini")),
                                             QSettings::IniFormat);
    const std::optional<Account> read = registry().find(wang.name);
    QVERIFY(read);
    QCOMPARE(read->server, wang.server);
    QCOMPARE(read->login, wang.login);
    QCOMPARE(read->userId, wang.userId);
    QCOMPARE(read->displayName, wang.displayName);
    QCOMPARE(read->role, std::optional<Role>(Role::BranchManager));
    QCOMPARE(read->storePath, wang.storePath);
    QCOMPARE(read->deviceId, wang.deviceId);
    QCOMPARE(read->protection, KeyProtection::Passphrase);
    QVERIFY(read->firstSyncDone);
    QVERIFY(read->lastUsed.isValid());
    // Prepared again after the save: the saved account, device id and all.
    QCOMPARE(registry().prepare(wang.server, wang.login).deviceId, wang.deviceId);

    // The most recent one is the last used, and first in the list.
    Account zhao = registry().prepare(QUrl(QStringLiteral("https://crm.example.cn:8443")),
                                      QStringLiteral("zhao"));
    QTest::qWait(5); // lastUsed differs
    registry().save(zhao);
    QCOMPARE(registry().lastUsed()->name, zhao.name);
    QCOMPARE(registry().accounts().size(), 2);
    QCOMPARE(registry().accounts().first().name, zhao.name);
    QVERIFY(zhao.storePath != wang.storePath);

    registry().remove(zhao.name);
    QVERIFY(!registry().find(zhao.name));
    QCOMPARE(registry().lastUsed()->name, wang.name); // the one left
    QCOMPARE(registry().accounts().size(), 1);
}

void TestAccountRegistry::sameLoginElsewhereIsAnotherAccount()
{
    AccountRegistry accounts = registry();
    const Account head = accounts.prepare(QUrl(QStringLiteral("https://crm.example.cn")),
                                          QStringLiteral("li"));
    const Account test = accounts.prepare(QUrl(QStringLiteral("https://test.example.cn")),
                                          QStringLiteral("li"));
    QVERIFY(head.name != test.name);
    QVERIFY(head.storePath != test.storePath);
    QVERIFY(head.deviceId != test.deviceId);
}

void TestAccountRegistry::refreshTokensStayOutOfSettings()
{
    AccountRegistry accounts = registry();
    Account li = accounts.prepare(QUrl(QStringLiteral("https://crm.example.cn")),
                                  QStringLiteral("li"));
    accounts.save(li);
    const QString token = QStringLiteral("rt-0123456789abcdef");
    QCOMPARE(accounts.saveRefreshToken(li, token, nullptr), KeyStore::Status::Ok);
    QVERIFY(m_keys->contains(li.refreshTokenEntry()));
    QVERIFY(li.refreshTokenEntry() != li.name); // beside the store key, not over it

    KeyStore::Status status = KeyStore::Status::Failed;
    QCOMPARE(accounts.refreshToken(li, &status), token);
    QCOMPARE(status, KeyStore::Status::Ok);

    m_settings->sync();
    QFile file(m_settings->fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("rt-0123456789abcdef"));

    // An empty token (the worker's "session over") forgets it.
    QCOMPARE(accounts.saveRefreshToken(li, QString(), nullptr), KeyStore::Status::Ok);
    QVERIFY(accounts.refreshToken(li, &status).isEmpty());
    QCOMPARE(status, KeyStore::Status::NotFound);
    // Forgetting what is not there is fine (sign out twice).
    QCOMPARE(accounts.forgetRefreshToken(li, nullptr), KeyStore::Status::Ok);
}

void TestAccountRegistry::keychainFailureIsReported()
{
    AccountRegistry accounts = registry();
    const Account li = accounts.prepare(QUrl(QStringLiteral("https://crm.example.cn")),
                                        QStringLiteral("li"));
    m_keys->nextStatus = KeyStore::Status::AccessDenied;
    QCOMPARE(accounts.saveRefreshToken(li, QStringLiteral("rt"), nullptr),
             KeyStore::Status::AccessDenied);
    QVERIFY(!m_keys->contains(li.refreshTokenEntry()));
    m_keys->nextStatus = KeyStore::Status::Unavailable;
    KeyStore::Status status = KeyStore::Status::Ok;
    QVERIFY(accounts.refreshToken(li, &status).isEmpty());
    QCOMPARE(status, KeyStore::Status::Unavailable);
}

void TestAccountRegistry::removeStoreFilesTakesCompanions()
{
    QDir(m_dir->path()).mkpath(QStringLiteral("stores"));
    const QString store = m_dir->filePath(QStringLiteral("stores/li-1234.db"));
    const QString other = m_dir->filePath(QStringLiteral("stores/li-1234.db.other"));
    const QString neighbour = m_dir->filePath(QStringLiteral("stores/zhao-5678.db"));
    const QStringList companions{ store,
                                  store + QStringLiteral("-wal"),
                                  store + QStringLiteral("-shm"),
                                  store + QStringLiteral("-journal"),
                                  store + QStringLiteral(".schema2-20261123100000.bak"),
                                  store + QStringLiteral(".schema3-20261124100000.bak.partial") };
    for (const QString &path : companions + QStringList{ other, neighbour }) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x");
    }
    QString failed;
    QVERIFY(AccountRegistry::removeStoreFiles(store, &failed));
    for (const QString &path : companions)
        QVERIFY2(!QFile::exists(path), qPrintable(path));
    QVERIFY(QFile::exists(other));
    QVERIFY(QFile::exists(neighbour));
    // Nothing there: nothing to do.
    QVERIFY(AccountRegistry::removeStoreFiles(store, &failed));
}

void TestAccountRegistry::branchConfig_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("server");
    QTest::addColumn<bool>("locked");
    QTest::newRow("plain") << QByteArray("server_url = https://crm.example.cn\n")
                           << QStringLiteral("https://crm.example.cn") << false;
    QTest::newRow("locked") << QByteArray("server_url=https://crm.example.cn:8443\n"
                                          "server_url_locked=true\n")
                            << QStringLiteral("https://crm.example.cn:8443") << true;
    QTest::newRow("in General") << QByteArray("[General]\nserver_url=http://10.0.0.5:8080\n")
                                << QStringLiteral("http://10.0.0.5:8080") << false;
    QTest::newRow("not http") << QByteArray("server_url=ftp://crm.example.cn\n"
                                            "server_url_locked=true\n")
                              << QString() << false;
    QTest::newRow("no key") << QByteArray("branch=zj\n") << QString() << false;
}

void TestAccountRegistry::branchConfig()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, server);
    QFETCH(bool, locked);
    const QString path = m_dir->filePath(QStringLiteral("client.conf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const BranchConfig config = BranchConfig::load(path);
    QVERIFY(config.exists());
    QCOMPARE(config.serverUrl().toString(), server);
    QCOMPARE(config.serverUrlLocked(), locked);

    QVERIFY(!BranchConfig::load(m_dir->filePath(QStringLiteral("missing.conf"))).exists());
    qputenv("BRANCHLINE_CLIENT_CONF", path.toUtf8());
    QCOMPARE(BranchConfig::defaultPath(), path);
    qunsetenv("BRANCHLINE_CLIENT_CONF");
    QCOMPARE(BranchConfig::defaultPath(), QStringLiteral("/etc/branchline/client.conf"));
}

void TestAccountRegistry::branchConfigLanguage_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("configured");
    QTest::addColumn<QString>("language"); // "" follows the system
    QTest::addColumn<bool>("locked");
    QTest::newRow("none") << QByteArray("server_url=https://crm.example.cn\n") << false
                          << QString() << false;
    QTest::newRow("default only") << QByteArray("language = zh_CN\n") << true
                                  << QStringLiteral("zh_CN") << false;
    QTest::newRow("locked") << QByteArray("language=en\nlanguage_locked=true\n") << true
                            << QStringLiteral("en") << true;
    QTest::newRow("written as a tag") << QByteArray("language=zh-cn\nlanguage_locked=yes\n")
                                      << true << QStringLiteral("zh_CN") << true;
    QTest::newRow("system, locked") << QByteArray("language=system\nlanguage_locked=true\n")
                                    << true << QString() << true;
    // A language Branchline does not speak is no language: nothing to lock either.
    QTest::newRow("unknown") << QByteArray("language=fr\nlanguage_locked=true\n") << false
                             << QString() << false;
    QTest::newRow("lock without language") << QByteArray("language_locked=true\n") << false
                                           << QString() << false;
}

void TestAccountRegistry::branchConfigLanguage()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, configured);
    QFETCH(QString, language);
    QFETCH(bool, locked);
    const QString path = m_dir->filePath(QStringLiteral("language.conf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();
    const BranchConfig config = BranchConfig::load(path);
    QCOMPARE(config.language().has_value(), configured);
    QCOMPARE(config.language().value_or(QString()), language);
    QCOMPARE(config.languageLocked(), locked);
}

QTEST_GUILESS_MAIN(TestAccountRegistry)
#include "tst_accountregistry.moc"
