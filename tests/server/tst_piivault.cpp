// SPDX-License-Identifier: GPL-3.0-or-later
// PiiVault, the one place that seals, opens and indexes personal data: where a value may be
// opened, what a damaged or misplaced one does, the blind index's normal forms, and keys
// that change under a running process. No database.
#include "core/KeyRing.h"
#include "core/PiiVault.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <thread>

using namespace branchline;
using namespace branchline::server;

namespace {

const PiiPlace phoneOfA{ "customers", "phone", "a" };

std::shared_ptr<KeyRing> ringIn(const QString &folder, bool withKeys = true)
{
    auto ring = std::make_shared<KeyRing>();
    QString error;
    if (!ring->open(folder, &error))
        qFatal("%s", qPrintable(error));
    if (withKeys)
        for (KeyRing::Purpose purpose : { KeyRing::Purpose::Data, KeyRing::Purpose::Index })
            if (!ring->has(purpose) && !ring->create(purpose, nullptr, &error))
                qFatal("%s", qPrintable(error));
    return ring;
}

QString sealed(const QString &clear, const PiiPlace &place = phoneOfA)
{
    QString text;
    QString error;
    if (!PiiVault::seal(clear, place, &text, &error))
        qFatal("%s", qPrintable(error));
    return text;
}

QString indexOf(PiiKind kind, const QString &value, const QString &column = "phone")
{
    QString index;
    QString error;
    if (!PiiVault::blindIndex(kind, "customers", column, value, &index, &error))
        qFatal("%s", qPrintable(error));
    return index;
}

} // namespace

class TestPiiVault : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sealsWithAFreshNonceUnderTheCurrentKey();
    void opensOnlyWhereTheValueBelongs();
    void damagedOrForeignValuesAreRefused_data();
    void damagedOrForeignValuesAreRefused();
    void unreadableValuesThrowWithoutTheValue();
    void emptyValuesStayNull();
    void blindIndexComparesNormalForms_data();
    void blindIndexComparesNormalForms();
    void blindIndexIsKeyedAndBoundToItsColumn();
    void anotherFoldersKeysOpenNothing();
    void aKeyMadeByAnotherProcessIsFoundWhenMet();
    void theNewestKeyIsTakenUpWithinTheInterval();
    void aFolderThatGoesAwayKeepsTheKeys();
    void aRingInstalledMeanwhileReachesEveryThread();
    void withoutADataKeyNothingIsStored();
    void benchmarkSwitchStoresClearText();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<KeyRing> m_ring;
};

void TestPiiVault::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ring = ringIn(m_dir->filePath("keys"));
    KeyRing::install(m_ring);
    PiiVault::setRefreshInterval(std::chrono::hours(1));
    QString ignored;
    PiiVault::refresh(&ignored); // the folder just read: no reading again during the test
}

void TestPiiVault::cleanup()
{
    PiiVault::setRefreshInterval(std::chrono::seconds(30));
    PiiVault::setClearTextForBenchmark(false);
    KeyRing::install(nullptr);
}

void TestPiiVault::sealsWithAFreshNonceUnderTheCurrentKey()
{
    const QString first = sealed("13812345678");
    const QString second = sealed("13812345678");
    QVERIFY2(first.startsWith("e1.1."), qPrintable(first));
    QVERIFY(first != second); // a fresh nonce each time: equal values do not look equal
    QVERIFY(!first.contains("13812345678"));
    QVERIFY(!QByteArray::fromBase64(first.mid(5).toLatin1(), QByteArray::Base64UrlEncoding)
                     .contains("13812345678"));
    QCOMPARE(PiiVault::keyNumberOf(first), 1);
    QString clear;
    int key = 0;
    QCOMPARE(PiiVault::open(second, phoneOfA, &clear, &key), PiiVault::Problem::None);
    QCOMPARE(clear, QStringLiteral("13812345678"));
    QCOMPARE(key, 1);
    // Text beyond ASCII comes back as it went in.
    QCOMPARE(PiiVault::openOrThrow(sealed("王芳 wang.fang@例子.中国"), phoneOfA),
             QStringLiteral("王芳 wang.fang@例子.中国"));
}

void TestPiiVault::opensOnlyWhereTheValueBelongs()
{
    const QString value = sealed("110105194912310025", { "customers", "id_number", "a" });
    QString clear;
    QCOMPARE(PiiVault::open(value, { "customers", "id_number", "a" }, &clear),
             PiiVault::Problem::None);
    // Copied into another record, another column or another table, it does not open.
    for (const PiiPlace &elsewhere :
         { PiiPlace{ "customers", "id_number", "b" }, PiiPlace{ "customers", "phone", "a" },
           PiiPlace{ "leads", "id_number", "a" }, PiiPlace{ "customers", "id_numbe", "ra" } })
        QCOMPARE(PiiVault::open(value, elsewhere, &clear), PiiVault::Problem::Refused);
}

void TestPiiVault::damagedOrForeignValuesAreRefused_data()
{
    // What is done to a good sealed value of "13812345678" (made in the test: _data runs
    // before init() installs the keys).
    QTest::addColumn<QString>("damage");
    QTest::addColumn<int>("problem");
    QTest::newRow("a character changed") << "flip" << int(PiiVault::Problem::Refused);
    QTest::newRow("cut short") << "cut" << int(PiiVault::Problem::Refused);
    QTest::newRow("only the nonce") << "nonce" << int(PiiVault::Problem::Refused);
    QTest::newRow("not base64") << "garbage" << int(PiiVault::Problem::Refused);
    QTest::newRow("clear text") << "clear" << int(PiiVault::Problem::NotSealed);
    QTest::newRow("an e-mail that looks alike") << "email" << int(PiiVault::Problem::NotSealed);
    QTest::newRow("key zero") << "key0" << int(PiiVault::Problem::NotSealed);
    QTest::newRow("a key the folder lacks") << "key7" << int(PiiVault::Problem::UnknownKey);
}

void TestPiiVault::damagedOrForeignValuesAreRefused()
{
    QFETCH(QString, damage);
    QFETCH(int, problem);
    const QString good = sealed("13812345678");
    QString stored;
    if (damage == "flip") {
        stored = good;
        const qsizetype at = stored.size() - 10;
        stored[at] = stored.at(at) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    } else if (damage == "cut") {
        stored = good.left(good.size() - 4);
    } else if (damage == "nonce") {
        stored = good.left(5 + 32); // "e1.1." and the 24 bytes of the nonce
    } else if (damage == "garbage") {
        stored = QStringLiteral("e1.1.!!!!");
    } else if (damage == "clear") {
        stored = QStringLiteral("13812345678");
    } else if (damage == "email") {
        stored = QStringLiteral("e1.x@example.cn");
    } else if (damage == "key0") {
        stored = QStringLiteral("e1.0.") + good.mid(5);
    } else {
        stored = QStringLiteral("e1.7.") + good.mid(5);
    }
    QString clear = QStringLiteral("untouched");
    QCOMPARE(int(PiiVault::open(stored, phoneOfA, &clear)), problem);
    QCOMPARE(clear, QStringLiteral("untouched")); // never a made-up value
}

void TestPiiVault::unreadableValuesThrowWithoutTheValue()
{
    const QString copied = sealed("13812345678");
    try {
        PiiVault::openOrThrow(copied, { "customers", "phone", "b" });
        QFAIL("a value copied into another record opened");
    } catch (const PiiUnreadable &unreadable) {
        const QString what = QString::fromUtf8(unreadable.what());
        QVERIFY2(what.contains("customers.phone of record b"), qPrintable(what));
        QVERIFY2(what.contains("data key 1"), qPrintable(what));
        QVERIFY2(what.contains(m_ring->directory()), qPrintable(what));
        QVERIFY(!what.contains("13812345678"));
    }
    try {
        PiiVault::openOrThrow(QStringLiteral("e1.4.") + copied.mid(5), phoneOfA);
        QFAIL("a value under a missing key opened");
    } catch (const PiiUnreadable &unreadable) {
        QVERIFY2(QString::fromUtf8(unreadable.what()).contains("data-4.key"), unreadable.what());
    }
}

void TestPiiVault::emptyValuesStayNull()
{
    QVERIFY(sealed(QString()).isNull());
    QVERIFY(sealed(QStringLiteral("")).isNull());
    QVERIFY(indexOf(PiiKind::Phone, QString()).isNull());
    QVERIFY(indexOf(PiiKind::Account, QStringLiteral("无")).isNull()); // no digits at all
    QString clear = QStringLiteral("x");
    QCOMPARE(PiiVault::open(QString(), phoneOfA, &clear), PiiVault::Problem::None);
    QVERIFY(clear.isNull());
}

void TestPiiVault::blindIndexComparesNormalForms_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("normal");
    QTest::newRow("phone with +86, spaces and dashes") << int(PiiKind::Phone) << "+86 138-1234-5678"
                                                       << "13812345678"
                                                       << "13812345678";
    QTest::newRow("phone with 0086") << int(PiiKind::Phone) << "0086 13812345678"
                                     << "13812345678"
                                     << "13812345678";
    QTest::newRow("phone in full-width digits") << int(PiiKind::Phone) << "１３８１２３４５６７８"
                                                << "13812345678"
                                                << "13812345678";
    QTest::newRow("credit code in lower case") << int(PiiKind::CreditCode) << "91330106ma27xl3q0r"
                                               << "91330106MA27XL3Q0R"
                                               << "91330106MA27XL3Q0R";
    QTest::newRow("ID number with a small x and spaces")
            << int(PiiKind::ResidentId) << "11010519491231002x "
            << "11010519491231002X"
            << "11010519491231002X";
    QTest::newRow("e-mail in capitals") << int(PiiKind::Email) << "  Wang.Fang@Example.CN "
                                        << "wang.fang@example.cn"
                                        << "wang.fang@example.cn";
    QTest::newRow("account in groups") << int(PiiKind::Account) << "6222 0202 0011 2233 445"
                                       << "6222020200112233445"
                                       << "6222020200112233445";
}

void TestPiiVault::blindIndexComparesNormalForms()
{
    QFETCH(int, kind);
    QFETCH(QString, typed);
    QFETCH(QString, stored);
    QFETCH(QString, normal);
    QCOMPARE(PiiVault::normalised(PiiKind(kind), typed), normal);
    const QString index = indexOf(PiiKind(kind), typed);
    QCOMPARE(index, indexOf(PiiKind(kind), stored));
    QCOMPARE(index.size(), 43); // 32 bytes, base64url without padding
    QVERIFY(!index.contains(normal));
    QVERIFY(index != indexOf(PiiKind(kind), stored + QStringLiteral("1")));
}

void TestPiiVault::blindIndexIsKeyedAndBoundToItsColumn()
{
    const QString here = indexOf(PiiKind::Phone, "13812345678");
    // The same number in another column or table has another index: equal values in
    // different places cannot be linked from the database alone.
    QVERIFY(here != indexOf(PiiKind::Phone, "13812345678", "contact_phone"));
    QString leads;
    QString error;
    QVERIFY(PiiVault::blindIndex(PiiKind::Phone, "leads", "phone", "13812345678", &leads, &error));
    QVERIFY(here != leads);
    // Another index key, another index: without the key nobody can compute it.
    QTemporaryDir other;
    KeyRing::install(ringIn(other.filePath("keys")));
    QVERIFY(indexOf(PiiKind::Phone, "13812345678") != here);
}

void TestPiiVault::anotherFoldersKeysOpenNothing()
{
    const QString value = sealed("13812345678");
    QTemporaryDir other;
    KeyRing::install(ringIn(other.filePath("keys"))); // its own data-1.key
    QString clear;
    QCOMPARE(PiiVault::open(value, phoneOfA, &clear), PiiVault::Problem::Refused);
}

void TestPiiVault::aKeyMadeByAnotherProcessIsFoundWhenMet()
{
    // Another process (a rotation) makes data-2.key in the same folder and seals a value
    // under it; this process has not read the folder since.
    auto rotation = ringIn(m_ring->directory());
    KeyRing::Key two;
    QString error;
    QVERIFY2(rotation->create(KeyRing::Purpose::Data, &two, &error), qPrintable(error));
    const QString underTwo = PiiVault::sealWith(two, "13812345678", phoneOfA);
    QCOMPARE(PiiVault::keyNumberOf(sealed("x")), 1); // not read again yet
    QString clear;
    QCOMPARE(PiiVault::open(underTwo, phoneOfA, &clear), PiiVault::Problem::None);
    QCOMPARE(clear, QStringLiteral("13812345678"));
    // Having read the folder for it, this process now seals under the newest key too.
    QCOMPARE(PiiVault::keyNumberOf(sealed("x")), 2);
    QCOMPARE(PiiVault::openOrThrow(sealed("y"), phoneOfA), QStringLiteral("y"));
}

void TestPiiVault::theNewestKeyIsTakenUpWithinTheInterval()
{
    auto rotation = ringIn(m_ring->directory());
    QString error;
    QVERIFY(rotation->create(KeyRing::Purpose::Data, nullptr, &error));
    QCOMPARE(PiiVault::keyNumberOf(sealed("x")), 1);
    PiiVault::setRefreshInterval(std::chrono::milliseconds(0)); // the interval has passed
    QCOMPARE(PiiVault::keyNumberOf(sealed("x")), 2);
}

void TestPiiVault::aFolderThatGoesAwayKeepsTheKeys()
{
    const QString value = sealed("13812345678");
    QVERIFY(QDir(m_ring->directory()).removeRecursively());
    QString error;
    QVERIFY(!PiiVault::refresh(&error));
    QVERIFY2(error.contains("gone"), qPrintable(error));
    QVERIFY(!QFileInfo::exists(m_ring->directory())); // not made again, empty
    QCOMPARE(PiiVault::openOrThrow(value, phoneOfA), QStringLiteral("13812345678"));
    QCOMPARE(PiiVault::keyNumberOf(sealed("x")), 1);
}

void TestPiiVault::aRingInstalledMeanwhileReachesEveryThread()
{
    // A thread keeps the ring it last took (PiiVault's thread-local copy): a ring installed
    // since must be the one it seals and opens with next, though it never reads the folder.
    std::promise<QString> first;
    std::promise<QString> second;
    std::promise<void> installed;
    std::future<void> goOn = installed.get_future();
    std::thread worker([&] {
        first.set_value(sealed("13812345678"));
        goOn.wait();
        const QString value = sealed("13812345678");
        QString clear;
        second.set_value(PiiVault::open(value, phoneOfA, &clear) == PiiVault::Problem::None
                                 ? value
                                 : QString());
    });
    const QString underFirst = first.get_future().get();
    QTemporaryDir other;
    KeyRing::install(ringIn(other.filePath("keys"))); // another data-1.key
    m_ring.reset(); // only the threads' own copies keep the first ring now
    installed.set_value();
    const QString underOther = second.get_future().get();
    worker.join();
    QVERIFY(!underOther.isEmpty());
    QString clear;
    QCOMPARE(PiiVault::open(underOther, phoneOfA, &clear), PiiVault::Problem::None);
    QCOMPARE(PiiVault::open(underFirst, phoneOfA, &clear), PiiVault::Problem::Refused);
}

void TestPiiVault::withoutADataKeyNothingIsStored()
{
    QTemporaryDir empty;
    KeyRing::install(ringIn(empty.filePath("keys"), false));
    QString text = QStringLiteral("unchanged");
    QString error;
    QVERIFY(!PiiVault::seal("13812345678", phoneOfA, &text, &error));
    QVERIFY2(error.contains(empty.filePath("keys")), qPrintable(error));
    QVERIFY(!PiiVault::blindIndex(PiiKind::Phone, "customers", "phone", "13812345678", &text,
                                  &error));
    QVERIFY2(error.contains("index key"), qPrintable(error));
}

void TestPiiVault::benchmarkSwitchStoresClearText()
{
    PiiVault::setClearTextForBenchmark(true);
    QCOMPARE(sealed("13812345678"), QStringLiteral("13812345678"));
    QCOMPARE(indexOf(PiiKind::Phone, "+86 13812345678"), QStringLiteral("13812345678"));
    PiiVault::setClearTextForBenchmark(false);
    QVERIFY(sealed("13812345678").startsWith("e1."));
}

QTEST_GUILESS_MAIN(TestPiiVault)
#include "tst_piivault.moc"
