// SPDX-License-Identifier: GPL-3.0-or-later
// Where store keys come from: the keychain when it answers, a passphrase when it does not,
// and never a new key for an existing store. Uses a fake key store; the real keychain is
// exercised by tst_keychainkeystore.
#include "FakeKeyStore.h"
#include "TestFiles.h"
#include "keys/StoreKeyProvider.h"
#include "store/LocalStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace branchline;

namespace {

class ScriptedPrompt : public PassphrasePrompt
{
public:
    SecretBytes askPassphrase(Purpose purpose, const QString &) override
    {
        purposes << purpose;
        if (answers.isEmpty())
            return SecretBytes();
        const QByteArray answer = answers.takeFirst();
        return SecretBytes(answer.constData(), std::size_t(answer.size()));
    }
    QList<QByteArray> answers;
    QList<Purpose> purposes;
};

const QString account = QStringLiteral("wang.li@crm.example.cn");

} // namespace

class TestStoreKeyProvider : public QObject
{
    Q_OBJECT

private slots:
    void secretBytesBasics();
    void newKeyGoesToTheKeychain();
    void newKeyFallsBackToPassphraseWithoutKeychain_data();
    void newKeyFallsBackToPassphraseWithoutKeychain();
    void keychainThatLosesWritesIsNotTrusted();
    void refusedKeychainIsAnError();
    void shortPassphraseIsRefused();
    void cancelledPromptIsAnError();
    void existingKeyIsReadNeverInvented();
    void passphraseStoreEndToEnd();
    void accountNamesAreNormalised();
};

void TestStoreKeyProvider::secretBytesBasics()
{
    const SecretBytes a = SecretBytes::random(32);
    const SecretBytes b = SecretBytes::random(32);
    QCOMPARE(a.size(), std::size_t(32));
    QVERIFY(a != b);
    const SecretBytes literal = test::testKey(0).toRawKeyLiteral();
    const QByteArray text(reinterpret_cast<const char *>(literal.data()), int(literal.size()));
    QCOMPARE(text.size(), 67);
    QVERIFY(text.startsWith("x'00070E15"));
    QVERIFY(text.endsWith("'"));

    QByteArray source("secret-bytes");
    SecretBytes taken = SecretBytes::takeFrom(source);
    QVERIFY(source.isEmpty());
    QCOMPARE(taken.size(), std::size_t(12));
    SecretBytes moved = std::move(taken);
    QVERIFY(taken.isEmpty());
    QCOMPARE(moved.size(), std::size_t(12));
    moved.clear();
    QVERIFY(moved.isEmpty());
}

void TestStoreKeyProvider::newKeyGoesToTheKeychain()
{
    test::FakeKeyStore keys;
    ScriptedPrompt prompt;
    StoreKeyProvider provider(keys, prompt);
    StoreKey key;
    StoreError error;
    QVERIFY(provider.createKey(account, &key, &error));
    QCOMPARE(key.protection, KeyProtection::Keychain);
    QCOMPARE(key.kind, SqlCipherDriver::KeyKind::Raw);
    QCOMPARE(key.secret.size(), std::size_t(32));
    QVERIFY(keys.contains(account));
    QVERIFY(prompt.purposes.isEmpty());
    StoreKey again;
    QVERIFY(provider.existingKey(account, KeyProtection::Keychain, false, &again, &error));
    QVERIFY(again.secret == key.secret);
}

void TestStoreKeyProvider::newKeyFallsBackToPassphraseWithoutKeychain_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("no backend") << int(KeyStore::Status::Unavailable);
    QTest::newRow("other error") << int(KeyStore::Status::Failed);
}

void TestStoreKeyProvider::newKeyFallsBackToPassphraseWithoutKeychain()
{
    QFETCH(int, status);
    test::FakeKeyStore keys;
    keys.nextStatus = KeyStore::Status(status);
    ScriptedPrompt prompt;
    prompt.answers << "a long enough passphrase";
    StoreKeyProvider provider(keys, prompt);
    StoreKey key;
    StoreError error;
    QVERIFY(provider.createKey(account, &key, &error));
    QCOMPARE(key.protection, KeyProtection::Passphrase);
    QCOMPARE(key.kind, SqlCipherDriver::KeyKind::Passphrase);
    QCOMPARE(prompt.purposes,
             QList<PassphrasePrompt::Purpose>{ PassphrasePrompt::Purpose::Create });
    QVERIFY(!keys.contains(account));
}

void TestStoreKeyProvider::keychainThatLosesWritesIsNotTrusted()
{
    test::FakeKeyStore keys;
    keys.forgetWrites = true;
    ScriptedPrompt prompt;
    prompt.answers << "a long enough passphrase";
    StoreKeyProvider provider(keys, prompt);
    StoreKey key;
    StoreError error;
    QVERIFY(provider.createKey(account, &key, &error));
    QCOMPARE(key.protection, KeyProtection::Passphrase);
    QCOMPARE(keys.reads, 1); // it read the key back before trusting it
}

void TestStoreKeyProvider::refusedKeychainIsAnError()
{
    test::FakeKeyStore keys;
    keys.nextStatus = KeyStore::Status::AccessDenied;
    ScriptedPrompt prompt;
    StoreKeyProvider provider(keys, prompt);
    StoreKey key;
    StoreError error;
    QVERIFY(!provider.createKey(account, &key, &error));
    QCOMPARE(error.kind, StoreError::Kind::KeyUnavailable);
    QVERIFY(error.message.contains(QStringLiteral("keychain")));
    QVERIFY(key.secret.isEmpty());
}

void TestStoreKeyProvider::shortPassphraseIsRefused()
{
    test::FakeKeyStore keys;
    keys.nextStatus = KeyStore::Status::Unavailable;
    ScriptedPrompt prompt;
    prompt.answers << "短口令123"; // 6 characters, 12 bytes: characters are what count
    StoreKeyProvider provider(keys, prompt);
    StoreKey key;
    StoreError error;
    QVERIFY(!provider.createKey(account, &key, &error));
    QVERIFY(error.message.contains(QStringLiteral("10 characters")));
}

void TestStoreKeyProvider::cancelledPromptIsAnError()
{
    test::FakeKeyStore keys;
    ScriptedPrompt prompt; // no answers: the user cancels
    StoreKeyProvider provider(keys, prompt);
    StoreKey key;
    StoreError error;
    QVERIFY(!provider.existingKey(account, KeyProtection::Passphrase, true, &key, &error));
    QCOMPARE(prompt.purposes, QList<PassphrasePrompt::Purpose>{ PassphrasePrompt::Purpose::Retry });
    QCOMPARE(error.kind, StoreError::Kind::KeyUnavailable);
}

void TestStoreKeyProvider::existingKeyIsReadNeverInvented()
{
    test::FakeKeyStore keys;
    ScriptedPrompt prompt;
    StoreKeyProvider provider(keys, prompt);
    StoreKey key;
    StoreError error;
    QVERIFY(!provider.existingKey(account, KeyProtection::Keychain, false, &key, &error));
    QCOMPARE(error.kind, StoreError::Kind::KeyUnavailable);
    QVERIFY(error.message.contains(QStringLiteral("no longer holds")));
    QCOMPARE(keys.writes, 0);

    keys.nextStatus = KeyStore::Status::Unavailable;
    QVERIFY(!provider.existingKey(account, KeyProtection::Keychain, false, &key, &error));
    QVERIFY(error.message.contains(QStringLiteral("Unlock your keychain")));
    QCOMPARE(keys.writes, 0);
    QVERIFY(prompt.purposes
                    .isEmpty()); // a keychain store never silently turns into a passphrase one
}

void TestStoreKeyProvider::passphraseStoreEndToEnd()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    test::FakeKeyStore keys;
    keys.nextStatus = KeyStore::Status::Unavailable;
    ScriptedPrompt prompt;
    prompt.answers << "风起于青萍之末 passphrase"
                   << "wrong passphrase!"
                   << "风起于青萍之末 passphrase";
    StoreKeyProvider provider(keys, prompt);
    StoreKey key;
    StoreError error;
    QVERIFY(provider.createKey(account, &key, &error));
    {
        LocalStore store(path);
        QVERIFY(store.open(std::move(key.secret), key.kind, true));
    }
    const QByteArray before = test::fileHash(path);
    StoreKey wrong;
    QVERIFY(provider.existingKey(account, KeyProtection::Passphrase, false, &wrong, &error));
    LocalStore store(path);
    QVERIFY(!store.open(std::move(wrong.secret), wrong.kind, false));
    QCOMPARE(store.lastError().kind, StoreError::Kind::WrongKeyOrDamaged);
    QCOMPARE(test::fileHash(path), before);
    StoreKey right;
    QVERIFY(provider.existingKey(account, KeyProtection::Passphrase, true, &right, &error));
    QVERIFY(store.open(std::move(right.secret), right.kind, false));
}

void TestStoreKeyProvider::accountNamesAreNormalised()
{
    QCOMPARE(KeyStore::accountName(QStringLiteral(" Wang.Li "),
                                   QStringLiteral("https://CRM.example.cn/")),
             QStringLiteral("wang.li@crm.example.cn"));
    QCOMPARE(
            KeyStore::accountName(QStringLiteral("wang.li"), QStringLiteral("crm.example.cn:8443")),
            QStringLiteral("wang.li@crm.example.cn:8443"));
}

QTEST_GUILESS_MAIN(TestStoreKeyProvider)
#include "tst_storekeyprovider.moc"
