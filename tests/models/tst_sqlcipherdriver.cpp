// SPDX-License-Identifier: GPL-3.0-or-later
// The SQLCipher driver on its own: types, NULLs, blobs, Unicode, transactions, errors, and
// proof that the file on disk is really encrypted.
#include "TestFiles.h"
#include "store/LocalStore.h"
#include "store/SqlCipherDriver.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

using namespace branchline;

class TestSqlCipherDriver : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void roundTripsEveryType_data();
    void roundTripsEveryType();
    void nullsKeepTheirType();
    void blobsSurviveEveryByte();
    void namedAndPositionalPlaceholders();
    void lastInsertIdAndRowsAffected();
    void transactionsCommitAndRollBack();
    void scrollableAndForwardOnlyQueries();
    void scriptsRunEveryStatement();
    void errorsAreClear();
    void wrongValueCountIsAnError();
    void describesTables();
    void fileIsGenuineSqlCipher();
    void wrongKeyFailsAndChangesNothing();
    void passphraseKeysUseTheKdf();
    void openWithoutKeyIsRefused();
    void missingFileIsNotCreatedUnlessAsked();
    void rekeyChangesTheKey();

private:
    QSqlDatabase open(SecretBytes key, bool create = true,
                      SqlCipherDriver::KeyKind kind = SqlCipherDriver::KeyKind::Raw);
    QString m_path;
    QTemporaryDir m_dir;
    QString m_connection = QStringLiteral("driver-test");
};

QSqlDatabase TestSqlCipherDriver::open(SecretBytes key, bool create, SqlCipherDriver::KeyKind kind)
{
    StoreError error;
    QSqlDatabase db =
            LocalStore::openConnection(m_path, m_connection, std::move(key), kind, create, &error);
    if (!db.isOpen())
        qWarning() << "open failed:" << error.message << error.detail;
    return db;
}

void TestSqlCipherDriver::init()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QUuid::createUuid().toString(QUuid::WithoutBraces)
                            + QStringLiteral(".db"));
}

void TestSqlCipherDriver::cleanup()
{
    LocalStore::closeConnection(m_connection);
}

void TestSqlCipherDriver::roundTripsEveryType_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QVariant>("expected");
    QTest::newRow("int") << QVariant(42) << QVariant(qlonglong(42));
    QTest::newRow("negative int64")
            << QVariant(qlonglong(-9007199254740993LL)) << QVariant(qlonglong(-9007199254740993LL));
    QTest::newRow("uint") << QVariant(uint(4000000000U)) << QVariant(qlonglong(4000000000LL));
    QTest::newRow("bool true") << QVariant(true) << QVariant(qlonglong(1));
    QTest::newRow("bool false") << QVariant(false) << QVariant(qlonglong(0));
    QTest::newRow("double") << QVariant(0.0038) << QVariant(0.0038);
    QTest::newRow("ascii") << QVariant(QStringLiteral("hello"))
                           << QVariant(QStringLiteral("hello"));
    QTest::newRow("chinese") << QVariant(QStringLiteral("北京某某科技有限公司"))
                             << QVariant(QStringLiteral("北京某某科技有限公司"));
    QTest::newRow("emoji and astral")
            << QVariant(QStringLiteral("商户 🏪 𠀀")) << QVariant(QStringLiteral("商户 🏪 𠀀"));
    QTest::newRow("empty string is not null")
            << QVariant(QStringLiteral("")) << QVariant(QStringLiteral(""));
    QTest::newRow("datetime as UTC ISO")
            << QVariant(QDateTime(QDate(2026, 11, 23), QTime(19, 30, 5, 123), QTimeZone(8 * 3600)))
            << QVariant(QStringLiteral("2026-11-23T11:30:05.123Z"));
    QTest::newRow("date") << QVariant(QDate(1990, 3, 7)) << QVariant(QStringLiteral("1990-03-07"));
    QTest::newRow("uuid") << QVariant(
            QUuid(QStringLiteral("{6f1c8a52-0d3e-4c1b-9a57-3b2f0e4d9c11}")))
                          << QVariant(QStringLiteral("6f1c8a52-0d3e-4c1b-9a57-3b2f0e4d9c11"));
}

void TestSqlCipherDriver::roundTripsEveryType()
{
    QFETCH(QVariant, value);
    QFETCH(QVariant, expected);
    QSqlDatabase db = open(test::testKey());
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY2(query.exec(QStringLiteral("CREATE TABLE t (v)")),
             qPrintable(query.lastError().text()));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (v) VALUES (?)")));
    query.addBindValue(value);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(QStringLiteral("SELECT v FROM t")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).typeId(), expected.typeId());
    QCOMPARE(query.value(0), expected);
    QVERIFY(!query.isNull(0));
}

void TestSqlCipherDriver::nullsKeepTheirType()
{
    QSqlDatabase db = open(test::testKey());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (i INTEGER, s TEXT, r REAL, b BLOB)")));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?)")));
    query.addBindValue(QVariant(QMetaType::fromType<int>()));
    query.addBindValue(QVariant(QMetaType::fromType<QString>()));
    query.addBindValue(QVariant());
    query.addBindValue(QVariant(QMetaType::fromType<QByteArray>()));
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(QStringLiteral("SELECT i, s, r, b, i IS NULL FROM t")));
    QVERIFY(query.next());
    for (int c = 0; c < 4; ++c)
        QVERIFY2(query.isNull(c), qPrintable(QString::number(c)));
    QCOMPARE(query.value(0).metaType(), QMetaType::fromType<qlonglong>());
    QCOMPARE(query.value(1).metaType(), QMetaType::fromType<QString>());
    QCOMPARE(query.value(2).metaType(), QMetaType::fromType<double>());
    QCOMPARE(query.value(3).metaType(), QMetaType::fromType<QByteArray>());
    QCOMPARE(query.value(4).toInt(), 1);
}

void TestSqlCipherDriver::blobsSurviveEveryByte()
{
    QSqlDatabase db = open(test::testKey());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (b BLOB)")));
    QByteArray blob;
    for (int round = 0; round < 300; ++round)
        for (int byte = 0; byte < 256; ++byte)
            blob.append(static_cast<char>(byte));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t VALUES (:b)")));
    query.bindValue(QStringLiteral(":b"), blob);
    QVERIFY(query.exec());
    QVERIFY(query.exec(QStringLiteral("SELECT b, length(b) FROM t")));
    QVERIFY(query.next());
    QCOMPARE(query.value(1).toInt(), blob.size());
    QCOMPARE(query.value(0).toByteArray(), blob);
}

void TestSqlCipherDriver::namedAndPositionalPlaceholders()
{
    QSqlDatabase db = open(test::testKey());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (a, b, c)")));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t VALUES (:x, :y, :x)")));
    query.bindValue(QStringLiteral(":x"), 7);
    query.bindValue(QStringLiteral(":y"), QStringLiteral("y: not a placeholder ':z'"));
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(QStringLiteral("SELECT a, b, c FROM t WHERE a = 7 AND c = 7")));
    QVERIFY(query.next());
    QCOMPARE(query.value(1).toString(), QStringLiteral("y: not a placeholder ':z'"));
}

void TestSqlCipherDriver::lastInsertIdAndRowsAffected()
{
    QSqlDatabase db = open(test::testKey());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, v)")));
    for (int i = 1; i <= 3; ++i) {
        QVERIFY(query.exec(QStringLiteral("INSERT INTO t (v) VALUES ('x')")));
        QCOMPARE(query.lastInsertId().toLongLong(), qlonglong(i));
        QCOMPARE(query.numRowsAffected(), 1);
    }
    QVERIFY(query.exec(QStringLiteral("UPDATE t SET v = 'y' WHERE id >= 2")));
    QCOMPARE(query.numRowsAffected(), 2);
    QVERIFY(!query.lastInsertId().isValid() || query.lastInsertId().toLongLong() == 3);
}

void TestSqlCipherDriver::transactionsCommitAndRollBack()
{
    QSqlDatabase db = open(test::testKey());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (v)")));
    QVERIFY(db.transaction());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t VALUES (1)")));
    QVERIFY(db.rollback());
    QVERIFY(db.transaction());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t VALUES (2)")));
    QVERIFY(db.commit());
    QVERIFY(query.exec(QStringLiteral("SELECT group_concat(v) FROM t")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("2"));
    // Committing with no transaction open is an error with a message, not a crash.
    QVERIFY(!db.commit());
    QVERIFY(!db.lastError().text().isEmpty());
}

void TestSqlCipherDriver::scrollableAndForwardOnlyQueries()
{
    QSqlDatabase db = open(test::testKey());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (v INTEGER)")));
    QVERIFY(db.transaction());
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t VALUES (?)")));
    for (int i = 0; i < 100; ++i) {
        query.addBindValue(i);
        QVERIFY(query.exec());
    }
    QVERIFY(db.commit());

    QSqlQuery scroll(db);
    QVERIFY(scroll.exec(QStringLiteral("SELECT v FROM t ORDER BY v")));
    QVERIFY(scroll.seek(50));
    QCOMPARE(scroll.value(0).toInt(), 50);
    QVERIFY(scroll.seek(10));
    QCOMPARE(scroll.value(0).toInt(), 10);
    QVERIFY(scroll.last());
    QCOMPARE(scroll.value(0).toInt(), 99);
    QCOMPARE(scroll.at(), 99);
    QVERIFY(scroll.first());
    QCOMPARE(scroll.value(0).toInt(), 0);
    QVERIFY(!scroll.seek(100));

    QSqlQuery forward(db);
    forward.setForwardOnly(true);
    QVERIFY(forward.exec(QStringLiteral("SELECT v FROM t ORDER BY v")));
    int expected = 0;
    while (forward.next())
        QCOMPARE(forward.value(0).toInt(), expected++);
    QCOMPARE(expected, 100);
    QVERIFY(forward.exec(QStringLiteral("SELECT v FROM t ORDER BY v")));
    QVERIFY(forward.last());
    QCOMPARE(forward.value(0).toInt(), 99);

    QVERIFY(forward.exec(QStringLiteral("SELECT v FROM t WHERE v < 0")));
    QVERIFY(!forward.next());
}

void TestSqlCipherDriver::scriptsRunEveryStatement()
{
    QSqlDatabase db = open(test::testKey());
    QSqlQuery query(db);
    QVERIFY2(query.exec(QStringLiteral("-- a script like a migration\n"
                                       "CREATE TABLE a (v);\n"
                                       "CREATE TABLE log (v);\n"
                                       "CREATE TRIGGER a_log AFTER INSERT ON a BEGIN INSERT INTO "
                                       "log VALUES (new.v); END;\n"
                                       "/* the last statement's rows are the result */\n"
                                       "INSERT INTO a VALUES ('x;y');\n"
                                       "SELECT v FROM log;\n"
                                       "-- trailing comment\n")),
             qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("x;y"));

    // A failing statement stops the script and says which.
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO a VALUES (1); INSERT INTO nowhere VALUES (2); "
                                       "INSERT INTO a VALUES (3);")));
    QVERIFY(query.lastError().databaseText().contains(QStringLiteral("nowhere")));
    // A prepared query takes exactly one statement.
    QVERIFY(!query.prepare(QStringLiteral("SELECT 1; SELECT 2")));
}

void TestSqlCipherDriver::errorsAreClear()
{
    QSqlDatabase db = open(test::testKey());
    QSqlQuery query(db);
    QVERIFY(!query.exec(QStringLiteral("SELEKT 1")));
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
    QVERIFY(query.lastError().databaseText().contains(QStringLiteral("syntax error")));
    QVERIFY(!query.lastError().nativeErrorCode().isEmpty());

    QVERIFY(query.exec(QStringLiteral("CREATE TABLE u (k TEXT UNIQUE)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO u VALUES ('a')")));
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO u VALUES ('a')")));
    QVERIFY(query.lastError().driverText().contains(QStringLiteral("duplicate")));
    QCOMPARE(query.lastError().nativeErrorCode().toInt() & 0xff, 19); // SQLITE_CONSTRAINT

    // A full disk, provoked by the engine's own page limit.
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE big (b BLOB)")));
    QVERIFY(query.exec(QStringLiteral("PRAGMA max_page_count = 12")));
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO big VALUES (zeroblob(200000))")));
    QCOMPARE(query.lastError().nativeErrorCode().toInt() & 0xff, 13); // SQLITE_FULL
    QVERIFY(query.lastError().driverText().contains(QStringLiteral("disk is full")));
}

void TestSqlCipherDriver::wrongValueCountIsAnError()
{
    QSqlDatabase db = open(test::testKey());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (a, b)")));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t VALUES (?, ?)")));
    query.addBindValue(1);
    QVERIFY(!query.exec());
    QVERIFY(query.lastError().text().contains(QStringLiteral("expects 2 values")));
}

void TestSqlCipherDriver::describesTables()
{
    QSqlDatabase db = open(test::testKey());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT "
                                      "NULL, score REAL, photo BLOB)")));
    QVERIFY(query.exec(QStringLiteral("CREATE VIEW names AS SELECT name FROM people")));
    QCOMPARE(db.tables(QSql::Tables), QStringList{ QStringLiteral("people") });
    QCOMPARE(db.tables(QSql::Views), QStringList{ QStringLiteral("names") });
    const QSqlRecord record = db.record(QStringLiteral("people"));
    QCOMPARE(record.count(), 4);
    QCOMPARE(record.field(QStringLiteral("id")).metaType(), QMetaType::fromType<qlonglong>());
    QCOMPARE(record.field(QStringLiteral("score")).metaType(), QMetaType::fromType<double>());
    QCOMPARE(record.field(QStringLiteral("photo")).metaType(), QMetaType::fromType<QByteArray>());
    QCOMPARE(record.field(QStringLiteral("name")).requiredStatus(), QSqlField::Required);
    QCOMPARE(db.primaryIndex(QStringLiteral("people")).fieldName(0), QStringLiteral("id"));
    QVERIFY(query.exec(QStringLiteral("SELECT name AS n, score FROM people")));
    QCOMPARE(query.record().fieldName(0), QStringLiteral("n"));
}

void TestSqlCipherDriver::fileIsGenuineSqlCipher()
{
    {
        QSqlDatabase db = open(test::testKey());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE secret (v TEXT)")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO secret VALUES ('110105199003071234')")));
        QVERIFY(query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    LocalStore::closeConnection(m_connection);

    QFile raw(m_path);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray bytes = raw.readAll();
    QVERIFY(!bytes.startsWith("SQLite format 3"));
    QVERIFY(!bytes.contains("110105199003071234"));
    QVERIFY(!bytes.contains("CREATE TABLE"));
    QCOMPARE(bytes.size() % 4096, 0); // 4 KiB cipher pages

    // The official sqlcipher shell reads it with the raw key.
    const SecretBytes literal = test::testKey().toRawKeyLiteral();
    const QByteArray script = "PRAGMA key = \""
            + QByteArray(reinterpret_cast<const char *>(literal.data()), int(literal.size()))
            + "\";\nPRAGMA cipher_page_size = 4096;\nSELECT v FROM secret;\n";
    QString out;
    QString err;
    QCOMPARE(test::runProgram(QStringLiteral("sqlcipher"), { m_path }, script, &out, &err), 0);
    QCOMPARE(out.trimmed(), QStringLiteral("110105199003071234"));

    // Plain SQLite cannot.
    const int rc = test::runProgram(QStringLiteral("sqlite3"), { m_path },
                                    "SELECT v FROM secret;\n", &out, &err);
    QVERIFY(rc != 0 || !err.isEmpty());
    QVERIFY2(err.contains(QStringLiteral("not a database")), qPrintable(err));
    QVERIFY(!out.contains(QStringLiteral("110105")));
}

void TestSqlCipherDriver::wrongKeyFailsAndChangesNothing()
{
    {
        QSqlDatabase db = open(test::testKey(0x11));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (v); INSERT INTO t VALUES (1);")));
    }
    LocalStore::closeConnection(m_connection);
    const QByteArray before = test::fileHash(m_path);

    StoreError error;
    QSqlDatabase db = LocalStore::openConnection(m_path, m_connection, test::testKey(0x22),
                                                 SqlCipherDriver::KeyKind::Raw, false, &error);
    QVERIFY(!db.isOpen());
    QCOMPARE(error.kind, StoreError::Kind::WrongKeyOrDamaged);
    QVERIFY(error.message.contains(QStringLiteral("key is wrong")));
    QCOMPARE(test::fileHash(m_path), before);
}

void TestSqlCipherDriver::passphraseKeysUseTheKdf()
{
    const QByteArray phrase = "correct horse battery staple 马";
    {
        QSqlDatabase db = open(SecretBytes(phrase.constData(), std::size_t(phrase.size())), true,
                               SqlCipherDriver::KeyKind::Passphrase);
        QVERIFY(db.isOpen());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (v); INSERT INTO t VALUES ('ok');")));
    }
    LocalStore::closeConnection(m_connection);
    // The same passphrase opens it; the passphrase bytes used as a raw key do not.
    QSqlDatabase again = open(SecretBytes(phrase.constData(), std::size_t(phrase.size())), false,
                              SqlCipherDriver::KeyKind::Passphrase);
    QVERIFY(again.isOpen());
    again = QSqlDatabase();
    LocalStore::closeConnection(m_connection);
    const QByteArray wrong = "correct horse battery staple";
    QVERIFY(!open(SecretBytes(wrong.constData(), std::size_t(wrong.size())), false,
                  SqlCipherDriver::KeyKind::Passphrase)
                     .isOpen());
}

void TestSqlCipherDriver::openWithoutKeyIsRefused()
{
    StoreError error;
    QSqlDatabase db = LocalStore::openConnection(m_path, m_connection, SecretBytes(),
                                                 SqlCipherDriver::KeyKind::Raw, true, &error);
    QVERIFY(!db.isOpen());
    QVERIFY(error.isError());
    QVERIFY(!QFile::exists(m_path) || QFileInfo(m_path).size() == 0);
}

void TestSqlCipherDriver::missingFileIsNotCreatedUnlessAsked()
{
    StoreError error;
    QSqlDatabase db = LocalStore::openConnection(m_path, m_connection, test::testKey(),
                                                 SqlCipherDriver::KeyKind::Raw, false, &error);
    QVERIFY(!db.isOpen());
    QCOMPARE(error.kind, StoreError::Kind::AccessDenied);
    QVERIFY(!QFile::exists(m_path));
}

void TestSqlCipherDriver::rekeyChangesTheKey()
{
    {
        QSqlDatabase db = open(test::testKey(1));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (v); INSERT INTO t VALUES ('kept');")));
        auto *driver = static_cast<SqlCipherDriver *>(db.driver());
        QVERIFY(driver->rekey(test::testKey(2), SqlCipherDriver::KeyKind::Raw));
    }
    LocalStore::closeConnection(m_connection);
    QVERIFY(!open(test::testKey(1), false).isOpen());
    LocalStore::closeConnection(m_connection);
    QSqlDatabase db = open(test::testKey(2), false);
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("SELECT v FROM t")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("kept"));
}

QTEST_GUILESS_MAIN(TestSqlCipherDriver)
#include "tst_sqlcipherdriver.moc"
