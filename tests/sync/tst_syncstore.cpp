// SPDX-License-Identifier: GPL-3.0-or-later
// The client store's side of sync over a real encrypted store: outbox rows written with
// every edit, pulled pages applied atomically with their cursor, pending edits kept on top,
// removals and re-snapshot purges journalled, results retiring the outbox, and conflict
// resolution as one write.
#include "StoreFixture.h"
#include "SyncStore.h"
#include "TestFiles.h"
#include "repositories/ContactRepository.h"
#include "repositories/CustomerRepository.h"
#include "repositories/RecordTable.h"
#include "search/SearchIndex.h"
#include "store/Migrator.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace branchline;
using namespace branchline::sync;

namespace {

struct OutboxRow
{
    qint64 mutation = 0;
    QString table;
    QString recordId;
    QString op;
    QJsonObject fields;
    QJsonObject base;
    qint64 baseVersion = 0;
    int attempts = 0;
    QString lastError;
};

// Table-valued pragma functions need SQLite 3.16; the store runs 3.15.
QStringList columnsOf(const QSqlDatabase &db, const QString &table)
{
    QStringList columns;
    QSqlQuery query(db);
    if (!query.exec("PRAGMA table_info(" + table + ")"))
        return columns;
    while (query.next())
        columns << query.value(1).toString();
    return columns;
}

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject customerRow(const QString &name, const QString &city = "杭州")
{
    return { { "kind", "merchant" },
             { "legal_name", name },
             { "city", city },
             { "status", "active" },
             { "deleted", false },
             { "version", 0 },
             { "created_at", "2026-11-01T08:00:00.000Z" },
             { "updated_at", "2026-11-02T08:00:00.000Z" } };
}

Change upsert(const QString &table, const QString &id, qint64 seq, const QJsonObject &row,
              const FieldVersions &versions = {})
{
    Change change;
    change.table = table;
    change.id = id;
    change.seq = seq;
    change.row = row;
    change.versions = versions;
    return change;
}

Change removal(const QString &table, const QString &id)
{
    Change change;
    change.table = table;
    change.id = id;
    change.op = Change::Op::Remove;
    return change;
}

PullPage page(QList<Change> changes, const QString &cursor,
              PullPage::Mode mode = PullPage::Mode::Tail)
{
    PullPage p;
    p.epoch = "epoch-1";
    p.head = 5000;
    p.mode = mode;
    p.changes = std::move(changes);
    p.cursor = cursor;
    return p;
}

} // namespace

class TestSyncStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void freshStoreHasTheSyncSchema();
    void versionOneStoreIsMigrated();
    void insertWritesItsOutboxRow();
    void updateQueuesOnlyChangedFieldsWithTheirBase();
    void softDeleteQueuesADelete();
    void failedWriteQueuesNothing();
    void failedOutboxWriteKeepsNoRecord();
    void writesNestInACallersTransaction();
    void loadMakesOneClientId();
    void applyPageInsertsThenUpdatesInPlace();
    void applyPageKeepsPendingFields();
    void failedPageWritesNothingNotEvenItsCursor();
    void removalWithoutPendingEditsPurges();
    void removalWithPendingEditsJournalsThem();
    void resnapshotPurgesWhatItDidNotDeliver();
    void resultsRetireTheOutbox();
    void attemptFailuresAreCounted();
    void resolvingWritesResolutionAndMutation();
    void resolvingIsAllOrNothing();
    void snapshotDefersTheSearchIndexUntilRebuilt();
    void reRegisterPushesForgottenEditsAgain();
    void secondConnectionSeesEditsAfterASnapshot();
    void snapshotProgressIsKeptWithItsPages();

private:
    QSqlDatabase db() const { return m_fixture->db(); }
    QList<OutboxRow> outbox() const;
    qint64 scalar(const QString &sql) const;
    void exec(const QString &sql) const;
    // A customer saved locally, then acknowledged by the server at `version`: no outbox.
    Customer syncedCustomer(const QString &name, qint64 version);

    std::unique_ptr<test::StoreFixture> m_fixture;
};

void TestSyncStore::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
}

void TestSyncStore::cleanup()
{
    m_fixture.reset();
}

QList<OutboxRow> TestSyncStore::outbox() const
{
    QList<OutboxRow> rows;
    QSqlQuery query(db());
    if (!query.exec("SELECT mutation, table_name, record_id, op, fields, base, base_version, "
                    "attempts, last_error FROM outbox ORDER BY mutation"))
        qWarning() << query.lastError();
    while (query.next()) {
        OutboxRow row;
        row.mutation = query.value(0).toLongLong();
        row.table = query.value(1).toString();
        row.recordId = query.value(2).toString();
        row.op = query.value(3).toString();
        row.fields = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
        row.base = QJsonDocument::fromJson(query.value(5).toString().toUtf8()).object();
        row.baseVersion = query.value(6).toLongLong();
        row.attempts = query.value(7).toInt();
        row.lastError = query.value(8).toString();
        rows << row;
    }
    return rows;
}

qint64 TestSyncStore::scalar(const QString &sql) const
{
    QSqlQuery query(db());
    if (!query.exec(sql) || !query.next()) {
        qWarning() << sql << query.lastError();
        return -1;
    }
    return query.value(0).toLongLong();
}

void TestSyncStore::exec(const QString &sql) const
{
    QSqlQuery query(db());
    QVERIFY2(query.exec(sql), qPrintable(sql + " " + query.lastError().text()));
}

Customer TestSyncStore::syncedCustomer(const QString &name, qint64 version)
{
    Customer c = test::merchant(name);
    const SaveResult saved = CustomerRepository(db()).insert(c);
    if (!saved)
        qWarning() << saved.firstMessage();
    exec(QString("UPDATE customers SET version = %1 WHERE id = '%2'").arg(version).arg(c.meta.id));
    exec("DELETE FROM outbox");
    return c;
}

void TestSyncStore::freshStoreHasTheSyncSchema()
{
    const QStringList tables = db().tables();
    for (const char *table : { "outbox", "sync_conflicts", "sync_snapshot_seen" })
        QVERIFY2(tables.contains(QLatin1String(table)), table);
    QCOMPARE(m_fixture->store().schemaVersion(), Migrator::productMigrations().last().version);
    QVERIFY(columnsOf(db(), "tasks").contains("branch_id"));
    QCOMPARE(scalar("SELECT value FROM store_meta WHERE key = 'min_reader_version'"), 2);
}

void TestSyncStore::versionOneStoreIsMigrated()
{
    // A store as Branchline schema 1 left it, with one customer.
    QTemporaryDir dir;
    const QString path = dir.filePath("v1.db");
    const QString name = "v1";
    {
        StoreError error;
        QSqlDatabase raw = LocalStore::openConnection(path, name, test::testKey(),
                                                      LocalStore::KeyKind::Raw, true, &error);
        QVERIFY(raw.isOpen());
        Migrator migrator(raw, path, { Migrator::productMigrations().first() });
        QVERIFY(migrator.inspect(&error));
        QVERIFY2(migrator.migrate(&error), qPrintable(error.detail));
        QSqlQuery query(raw);
        QVERIFY(query.exec("INSERT INTO customers (id, kind, legal_name, version, created_at, "
                           "updated_at) VALUES ('c-1', 'merchant', '老商户', 7, "
                           "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"));
        QVERIFY(!raw.tables().contains("outbox"));
    }
    LocalStore::closeConnection(name);

    LocalStore store(path);
    QVERIFY2(store.open(test::testKey(), LocalStore::KeyKind::Raw, false),
             qPrintable(store.lastError().detail));
    QCOMPARE(store.schemaVersion(), Migrator::productMigrations().last().version);
    QVERIFY(QFile::exists(store.lastBackupPath()));
    QVERIFY(store.database().tables().contains("outbox"));
    QSqlQuery query(store.database());
    QVERIFY(query.exec("SELECT legal_name, version FROM customers WHERE id = 'c-1'"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QString("老商户"));
    QCOMPARE(query.value(1).toInt(), 7);
    QVERIFY(query.exec("SELECT count(*) FROM outbox"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0); // existing rows are not edits
    QVERIFY(columnsOf(store.database(), "tasks").contains("branch_id"));

    // A schema-1 Branchline would write edits without outbox rows: it must refuse the store.
    StoreError refused;
    Migrator older(store.database(), path, { Migrator::productMigrations().first() });
    QVERIFY(!older.inspect(&refused));
    QCOMPARE(refused.kind, StoreError::Kind::NewerVersion);
}

void TestSyncStore::insertWritesItsOutboxRow()
{
    Customer c = test::merchant("杭州西湖茶叶有限公司");
    QVERIFY(CustomerRepository(db()).insert(c));
    Contact contact;
    contact.customerId = c.meta.id;
    contact.name = "王经理";
    contact.isPrimary = true;
    QVERIFY(ContactRepository(db()).insert(contact));

    const QList<OutboxRow> rows = outbox();
    QCOMPARE(rows.size(), 2);
    QVERIFY(rows[0].mutation < rows[1].mutation);
    QCOMPARE(rows[0].table, QString("customers"));
    QCOMPARE(rows[0].recordId, c.meta.id);
    QCOMPARE(rows[0].op, QString("insert"));
    QCOMPARE(rows[0].fields.value("legal_name").toString(), c.legalName);
    QCOMPARE(rows[0].fields.value("kind").toString(), QString("merchant"));
    QVERIFY(!rows[0].fields.contains("credit_code")); // NULL columns are left out
    QVERIFY(!rows[0].fields.contains("id"));
    QVERIFY(rows[0].base.isEmpty());
    QCOMPARE(rows[0].baseVersion, 0);
    // Booleans travel as 0/1 integers, as they are stored.
    QCOMPARE(rows[1].table, QString("contacts"));
    QVERIFY(rows[1].fields.value("is_primary").isDouble());
    QCOMPARE(rows[1].fields.value("is_primary").toInteger(), 1);

    SyncStore store(db());
    QVERIFY(store.isPending("customers", c.meta.id));
    QVERIFY(!store.isPending("customers", uuid()));
    QCOMPARE(store.pendingCount(), 2);
}

void TestSyncStore::updateQueuesOnlyChangedFieldsWithTheirBase()
{
    Customer c = syncedCustomer("旧名字", 1200);
    exec(QString("INSERT INTO field_versions VALUES ('customers', '%1', 'legal_name', 1100)")
                 .arg(c.meta.id));
    const qint64 localId = c.meta.localId;

    c.legalName = "新名字";
    c.city = "上海";
    QVERIFY(CustomerRepository(db()).update(c));
    QList<OutboxRow> rows = outbox();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].op, QString("update"));
    QCOMPARE(rows[0].fields, QJsonObject({ { "legal_name", "新名字" }, { "city", "上海" } }));
    QCOMPARE(rows[0].base.value("legal_name").toInteger(), 1100);
    QCOMPARE(rows[0].base.value("city").toInteger(), 0); // never changed on the server
    QCOMPARE(rows[0].base.size(), 2);
    QCOMPARE(rows[0].baseVersion, 1200);
    QCOMPARE(CustomerRepository(db()).find(c.meta.id)->legalName, QString("新名字"));
    QCOMPARE(CustomerRepository(db()).find(c.meta.id)->meta.localId, localId);

    // Clearing a field is a change too, sent as null.
    c.address.clear();
    c.phone = "13812345678";
    QVERIFY(CustomerRepository(db()).update(c));
    rows = outbox();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[1].fields, QJsonObject({ { "address", "" }, { "phone", "13812345678" } }));
    c.phone.clear();
    QVERIFY(CustomerRepository(db()).update(c));
    rows = outbox();
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[2].fields, QJsonObject({ { "phone", QJsonValue() } }));

    // Saving without a change writes nothing and queues nothing.
    const qint64 before = scalar("SELECT count(*) FROM outbox");
    QVERIFY(CustomerRepository(db()).update(c));
    QCOMPARE(scalar("SELECT count(*) FROM outbox"), before);
}

void TestSyncStore::softDeleteQueuesADelete()
{
    Customer c = syncedCustomer("要删除的商户", 900);
    QVERIFY(CustomerRepository(db()).remove(c.meta.id));
    const QList<OutboxRow> rows = outbox();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].op, QString("delete"));
    QCOMPARE(rows[0].recordId, c.meta.id);
    QCOMPARE(rows[0].baseVersion, 900);
    QVERIFY(rows[0].fields.isEmpty());
    // Deleting it again is refused and queues nothing more.
    QVERIFY(!CustomerRepository(db()).remove(c.meta.id));
    QCOMPARE(outbox().size(), 1);
}

void TestSyncStore::failedWriteQueuesNothing()
{
    // Refused by validation: nothing reaches the store.
    Customer invalid = test::merchant("");
    QVERIFY(!CustomerRepository(db()).insert(invalid));
    QCOMPARE(outbox().size(), 0);

    // Refused by a CHECK constraint: neither the row nor its outbox entry.
    RecordTable table(db(), "customers");
    SyncMeta meta;
    StoreError error;
    QVERIFY(!table.insert(meta, { { "kind", "spaceship" }, { "legal_name", "x" } }, &error));
    QVERIFY(error.isError());
    QCOMPARE(scalar("SELECT count(*) FROM customers"), 0);
    QCOMPARE(outbox().size(), 0);

    Customer c = syncedCustomer("正常商户", 10);
    QVERIFY(!table.update(c.meta, { { "status", "bogus" }, { "city", "北京" } }, &error));
    QCOMPARE(outbox().size(), 0);
    QCOMPARE(CustomerRepository(db()).find(c.meta.id)->city, QString("杭州"));

    // A missing record: the same error as before the outbox existed.
    SyncMeta missing;
    missing.id = uuid();
    QVERIFY(!table.update(missing, { { "city", "北京" } }, &error));
    QCOMPARE(error.kind, StoreError::Kind::RecordNotFound);
    QCOMPARE(outbox().size(), 0);
}

void TestSyncStore::failedOutboxWriteKeepsNoRecord()
{
    // The outbox refusing its row must take the record write with it (rule 3).
    exec("CREATE TEMP TRIGGER refuse_outbox BEFORE INSERT ON outbox "
         "BEGIN SELECT RAISE(ABORT, 'outbox refused'); END");
    Customer c = test::merchant("不会保存的商户");
    QVERIFY(!CustomerRepository(db()).insert(c));
    QCOMPARE(scalar("SELECT count(*) FROM customers"), 0);
    exec("DROP TRIGGER refuse_outbox");

    Customer saved = syncedCustomer("已同步商户", 5);
    exec("CREATE TEMP TRIGGER refuse_outbox BEFORE INSERT ON outbox "
         "BEGIN SELECT RAISE(ABORT, 'outbox refused'); END");
    saved.city = "深圳";
    QVERIFY(!CustomerRepository(db()).update(saved));
    QVERIFY(!CustomerRepository(db()).remove(saved.meta.id));
    QCOMPARE(CustomerRepository(db()).find(saved.meta.id)->city, QString("杭州"));
    // Nothing is left open: the connection is back in autocommit mode.
    QVERIFY(db().transaction());
    QVERIFY(db().rollback());
}

void TestSyncStore::writesNestInACallersTransaction()
{
    QList<Customer> many{ test::merchant("甲商户"), test::merchant("乙商户") };
    QVERIFY(CustomerRepository(db()).insertMany(many));
    QCOMPARE(outbox().size(), 2);

    // One bad row fails the whole import: no rows, no outbox entries.
    QList<Customer> broken{ test::merchant("丙商户"), test::merchant("") };
    QVERIFY(!CustomerRepository(db()).insertMany(broken));
    QCOMPARE(scalar("SELECT count(*) FROM customers"), 2);
    QCOMPARE(outbox().size(), 2);

    // Inside a caller's transaction a failed write undoes only itself (a savepoint).
    QVERIFY(db().transaction());
    Customer kept = test::merchant("丁商户");
    QVERIFY(CustomerRepository(db()).insert(kept));
    SyncMeta meta;
    StoreError error;
    QVERIFY(!RecordTable(db(), "customers")
                     .insert(meta, { { "kind", "spaceship" }, { "legal_name", "x" } }, &error));
    QVERIFY(db().commit());
    QCOMPARE(scalar("SELECT count(*) FROM customers"), 3);
    QCOMPARE(outbox().size(), 3);
    QCOMPARE(outbox().last().recordId, kept.meta.id);
}

void TestSyncStore::loadMakesOneClientId()
{
    SyncStore store(db());
    SyncState state;
    StoreError error;
    QVERIFY(store.load(&state, &error));
    QVERIFY(!QUuid::fromString(state.clientId).isNull());
    QVERIFY(state.cursor.isEmpty());
    QCOMPARE(state.ackedMutation, 0);
    QVERIFY(!state.resnapshotActive);
    QVERIFY(!state.lastSyncAt.isValid());
    SyncState again;
    QVERIFY(SyncStore(db()).load(&again, &error));
    QCOMPARE(again.clientId, state.clientId);
}

void TestSyncStore::applyPageInsertsThenUpdatesInPlace()
{
    SyncStore store(db());
    StoreError error;
    const QString id = uuid();
    QJsonObject row = customerRow("服务器商户");
    row.insert("future_column", "ignored"); // a newer server's column
    QVERIFY2(
            store.applyPage(page({ upsert("customers", id, 1200, row, { { "legal_name", 1100 } }) },
                                 "cursor-1"),
                            &error),
            qPrintable(error.detail));
    std::optional<Customer> found = CustomerRepository(db()).find(id);
    QVERIFY(found);
    QCOMPARE(found->legalName, QString("服务器商户"));
    QCOMPARE(found->status, CustomerStatus::Active);
    QCOMPARE(found->meta.version, 1200);
    QCOMPARE(found->meta.createdAt,
             QDateTime::fromString("2026-11-01T08:00:00.000Z", Qt::ISODateWithMs));
    const qint64 localId = found->meta.localId;
    QCOMPARE(scalar("SELECT version FROM field_versions WHERE field = 'legal_name'"), 1100);
    QCOMPARE(outbox().size(), 0); // pulled rows are never queued back

    SyncState state;
    QVERIFY(store.load(&state, &error));
    QCOMPARE(state.cursor, QString("cursor-1"));
    QCOMPARE(state.epoch, QString("epoch-1"));
    QVERIFY(state.lastSyncAt.isValid());

    // The same record again: updated in place, versions replaced, searchable under the new
    // name.
    row = customerRow("改名商户", "上海");
    QVERIFY(store.applyPage(
            page({ upsert("customers", id, 1300, row, { { "city", 1300 } }) }, "cursor-2"),
            &error));
    found = CustomerRepository(db()).find(id);
    QCOMPARE(found->legalName, QString("改名商户"));
    QCOMPARE(found->city, QString("上海"));
    QCOMPARE(found->meta.version, 1300);
    QCOMPARE(found->meta.localId, localId);
    QCOMPARE(scalar("SELECT count(*) FROM field_versions"), 1);
    QCOMPARE(scalar("SELECT version FROM field_versions WHERE field = 'city'"), 1300);
    CustomerFilter filter;
    filter.text = "改名";
    QCOMPARE(CustomerRepository(db()).count(filter, nullptr), 1);

    // A tombstone arrives as deleted: true.
    row.insert("deleted", true);
    QVERIFY(store.applyPage(page({ upsert("customers", id, 1400, row) }, "cursor-3"), &error));
    QVERIFY(!CustomerRepository(db()).find(id));
    QCOMPARE(scalar("SELECT deleted FROM customers"), 1);
    QCOMPARE(scalar("SELECT count(*) FROM field_versions"), 0);
}

void TestSyncStore::applyPageKeepsPendingFields()
{
    Customer c = syncedCustomer("原名商户", 1000);
    c.phone = "13812345678";
    QVERIFY(CustomerRepository(db()).update(c)); // pending: phone

    QJsonObject row = customerRow("原名商户", "南京");
    row.insert("phone", "13900000000");
    SyncStore store(db());
    StoreError error;
    QVERIFY(store.applyPage(page({ upsert("customers", c.meta.id, 1100, row,
                                          { { "phone", 1100 }, { "city", 1100 } }) },
                                 "cursor-1"),
                            &error));
    const std::optional<Customer> found = CustomerRepository(db()).find(c.meta.id);
    QCOMPARE(found->phone, QString("13812345678")); // my pending edit stays on top
    QCOMPARE(found->city, QString("南京")); // the server's other field is taken
    QCOMPARE(found->meta.version, 1100);
    QCOMPARE(scalar("SELECT version FROM field_versions WHERE field = 'phone'"), 1100);
    QCOMPARE(outbox().size(), 1);

    // A pending delete keeps the tombstone.
    QVERIFY(CustomerRepository(db()).remove(c.meta.id));
    row.insert("deleted", false);
    QVERIFY(store.applyPage(page({ upsert("customers", c.meta.id, 1200, row) }, "cursor-2"),
                            &error));
    QCOMPARE(scalar("SELECT deleted FROM customers"), 1);
}

void TestSyncStore::failedPageWritesNothingNotEvenItsCursor()
{
    SyncStore store(db());
    StoreError error;
    const QString first = uuid();
    QVERIFY(store.applyPage(
            page({ upsert("customers", first, 10, customerRow("第一页")) }, "cursor-1"), &error));

    // Two good rows, a removal, then one that breaks a CHECK constraint.
    QJsonObject bad = customerRow("坏数据");
    bad.insert("kind", "spaceship");
    PullPage broken = page(
            { upsert("customers", uuid(), 20, customerRow("好数据一")),
              upsert("customers", first, 21, customerRow("第一页改名")),
              upsert("customers", uuid(), 22, customerRow("好数据二"), { { "legal_name", 22 } }),
              upsert("customers", uuid(), 23, bad) },
            "cursor-2");
    broken.epoch = "epoch-2";
    QVERIFY(!store.applyPage(broken, &error));
    QVERIFY(error.isError());
    QCOMPARE(scalar("SELECT count(*) FROM customers"), 1);
    QCOMPARE(CustomerRepository(db()).find(first)->legalName, QString("第一页"));
    QCOMPARE(scalar("SELECT count(*) FROM field_versions"), 0);
    SyncState state;
    QVERIFY(store.load(&state, &error));
    QCOMPARE(state.cursor, QString("cursor-1"));
    QCOMPARE(state.epoch, QString("epoch-1"));
    // The store is usable at once: the same page without the bad row goes through.
    broken.changes.removeLast();
    QVERIFY(store.applyPage(broken, &error));
    QCOMPARE(scalar("SELECT count(*) FROM customers"), 3);
}

void TestSyncStore::removalWithoutPendingEditsPurges()
{
    Customer c = syncedCustomer("离开范围的商户", 50);
    exec(QString("INSERT INTO field_versions VALUES ('customers', '%1', 'city', 40)")
                 .arg(c.meta.id));
    SyncStore store(db());
    StoreError error;
    QVERIFY(store.applyPage(page({ removal("customers", c.meta.id) }, "cursor-1"), &error));
    QCOMPARE(scalar("SELECT count(*) FROM customers"), 0);
    QCOMPARE(scalar("SELECT count(*) FROM field_versions"), 0);
    QCOMPARE(scalar("SELECT count(*) FROM sync_conflicts"), 0);
    CustomerFilter filter;
    filter.text = "离开";
    QCOMPARE(CustomerRepository(db()).count(filter, nullptr), 0);
}

void TestSyncStore::removalWithPendingEditsJournalsThem()
{
    Customer c = syncedCustomer("我的商户", 50);
    c.notes = "周二拜访";
    QVERIFY(CustomerRepository(db()).update(c));
    c.city = "苏州";
    QVERIFY(CustomerRepository(db()).update(c));
    const QList<OutboxRow> edits = outbox();
    QCOMPARE(edits.size(), 2);

    SyncStore store(db());
    store.setUserId("user-7");
    StoreError error;
    SyncState state;
    QVERIFY(store.load(&state, &error));
    QVERIFY(store.applyPage(page({ removal("customers", c.meta.id) }, "cursor-1"), &error));
    QCOMPARE(scalar("SELECT count(*) FROM customers"), 0);
    QCOMPARE(outbox().size(), 0);
    QCOMPARE(store.unresolvedConflictCount(), 2);

    QSqlQuery query(db());
    QVERIFY(query.exec("SELECT kind, origin, table_name, record_id, client_value, mutation, "
                       "base_version, user_id, client_id, message, id FROM sync_conflicts "
                       "ORDER BY mutation"));
    for (const OutboxRow &edit : edits) {
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QString("scope_removed"));
        QCOMPARE(query.value(1).toString(), QString("local"));
        QCOMPARE(query.value(2).toString(), QString("customers"));
        QCOMPARE(query.value(3).toString(), c.meta.id);
        QCOMPARE(QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object(), edit.fields);
        QCOMPARE(query.value(5).toLongLong(), edit.mutation);
        QCOMPARE(query.value(6).toLongLong(), 50);
        QCOMPARE(query.value(7).toString(), QString("user-7"));
        QCOMPARE(query.value(8).toString(), state.clientId);
        QVERIFY(!query.value(9).toString().isEmpty());
        QVERIFY(!QUuid::fromString(query.value(10).toString()).isNull());
    }
}

void TestSyncStore::resnapshotPurgesWhatItDidNotDeliver()
{
    const Customer delivered = syncedCustomer("仍在范围", 10);
    const Customer gone = syncedCustomer("已不在范围", 11);
    Customer goneEdited = syncedCustomer("不在范围但有修改", 12);
    goneEdited.notes = "本地修改";
    QVERIFY(CustomerRepository(db()).update(goneEdited));
    Customer localOnly = test::merchant("只在本机");
    QVERIFY(CustomerRepository(db()).insert(localOnly)); // version 0: never synced

    SyncStore store(db());
    StoreError error;
    QVERIFY(store.applyPage(page({}, "old-cursor"), &error));
    QVERIFY(store.beginResnapshot(&error));
    SyncState state;
    QVERIFY(store.load(&state, &error));
    QVERIFY(state.resnapshotActive);
    QVERIFY(state.cursor.isEmpty());

    QVERIFY(store.applyPage(
            page({ upsert("customers", delivered.meta.id, 100, customerRow("仍在范围")) }, "snap-1",
                 PullPage::Mode::Snapshot),
            &error));
    QCOMPARE(scalar("SELECT count(*) FROM sync_snapshot_seen"), 1);
    // Tail pages do not count as delivered by the snapshot.
    QVERIFY(store.applyPage(
            page({ upsert("customers", gone.meta.id, 101, customerRow("已不在范围")) }, "tail-1",
                 PullPage::Mode::Tail),
            &error));
    QCOMPARE(scalar("SELECT count(*) FROM sync_snapshot_seen"), 1);

    int unseen = -1, total = -1;
    QVERIFY(store.countUnseen(&unseen, &total, &error));
    QCOMPARE(unseen, 2);
    QCOMPARE(total, 4);

    int purged = -1;
    QVERIFY(store.finishResnapshot(&purged, &error));
    QCOMPARE(purged, 2);
    QVERIFY(CustomerRepository(db()).find(delivered.meta.id));
    QVERIFY(CustomerRepository(db()).find(localOnly.meta.id));
    QVERIFY(!CustomerRepository(db()).find(gone.meta.id));
    QCOMPARE(scalar("SELECT count(*) FROM customers"), 2);
    // The purged record's pending edit went to the journal; the local insert stays queued.
    QCOMPARE(store.unresolvedConflictCount(), 1);
    QCOMPARE(scalar(QString("SELECT count(*) FROM sync_conflicts WHERE kind = 'scope_removed' "
                            "AND record_id = '%1'")
                            .arg(goneEdited.meta.id)),
             1);
    QCOMPARE(outbox().size(), 1);
    QCOMPARE(outbox().first().recordId, localOnly.meta.id);
    QVERIFY(store.load(&state, &error));
    QVERIFY(!state.resnapshotActive);
    QCOMPARE(scalar("SELECT count(*) FROM sync_snapshot_seen"), 0);
}

void TestSyncStore::resultsRetireTheOutbox()
{
    Customer c = test::merchant("待上传商户");
    QVERIFY(CustomerRepository(db()).insert(c));
    c.city = "宁波";
    QVERIFY(CustomerRepository(db()).update(c));
    QVERIFY(CustomerRepository(db()).remove(c.meta.id));

    SyncStore store(db());
    StoreError error;
    const QList<Mutation> pending = store.pendingMutations(10, &error);
    QCOMPARE(pending.size(), 3);
    QCOMPARE(pending[0].op, Mutation::Op::Insert);
    QCOMPARE(pending[1].op, Mutation::Op::Update);
    QCOMPARE(pending[2].op, Mutation::Op::Delete);
    QCOMPARE(pending[1].fields, QJsonObject({ { "city", "宁波" } }));
    QCOMPARE(pending[1].base, FieldVersions({ { "city", 0 } }));
    QCOMPARE(pending[1].table, QString("customers"));
    QCOMPARE(pending[1].id, c.meta.id);
    QVERIFY(QDateTime::fromString(pending[1].at, Qt::ISODateWithMs).isValid());
    QVERIFY(pending[0].number < pending[1].number && pending[1].number < pending[2].number);
    QCOMPARE(store.pendingMutations(2, &error).size(), 2);
    // What the engine sends parses on the server's side.
    QString problem;
    QVERIFY2(Mutation::fromJson(pending[1].toJson(), &problem), qPrintable(problem));

    MutationResult applied;
    applied.mutation = pending[0].number;
    MutationResult rejected;
    rejected.mutation = pending[1].number;
    rejected.outcome = Outcome::Rejected;
    QVERIFY(store.applyResults({ applied, rejected }, &error));
    QCOMPARE(store.pendingCount(), 1);
    QCOMPARE(store.pendingMutations(10, &error).first().number, pending[2].number);
    SyncState state;
    QVERIFY(store.load(&state, &error));
    QCOMPARE(state.ackedMutation, pending[1].number);
    // A result repeated from an older pull never moves the acknowledgement back.
    QVERIFY(store.applyResults({ applied }, &error));
    QVERIFY(store.load(&state, &error));
    QCOMPARE(state.ackedMutation, pending[1].number);

    // Numbers are never reused, even after the newest rows are gone.
    MutationResult last;
    last.mutation = pending[2].number;
    QVERIFY(store.applyResults({ last }, &error));
    QCOMPARE(store.pendingCount(), 0);
    Customer next = test::merchant("下一个商户");
    QVERIFY(CustomerRepository(db()).insert(next));
    QVERIFY(store.pendingMutations(1, &error).first().number > pending[2].number);
}

void TestSyncStore::attemptFailuresAreCounted()
{
    Customer c = test::merchant("网络不好");
    QVERIFY(CustomerRepository(db()).insert(c));
    SyncStore store(db());
    StoreError error;
    const qint64 mutation = outbox().first().mutation;
    QVERIFY(store.recordAttemptFailure({ mutation }, "timeout", &error));
    QVERIFY(store.recordAttemptFailure({ mutation }, "connection refused", &error));
    QCOMPARE(outbox().first().attempts, 2);
    QCOMPARE(outbox().first().lastError, QString("connection refused"));
}

void TestSyncStore::resolvingWritesResolutionAndMutation()
{
    SyncStore store(db());
    store.setUserId("user-3");
    StoreError error;
    const QString conflict = uuid();
    const QJsonObject journal{ { "table_name", "customers" },
                               { "record_id", uuid() },
                               { "field", "risk_level" },
                               { "kind", "sensitive" },
                               { "base_version", 90 },
                               { "server_value", "\"high\"" },
                               { "client_value", "\"low\"" },
                               { "resolution", QJsonValue() },
                               { "created_at", "2026-11-23T10:00:00.000Z" },
                               { "updated_at", "2026-11-23T10:00:00.000Z" } };
    QVERIFY2(store.applyPage(page({ upsert("sync_conflicts", conflict, 300, journal) }, "c-1"),
                             &error),
             qPrintable(error.detail));
    QCOMPARE(store.unresolvedConflictCount(), 1);

    QVERIFY(!store.resolveConflict(conflict, "whatever", QJsonValue(), &error));
    QVERIFY(!error.message.isEmpty());
    QVERIFY(!store.resolveConflict(conflict, "merged", QJsonValue(QJsonValue::Undefined), &error));
    QVERIFY(!store.resolveConflict(uuid(), "mine", QJsonValue(), &error));
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(outbox().size(), 0);

    QVERIFY2(store.resolveConflict(conflict, "merged", "medium", &error), qPrintable(error.detail));
    QCOMPARE(store.unresolvedConflictCount(), 0);
    QSqlQuery query(db());
    QVERIFY(query.exec("SELECT resolution, resolver_id, resolved_at FROM sync_conflicts"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QString("merged"));
    QCOMPARE(query.value(1).toString(), QString("user-3"));
    QVERIFY(!query.value(2).isNull());
    query.finish();
    const QList<OutboxRow> rows = outbox();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].op, QString("resolve"));
    QCOMPARE(rows[0].table, QString("sync_conflicts"));
    QCOMPARE(rows[0].recordId, conflict);
    QCOMPARE(rows[0].fields, QJsonObject({ { "resolution", "merged" }, { "value", "medium" } }));
    QCOMPARE(rows[0].baseVersion, 300);

    // A second resolution is refused with a reason.
    error = StoreError();
    QVERIFY(!store.resolveConflict(conflict, "mine", QJsonValue(), &error));
    QVERIFY(error.message.contains("already"));
    QCOMPARE(outbox().size(), 1);

    // The server's copy, pulled before the resolution reached it, does not undo it.
    QVERIFY(store.applyPage(page({ upsert("sync_conflicts", conflict, 301, journal) }, "c-2"),
                            &error));
    QCOMPARE(store.unresolvedConflictCount(), 0);
}

void TestSyncStore::resolvingIsAllOrNothing()
{
    SyncStore store(db());
    StoreError error;
    const QString conflict = uuid();
    const QJsonObject journal{ { "table_name", "customers" },
                               { "record_id", uuid() },
                               { "kind", "overwritten" },
                               { "created_at", "2026-11-23T10:00:00.000Z" },
                               { "updated_at", "2026-11-23T10:00:00.000Z" } };
    QVERIFY(store.applyPage(page({ upsert("sync_conflicts", conflict, 300, journal) }, "c-1"),
                            &error));
    // The mutation cannot be queued: the resolution must not be kept either, or it would
    // never reach the server.
    exec("CREATE TEMP TRIGGER refuse_outbox BEFORE INSERT ON outbox "
         "BEGIN SELECT RAISE(ABORT, 'outbox refused'); END");
    QVERIFY(!store.resolveConflict(conflict, "theirs", QJsonValue(), &error));
    QCOMPARE(store.unresolvedConflictCount(), 1);
    exec("DROP TRIGGER refuse_outbox");
    QVERIFY(store.resolveConflict(conflict, "theirs", QJsonValue(), &error));
    QCOMPARE(store.unresolvedConflictCount(), 0);
    QCOMPARE(outbox().size(), 1);
    QCOMPARE(outbox().first().fields,
             QJsonObject({ { "resolution", "theirs" }, { "value", QJsonValue() } }));

    // A local entry is settled locally: the server has never heard of it.
    Customer c = syncedCustomer("本地冲突", 5);
    c.city = "温州";
    QVERIFY(CustomerRepository(db()).update(c));
    QVERIFY(store.applyPage(page({ removal("customers", c.meta.id) }, "c-2"), &error));
    QSqlQuery query(db());
    QVERIFY(query.exec("SELECT id FROM sync_conflicts WHERE origin = 'local'"));
    QVERIFY(query.next());
    const QString local = query.value(0).toString();
    query.finish();
    const qsizetype queued = outbox().size();
    QVERIFY(store.resolveConflict(local, "theirs", QJsonValue(), &error));
    QCOMPARE(outbox().size(), queued);
    QCOMPARE(store.unresolvedConflictCount(), 0);
}


void TestSyncStore::snapshotDefersTheSearchIndexUntilRebuilt()
{
    SyncStore store(db());
    StoreError error;
    SyncState state;
    QVERIFY(store.load(&state, &error));
    CustomerRepository customers(db());
    const auto found = [&](const QString &text) {
        CustomerFilter filter;
        filter.text = text;
        StoreError failure;
        const qint64 n = customers.count(filter, &failure);
        if (failure.isError())
            qWarning() << failure.detail;
        return n;
    };

    // Indexed before the snapshot: stays findable while the index is deferred.
    Customer before = test::merchant("西湖龙井茶庄");
    QVERIFY(customers.insert(before));
    QCOMPARE(found("龙井"), 1);

    const QString pulledId = uuid();
    QVERIFY2(store.applyPage(page({ upsert("customers", pulledId, 10, customerRow("钱塘江电子科技")) },
                                  "s.epoch-1.10.0." + pulledId, PullPage::Mode::Snapshot),
                             &error),
             qPrintable(error.detail));
    bool deferred = false;
    QVERIFY(store.searchIndexDeferred(&deferred, &error));
    QVERIFY(deferred);
    QCOMPARE(found("钱塘江"), 0); // pulled during the snapshot: not indexed yet
    // A local edit while deferred is not indexed either, and the rebuild catches it.
    Customer during = test::merchant("灵隐寺素食餐厅");
    QVERIFY(customers.insert(during));
    QCOMPARE(found("灵隐"), 0);

    // The snapshot's last page (its cursor points into the tail), then the rebuild.
    QVERIFY(store.applyPage(page({}, "t.epoch-1.10", PullPage::Mode::Snapshot), &error));
    QVERIFY(store.rebuildSearchIndex(&error));
    QVERIFY(store.searchIndexDeferred(&deferred, &error));
    QVERIFY(!deferred);
    QCOMPARE(found("钱塘江"), 1);
    QCOMPARE(found("灵隐"), 1);
    QCOMPARE(found("龙井"), 1);

    // The triggers run again: a tail page's rename is searchable at once, the old name not.
    QVERIFY(store.applyPage(page({ upsert("customers", pulledId, 11, customerRow("富春江光伏")) },
                                  "t.epoch-1.11"),
                            &error));
    QCOMPARE(found("富春江"), 1);
    QCOMPARE(found("钱塘江"), 0);
    QVERIFY(store.rebuildSearchIndex(&error)); // nothing deferred: nothing to do
}


void TestSyncStore::reRegisterPushesForgottenEditsAgain()
{
    SyncStore store(db());
    StoreError error;
    SyncState before;
    QVERIFY(store.load(&before, &error));
    Customer c = test::merchant("恢复测试商户");
    QVERIFY(CustomerRepository(db()).insert(c));
    for (const QString city : { "宁波", "温州", "绍兴" }) {
        c.city = city;
        QVERIFY(CustomerRepository(db()).update(c));
    }
    const QList<Mutation> sent = store.pendingMutations(10, &error);
    QCOMPARE(sent.size(), 4);
    QList<MutationResult> answers;
    for (const Mutation &mutation : sent) {
        MutationResult result;
        result.mutation = mutation.number;
        answers << result;
    }
    QVERIFY(store.applyResults(answers, &error));
    QCOMPARE(store.pendingCount(), 0);
    QCOMPARE(scalar("SELECT count(*) FROM outbox_sent"), 4);
    c.city = "湖州"; // not answered yet
    QVERIFY(CustomerRepository(db()).update(c));

    // The server was restored to a state with only the first two applied.
    int requeued = 0;
    QVERIFY2(store.reRegister(sent[2].number, &requeued, &error), qPrintable(error.detail));
    QCOMPARE(requeued, 2);
    SyncState after;
    QVERIFY(store.load(&after, &error));
    QVERIFY(after.clientId != before.clientId);
    QCOMPARE(after.ackedMutation, sent[2].number - 1);
    const QList<Mutation> again = store.pendingMutations(10, &error);
    QCOMPARE(again.size(), 3);
    QCOMPARE(again[0].number, sent[2].number); // their own numbers, before the newer edit
    QCOMPARE(again[0].fields, sent[2].fields);
    QCOMPARE(again[0].base, sent[2].base);
    QCOMPARE(again[1].number, sent[3].number);
    QCOMPARE(again[2].fields, QJsonObject({ { "city", "湖州" } }));
    QCOMPARE(scalar("SELECT count(*) FROM outbox_sent"), 2);

    // History older than the retention is forgotten with the next answer.
    exec("UPDATE outbox_sent SET acked_at = '2000-01-01T00:00:00.000Z'");
    MutationResult newest;
    newest.mutation = again[2].number;
    QVERIFY(store.applyResults({ newest }, &error));
    QCOMPARE(scalar("SELECT count(*) FROM outbox_sent"), 1);

    // A restore older than the history: the server expects a number the store no longer
    // has. The new id starts at the first number it can send, not at one it never will.
    QList<MutationResult> rest;
    for (const Mutation &mutation : again.mid(0, 2)) {
        MutationResult result;
        result.mutation = mutation.number;
        rest << result;
    }
    QVERIFY(store.applyResults(rest, &error));
    exec(QStringLiteral("DELETE FROM outbox_sent WHERE mutation < %1").arg(newest.mutation));
    QVERIFY(store.reRegister(sent[0].number, &requeued, &error));
    QCOMPARE(requeued, 1);
    QVERIFY(store.load(&after, &error));
    QCOMPARE(after.firstMutation, newest.mutation);
    QCOMPARE(after.ackedMutation, newest.mutation - 1);
    // Nothing left to send at all: the next number the outbox hands out.
    QVERIFY(store.applyResults({ newest }, &error));
    exec("DELETE FROM outbox_sent");
    QVERIFY(store.reRegister(sent[0].number, &requeued, &error));
    QCOMPARE(requeued, 0);
    QVERIFY(store.load(&after, &error));
    QCOMPARE(after.firstMutation, newest.mutation + 1);
    c.city = "丽水";
    QVERIFY(CustomerRepository(db()).update(c));
    QCOMPARE(store.pendingMutations(10, &error).first().number, after.firstMutation);
}

void TestSyncStore::secondConnectionSeesEditsAfterASnapshot()
{
    // The sync worker's own connection must see edits the GUI's connection commits after
    // a round: no statement of a round may leave a read transaction open.
    const QString name = "worker-connection";
    StoreError error;
    {
        QSqlDatabase worker = LocalStore::openConnection(m_fixture->path(), name, test::testKey(),
                                                         LocalStore::KeyKind::Raw, false, &error);
        QVERIFY2(worker.isOpen(), qPrintable(error.detail));
        SyncStore store(worker);
        SyncState state;
        QVERIFY(store.load(&state, &error));
        const QString id = uuid();
        QVERIFY(store.applyPage(page({ upsert("customers", id, 10, customerRow("快照商户")) },
                                     "t.epoch-1.10", PullPage::Mode::Snapshot),
                                &error));
        bool deferred = false;
        QVERIFY(store.searchIndexDeferred(&deferred, &error));
        QVERIFY(store.rebuildSearchIndex(&error));
        QVERIFY(store.applyResults({}, &error));
        QCOMPARE(store.pendingMutations(10, &error).size(), 0);
        QCOMPARE(store.pendingCount(), 0);
        QVERIFY(store.load(&state, &error));

        Customer edited = test::merchant("界面连接上的新商户");
        QVERIFY(CustomerRepository(db()).insert(edited));
        QCOMPARE(store.pendingCount(), 1);
        QCOMPARE(store.pendingMutations(10, &error).size(), 1);
    }
    LocalStore::closeConnection(name);
}


void TestSyncStore::snapshotProgressIsKeptWithItsPages()
{
    SyncStore store(db());
    StoreError error;
    SyncState state;
    QVERIFY(store.load(&state, &error));
    QCOMPARE(state.snapshotTotal, qint64(-1)); // never asked: unknown

    PullPage first = page({ upsert("customers", uuid(), 10, customerRow("第一页商户")),
                            upsert("customers", uuid(), 11, customerRow("第一页商户二")) },
                          "s.epoch-1.20.m.2.x", PullPage::Mode::Snapshot);
    first.snapshotTotal = 5;
    QVERIFY(store.applyPage(first, &error));
    QVERIFY(store.load(&state, &error));
    QCOMPARE(state.snapshotTotal, qint64(5));
    QCOMPARE(state.snapshotDone, qint64(2));
    // A later page (after a restart too) counts on from what is stored.
    QVERIFY(store.applyPage(page({ upsert("customers", uuid(), 12, customerRow("第二页商户")) },
                                 "t.epoch-1.20", PullPage::Mode::Snapshot),
                            &error));
    QVERIFY(store.load(&state, &error));
    QCOMPARE(state.snapshotDone, qint64(3));
    // A page that fails writes none of its count either.
    PullPage broken = page({ upsert("no_such_table_is_skipped", uuid(), 13, customerRow("x")),
                             upsert("customers", uuid(), 14, QJsonObject{ { "kind", "bogus" } }) },
                           "t.epoch-1.21", PullPage::Mode::Snapshot);
    QVERIFY(!store.applyPage(broken, &error));
    QVERIFY(store.load(&state, &error));
    QCOMPARE(state.snapshotDone, qint64(3));
}

QTEST_GUILESS_MAIN(TestSyncStore)
#include "tst_syncstore.moc"
