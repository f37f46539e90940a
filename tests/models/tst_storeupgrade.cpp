// SPDX-License-Identifier: GPL-3.0-or-later
// A local store written by the previous release opens in this one: tests/fixtures holds a
// store made by Branchline 0.1.0 (schema 7, encrypted with the test key) with customers, one
// edited, and edits still waiting for the server. Opening it backs it up, migrates it to the
// latest schema and loses nothing: the records, the search index and the edits in the
// outbox are all there, and new edits work.
//
// The fixture is made again only on purpose, from a build of the release it stands for:
//   BRANCHLINE_WRITE_STORE_FIXTURE=/path/client-store-0.1.0.db ./tst_storeupgrade writeFixture
#include "StoreFixture.h"
#include "TestFiles.h"
#include "repositories/CustomerRepository.h"
#include "repositories/Outbox.h"
#include "store/Migrator.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace branchline;

namespace {

const char *const kFixture = BRANCHLINE_FIXTURES "/client-store-0.1.0.db";
const int kFixtureSchema = 7;
// The ids the fixture's customers were given, written down when it was made.
const char *const kEditedCustomer = "fixture-customer-edited";
const char *const kPlainCustomer = "fixture-customer-plain";

qint64 number(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    const qint64 value = query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
    query.finish();
    return value;
}

} // namespace

class TestStoreUpgrade : public QObject
{
    Q_OBJECT

private slots:
    void writeFixture();
    void previousReleaseStoreUpgrades();
};

void TestStoreUpgrade::writeFixture()
{
    const QString target = qEnvironmentVariable("BRANCHLINE_WRITE_STORE_FIXTURE");
    if (target.isEmpty())
        QSKIP("makes the fixture only when BRANCHLINE_WRITE_STORE_FIXTURE names the file");
    QVERIFY(!QFile::exists(target));
    LocalStore store(target);
    QVERIFY(store.open(test::testKey(), LocalStore::KeyKind::Raw, true));
    QCOMPARE(number(store.database(), QStringLiteral("PRAGMA user_version")),
             qint64(kFixtureSchema));
    CustomerRepository repository(store.database());
    Customer edited = test::merchant(QStringLiteral("杭州西湖茶叶有限公司"));
    edited.meta.id = QLatin1String(kEditedCustomer);
    edited.creditCode = test::validCreditCode(7);
    edited.phone = QStringLiteral("13812345678");
    QVERIFY(repository.insert(edited));
    edited.notes = QStringLiteral("升级前的备注");
    QVERIFY(repository.update(edited));
    Customer plain = test::merchant(QStringLiteral("宁波港口物流有限公司"), QStringLiteral("宁波"));
    plain.meta.id = QLatin1String(kPlainCustomer);
    plain.creditCode = test::validCreditCode(8);
    QVERIFY(repository.insert(plain));
}

void TestStoreUpgrade::previousReleaseStoreUpgrades()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    QVERIFY(QFile::copy(QLatin1String(kFixture), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);

    LocalStore store(path);
    QVERIFY2(store.open(test::testKey(), LocalStore::KeyKind::Raw, false),
             qPrintable(store.lastError().detail));
    const QSqlDatabase db = store.database();
    const int latest = Migrator::productMigrations().last().version;
    QVERIFY(latest >= kFixtureSchema);
    QCOMPARE(number(db, QStringLiteral("PRAGMA user_version")), qint64(latest));
    // The previous file is kept beside it before the first change.
    const QStringList backups =
            QDir(dir.path()).entryList({ QStringLiteral("store.db.schema%1-*.bak").arg(kFixtureSchema) });
    QCOMPARE(backups.size(), latest > kFixtureSchema ? 1 : 0);

    // The records, as the old release wrote them.
    CustomerRepository repository(db);
    const std::optional<Customer> edited = repository.find(QLatin1String(kEditedCustomer));
    QVERIFY(edited);
    QCOMPARE(edited->legalName, QStringLiteral("杭州西湖茶叶有限公司"));
    QCOMPARE(edited->notes, QStringLiteral("升级前的备注"));
    QCOMPARE(edited->phone, QStringLiteral("13812345678"));
    QVERIFY(repository.find(QLatin1String(kPlainCustomer)));

    // The search finds them by name and exactly by credit code.
    StoreError error;
    CustomerFilter byName;
    byName.text = QStringLiteral("西湖 茶叶");
    QCOMPARE(repository.count(byName, &error), qint64(1));
    CustomerFilter byCode;
    byCode.text = test::validCreditCode(8);
    QCOMPARE(repository.count(byCode, &error), qint64(1));

    // The edits that waited for the server still wait: nothing is lost in an upgrade.
    Outbox outbox(db);
    QVERIFY(outbox.hasPending(QStringLiteral("customers"), QLatin1String(kEditedCustomer)));
    QVERIFY(outbox.hasPending(QStringLiteral("customers"), QLatin1String(kPlainCustomer)));
    QCOMPARE(number(db, QStringLiteral("SELECT count(*) FROM outbox")), qint64(3));

    // And the upgraded store takes new edits.
    Customer again = *edited;
    again.notes = QStringLiteral("升级后的备注");
    QVERIFY(repository.update(again));
    QCOMPARE(repository.find(QLatin1String(kEditedCustomer))->notes,
             QStringLiteral("升级后的备注"));
    QCOMPARE(number(db, QStringLiteral("SELECT count(*) FROM outbox")), qint64(4));
}

QTEST_GUILESS_MAIN(TestStoreUpgrade)
#include "tst_storeupgrade.moc"
