// SPDX-License-Identifier: GPL-3.0-or-later
// Opening, creating and migrating the local store, and every way a bad file is refused
// without being changed: each refusal is checked against the file's hash.
#include "TestFiles.h"
#include "repositories/CustomerRepository.h"
#include "store/LocalStore.h"
#include "store/Migrator.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace branchline;

class TestLocalStore : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void createsNewStoreAtLatestSchema();
    void reopensWithTheSameKey();
    void missingFileIsNotCreated();
    void wrongKeyLeavesFileUntouched();
    void emptyFileIsRefused();
    void truncatedFileIsRefused_data();
    void truncatedFileIsRefused();
    void damagedFirstPageIsRefused();
    void damagedLaterPageIsReportedNotHidden();
    void newerStoreIsRefusedAndUntouched();
    void newerButCompatibleStoreOpens();
    void foreignDatabaseIsRefused();
    void migrationBacksUpThenApplies();
    void failedMigrationRollsBack();
    void fullDiskDuringWriteLosesNothing();

private:
    // A store with one customer, closed, so its file is complete on disk.
    void makeStore(unsigned char keySeed = 0x42);
    void setRawPragma(const QString &sql);
    QString m_path;
    QTemporaryDir m_dir;
};

void TestLocalStore::init()
{
    QVERIFY(m_dir.isValid());
    static int counter = 0;
    m_path = m_dir.filePath(QStringLiteral("store-%1.db").arg(++counter));
}

void TestLocalStore::makeStore(unsigned char keySeed)
{
    LocalStore store(m_path);
    QVERIFY2(store.open(test::testKey(keySeed), LocalStore::KeyKind::Raw, true),
             qPrintable(store.lastError().detail));
    Customer customer;
    customer.legalName = QStringLiteral("杭州西湖茶叶有限公司");
    customer.city = QStringLiteral("杭州");
    for (int i = 0; i < 40; ++i)
        customer.notes += QStringLiteral("第%1次拜访记录，商户经营正常。").arg(i);
    QVERIFY(CustomerRepository(store.database()).insert(customer));
}

void TestLocalStore::setRawPragma(const QString &sql)
{
    StoreError error;
    const QString name = QStringLiteral("raw");
    {
        QSqlDatabase db = LocalStore::openConnection(m_path, name, test::testKey(),
                                                     LocalStore::KeyKind::Raw, false, &error);
        QVERIFY(db.isOpen());
        QSqlQuery query(db);
        QVERIFY(query.exec(sql));
    }
    LocalStore::closeConnection(name);
}

void TestLocalStore::createsNewStoreAtLatestSchema()
{
    LocalStore store(m_path);
    QVERIFY(store.open(test::testKey(), LocalStore::KeyKind::Raw, true));
    QCOMPARE(store.schemaVersion(), Migrator(store.database(), m_path).latestVersion());
    const QStringList tables = store.database().tables();
    for (const char *table :
         { "customers", "contacts", "leads", "tasks", "activities", "branches", "users",
           "field_versions", "store_meta", "outbox", "sync_conflicts", "sync_snapshot_seen" })
        QVERIFY2(tables.contains(QLatin1String(table)), table);
    QSqlQuery query(store.database());
    QVERIFY(query.exec(QStringLiteral("SELECT value FROM store_meta WHERE key = 'store_id'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString().size(), 36);
    QVERIFY(store.lastBackupPath().isEmpty()); // nothing to back up in a new store
}

void TestLocalStore::reopensWithTheSameKey()
{
    makeStore();
    LocalStore store(m_path);
    QVERIFY(store.open(test::testKey(), LocalStore::KeyKind::Raw, false));
    QCOMPARE(CustomerRepository(store.database()).count({}, nullptr), 1);
}

void TestLocalStore::missingFileIsNotCreated()
{
    LocalStore store(m_path);
    QVERIFY(!store.open(test::testKey(), LocalStore::KeyKind::Raw, false));
    QCOMPARE(store.lastError().kind, StoreError::Kind::NotFound);
    QVERIFY(!QFile::exists(m_path));
}

void TestLocalStore::wrongKeyLeavesFileUntouched()
{
    makeStore(0x42);
    const QByteArray before = test::fileHash(m_path);
    LocalStore store(m_path);
    QVERIFY(!store.open(test::testKey(0x43), LocalStore::KeyKind::Raw, true));
    QCOMPARE(store.lastError().kind, StoreError::Kind::WrongKeyOrDamaged);
    QVERIFY(!store.lastError().message.isEmpty());
    QCOMPARE(test::fileHash(m_path), before);
    // And the right key still opens it afterwards.
    QVERIFY(store.open(test::testKey(0x42), LocalStore::KeyKind::Raw, false));
}

void TestLocalStore::emptyFileIsRefused()
{
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    LocalStore store(m_path);
    QVERIFY(!store.open(test::testKey(), LocalStore::KeyKind::Raw, true));
    QCOMPARE(store.lastError().kind, StoreError::Kind::Empty);
    QCOMPARE(QFileInfo(m_path).size(), 0);
}

void TestLocalStore::truncatedFileIsRefused_data()
{
    QTest::addColumn<bool>("wholePages");
    QTest::newRow("cut mid-page") << false;
    QTest::newRow("cut at a page boundary") << true;
}

void TestLocalStore::truncatedFileIsRefused()
{
    QFETCH(bool, wholePages);
    makeStore();
    const qint64 size = QFileInfo(m_path).size();
    QVERIFY(size >= 4 * 4096);
    QFile file(m_path);
    QVERIFY(file.resize(wholePages ? size - 2 * 4096 : size - 1000));
    const QByteArray before = test::fileHash(m_path);
    LocalStore store(m_path);
    QVERIFY(!store.open(test::testKey(), LocalStore::KeyKind::Raw, false));
    QCOMPARE(store.lastError().kind, StoreError::Kind::Damaged);
    QCOMPARE(test::fileHash(m_path), before);
}

void TestLocalStore::damagedFirstPageIsRefused()
{
    makeStore();
    QVERIFY(test::flipBytes(m_path, 100, 16));
    const QByteArray before = test::fileHash(m_path);
    LocalStore store(m_path);
    QVERIFY(!store.open(test::testKey(), LocalStore::KeyKind::Raw, false));
    QCOMPARE(store.lastError().kind, StoreError::Kind::WrongKeyOrDamaged);
    QCOMPARE(test::fileHash(m_path), before);
}

void TestLocalStore::damagedLaterPageIsReportedNotHidden()
{
    makeStore();
    // Every page of the file past the first, damaged one at a time: whichever page holds
    // the customer, reading it must fail loudly, never return altered data.
    const qint64 pages = QFileInfo(m_path).size() / 4096;
    int failures = 0;
    for (qint64 page = 1; page < pages; ++page) {
        const QString copy = m_path + QStringLiteral(".page%1").arg(page);
        QVERIFY(QFile::copy(m_path, copy));
        QVERIFY(test::flipBytes(copy, page * 4096 + 2000, 8));
        const QByteArray before = test::fileHash(copy);
        {
            LocalStore store(copy);
            if (store.open(test::testKey(), LocalStore::KeyKind::Raw, false)) {
                QSqlQuery query(store.database());
                const bool read = query.exec(QStringLiteral(
                                          "SELECT count(*), sum(length(notes)) FROM customers"))
                        && query.next();
                if (!read) {
                    const StoreError error = StoreError::fromSql(query.lastError());
                    QVERIFY2(error.kind == StoreError::Kind::Damaged
                                     || error.kind == StoreError::Kind::WrongKeyOrDamaged,
                             qPrintable(error.detail));
                    ++failures;
                }
            } else {
                ++failures;
            }
        }
        QCOMPARE(test::fileHash(copy), before);
    }
    QVERIFY(failures > 0);
}

void TestLocalStore::newerStoreIsRefusedAndUntouched()
{
    makeStore();
    setRawPragma(QStringLiteral("UPDATE store_meta SET value = '99' WHERE key = "
                                "'min_reader_version'; PRAGMA user_version = 99;"));
    const QByteArray before = test::fileHash(m_path);
    LocalStore store(m_path);
    QVERIFY(!store.open(test::testKey(), LocalStore::KeyKind::Raw, false));
    QCOMPARE(store.lastError().kind, StoreError::Kind::NewerVersion);
    QVERIFY(store.lastError().message.contains(QStringLiteral("newer")));
    QCOMPARE(test::fileHash(m_path), before);
}

void TestLocalStore::newerButCompatibleStoreOpens()
{
    makeStore();
    setRawPragma(QStringLiteral("PRAGMA user_version = 99"));
    LocalStore store(m_path);
    QVERIFY2(store.open(test::testKey(), LocalStore::KeyKind::Raw, false),
             qPrintable(store.lastError().detail));
    QCOMPARE(store.schemaVersion(), 99);
}

void TestLocalStore::foreignDatabaseIsRefused()
{
    StoreError error;
    const QString name = QStringLiteral("foreign");
    {
        QSqlDatabase db = LocalStore::openConnection(m_path, name, test::testKey(),
                                                     LocalStore::KeyKind::Raw, true, &error);
        QSqlQuery query(db);
        QVERIFY(query.exec(
                QStringLiteral("CREATE TABLE other (x); INSERT INTO other VALUES (1);")));
    }
    LocalStore::closeConnection(name);
    const QByteArray before = test::fileHash(m_path);
    LocalStore store(m_path);
    QVERIFY(!store.open(test::testKey(), LocalStore::KeyKind::Raw, false));
    QCOMPARE(store.lastError().kind, StoreError::Kind::NotAStore);
    QCOMPARE(test::fileHash(m_path), before);
}

void TestLocalStore::migrationBacksUpThenApplies()
{
    makeStore();
    const QString script = m_dir.filePath(QStringLiteral("0002_test.sql"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("CREATE TABLE kyc_cases (id TEXT PRIMARY KEY, customer_id TEXT);\n"
               "INSERT INTO kyc_cases SELECT 'k-' || id, id FROM customers;\n");
    file.close();
    const QByteArray scriptPath = script.toUtf8();

    StoreError error;
    const QString name = QStringLiteral("migrate");
    {
        QSqlDatabase db = LocalStore::openConnection(m_path, name, test::testKey(),
                                                     LocalStore::KeyKind::Raw, false, &error);
        // One step past the product's latest schema.
        QList<Migration> migrations = Migrator::productMigrations();
        const int latest = migrations.last().version;
        migrations << Migration{ latest + 1, "kyc cases", scriptPath.constData(), 1 };
        Migrator migrator(db, m_path, migrations);
        QVERIFY(migrator.inspect(&error));
        QCOMPARE(migrator.currentVersion(), latest);
        QVERIFY2(migrator.migrate(&error), qPrintable(error.detail));
        QCOMPARE(migrator.currentVersion(), latest + 1);
        QVERIFY(QFile::exists(migrator.backupPath()));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM kyc_cases")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);

        // The backup is the store as it was: still encrypted, still the latest product schema.
        const QString backup = migrator.backupPath();
        const QString backupName = QStringLiteral("backup");
        {
            QSqlDatabase old = LocalStore::openConnection(backup, backupName, test::testKey(),
                                                          LocalStore::KeyKind::Raw, false, &error);
            QVERIFY(old.isOpen());
            QSqlQuery check(old);
            QVERIFY(check.exec(QStringLiteral("PRAGMA user_version")));
            QVERIFY(check.next());
            QCOMPARE(check.value(0).toInt(), latest);
            QVERIFY(!old.tables().contains(QStringLiteral("kyc_cases")));
        }
        LocalStore::closeConnection(backupName);
    }
    LocalStore::closeConnection(name);
}

void TestLocalStore::failedMigrationRollsBack()
{
    makeStore();
    const QString script = m_dir.filePath(QStringLiteral("0002_broken.sql"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("CREATE TABLE half_done (x);\nINSERT INTO no_such_table VALUES (1);\n");
    file.close();
    const QByteArray scriptPath = script.toUtf8();

    StoreError error;
    const QString name = QStringLiteral("broken");
    {
        QSqlDatabase db = LocalStore::openConnection(m_path, name, test::testKey(),
                                                     LocalStore::KeyKind::Raw, false, &error);
        QList<Migration> migrations = Migrator::productMigrations();
        const int latest = migrations.last().version;
        migrations << Migration{ latest + 1, "broken", scriptPath.constData(), 1 };
        Migrator migrator(db, m_path, migrations);
        QVERIFY(migrator.inspect(&error));
        QVERIFY(!migrator.migrate(&error));
        QVERIFY(!error.message.isEmpty());
        QVERIFY(!db.tables().contains(QStringLiteral("half_done")));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), latest);
        QCOMPARE(CustomerRepository(db).count({}, nullptr), 1);
    }
    LocalStore::closeConnection(name);
}

void TestLocalStore::fullDiskDuringWriteLosesNothing()
{
    makeStore();
    const QByteArray before = test::fileHash(m_path);
    {
        LocalStore store(m_path);
        QVERIFY(store.open(test::testKey(), LocalStore::KeyKind::Raw, false));
        QSqlQuery query(store.database());
        // The engine's own page limit: the store cannot grow, exactly as on a full disk.
        QVERIFY(query.exec(QStringLiteral("PRAGMA page_count")) && query.next());
        const int pages = query.value(0).toInt();
        QVERIFY(query.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
        QList<Customer> many;
        for (int i = 0; i < 500; ++i) {
            Customer c;
            c.legalName = QStringLiteral("批量导入商户 %1").arg(i);
            c.notes = QString(400, QLatin1Char('x'));
            many << c;
        }
        const SaveResult result = CustomerRepository(store.database()).insertMany(many);
        QVERIFY(!result);
        QCOMPARE(result.error.kind, StoreError::Kind::DiskFull);
        QVERIFY(result.error.message.contains(QStringLiteral("disk is full")));
        QCOMPARE(CustomerRepository(store.database()).count({}, nullptr), 1);
    }
    QCOMPARE(test::fileHash(m_path), before);
    LocalStore store(m_path);
    QVERIFY(store.open(test::testKey(), LocalStore::KeyKind::Raw, false));
    QCOMPARE(CustomerRepository(store.database()).count({}, nullptr), 1);
}

QTEST_GUILESS_MAIN(TestLocalStore)
#include "tst_localstore.moc"
