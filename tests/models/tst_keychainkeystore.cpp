// SPDX-License-Identifier: GPL-3.0-or-later
// The real keychain: QtKeychain against a running Secret Service (gnome-keyring in a
// private D-Bus session, started by scripts/test.sh). Nothing here is faked.
#include "TestFiles.h"
#include "keys/KeychainKeyStore.h"
#include "keys/StoreKeyProvider.h"

#include <QDir>
#include <QProcess>
#include <QTest>
#include <QUuid>

using namespace branchline;

class TestKeychainKeyStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writesReadsAndRemovesAKey();
    void keysAreKeptPerAccount();
    void providerCreatesKeychainKeys();
    void keyIsNotInSettingsOrFiles();

private:
    QString m_service =
            QStringLiteral("Branchline-test-") + QUuid::createUuid().toString(QUuid::Id128);
};

void TestKeychainKeyStore::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("No D-Bus session: run this test through scripts/test.sh, which starts a private "
              "session with gnome-keyring.");
}

void TestKeychainKeyStore::writesReadsAndRemovesAKey()
{
    KeychainKeyStore keys(m_service, 20000);
    const QString account = QStringLiteral("rep@crm.example.cn");
    const SecretBytes key = SecretBytes::random(32);
    QString message;
    QCOMPARE(keys.writeKey(account, key, &message), KeyStore::Status::Ok);
    KeyStore::ReadResult read = keys.readKey(account);
    QCOMPARE(read.status, KeyStore::Status::Ok);
    QVERIFY(read.key == key);
    QCOMPARE(keys.removeKey(account, &message), KeyStore::Status::Ok);
    QCOMPARE(keys.readKey(account).status, KeyStore::Status::NotFound);
    // Removing what is not there is not an error: "remove this account" must be repeatable.
    QCOMPARE(keys.removeKey(account, &message), KeyStore::Status::Ok);
}

void TestKeychainKeyStore::keysAreKeptPerAccount()
{
    KeychainKeyStore keys(m_service, 20000);
    const SecretBytes a = SecretBytes::random(32);
    const SecretBytes b = SecretBytes::random(32);
    QCOMPARE(keys.writeKey(QStringLiteral("a@one"), a, nullptr), KeyStore::Status::Ok);
    QCOMPARE(keys.writeKey(QStringLiteral("a@two"), b, nullptr), KeyStore::Status::Ok);
    QVERIFY(keys.readKey(QStringLiteral("a@one")).key == a);
    QVERIFY(keys.readKey(QStringLiteral("a@two")).key == b);
    keys.removeKey(QStringLiteral("a@one"), nullptr);
    keys.removeKey(QStringLiteral("a@two"), nullptr);
}

class NoPrompt : public PassphrasePrompt
{
public:
    SecretBytes askPassphrase(Purpose, const QString &) override
    {
        asked = true;
        return SecretBytes();
    }
    bool asked = false;
};

void TestKeychainKeyStore::providerCreatesKeychainKeys()
{
    KeychainKeyStore keys(m_service, 20000);
    NoPrompt prompt;
    StoreKeyProvider provider(keys, prompt);
    StoreKey created;
    StoreError error;
    QVERIFY2(provider.createKey(QStringLiteral("b@crm"), &created, &error),
             qPrintable(error.detail));
    QCOMPARE(created.protection, KeyProtection::Keychain);
    QVERIFY(!prompt.asked);
    StoreKey read;
    QVERIFY(provider.existingKey(QStringLiteral("b@crm"), KeyProtection::Keychain, false, &read,
                                 &error));
    QVERIFY(read.secret == created.secret);
    QVERIFY(provider.forgetKey(QStringLiteral("b@crm"), &error));
    QVERIFY(!provider.existingKey(QStringLiteral("b@crm"), KeyProtection::Keychain, false, &read,
                                  &error));
}

void TestKeychainKeyStore::keyIsNotInSettingsOrFiles()
{
    // The key is in the Secret Service, which secret-tool can see, and nowhere under the
    // (private) home directory in clear text.
    KeychainKeyStore keys(m_service, 20000);
    SecretBytes key(32);
    for (std::size_t i = 0; i < key.size(); ++i)
        key.data()[i] = static_cast<unsigned char>(0x41 + i % 26); // printable, easy to grep
    QCOMPARE(keys.writeKey(QStringLiteral("c@crm"), key, nullptr), KeyStore::Status::Ok);
    const QByteArray needle(reinterpret_cast<const char *>(key.data()), int(key.size()));
    QString out;
    QString err;
    const int rc = test::runProgram(QStringLiteral("grep"),
                                    { QStringLiteral("-r"), QStringLiteral("-l"),
                                      QString::fromLatin1(needle), QDir::homePath() },
                                    QByteArray(), &out, &err);
    QCOMPARE(rc, 1); // grep: no match anywhere
    keys.removeKey(QStringLiteral("c@crm"), nullptr);
}

QTEST_GUILESS_MAIN(TestKeychainKeyStore)
#include "tst_keychainkeystore.moc"
