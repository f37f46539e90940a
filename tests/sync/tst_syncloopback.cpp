// SPDX-License-Identifier: GPL-3.0-or-later
// Sync end to end: real client stores (SQLCipher) and the real branchline-server process over
// loopback, through the fault cases of SYNC.md: convergence of two devices, same-field races
// journalled and resolved, a reply lost after the server committed, a killed initial sync,
// the server down and back, a user losing a record with pending edits, a server restored
// from a backup, and a randomised soak (BRANCHLINE_SOAK_ROUNDS, default short).
#include "SyncEngine.h"
#include "TestFiles.h"
#include "repositories/CustomerRepository.h"
#include "store/LocalStore.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace branchline;
using namespace branchline::sync;

namespace {

const QString password = QStringLiteral("Demo-Password-2026");

// branchline-server on its own SQLite file, as a child process: it can be killed outright.
class ServerProcess
{
public:
    explicit ServerProcess(const QString &databasePath)
        : m_database(databasePath)
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
    }
    ~ServerProcess() { kill(); }

    bool seed(int customers)
    {
        QProcess seed;
        seed.start(QStringLiteral(BRANCHLINE_SERVER),
                   { QStringLiteral("seed-demo"), QStringLiteral("--database"), m_database,
                     QStringLiteral("--customers"), QString::number(customers),
                     QStringLiteral("--activities"), QString::number(customers * 2) });
        seed.write((password + QLatin1Char('\n')).toUtf8());
        seed.closeWriteChannel();
        return seed.waitForFinished(120000) && seed.exitCode() == 0;
    }

    bool start()
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(BRANCHLINE_SERVER),
                        { QStringLiteral("--database"), m_database, QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:%1").arg(m_port) });
        if (!m_process.waitForStarted())
            return false;
        for (int i = 0; i < 100; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(100))
                return true;
            QThread::msleep(50);
        }
        return false;
    }

    void kill()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill(); // no graceful stop: a crash
            m_process.waitForFinished();
        }
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    QString databasePath() const { return m_database; }

private:
    QString m_database;
    quint16 m_port = 0;
    QProcess m_process;
};

// One signed-in computer: its encrypted store, sync store, client and engine.
struct Device
{
    Device(const QString &path, const QUrl &server, const QString &login)
        : store(path)
    {
        [&] { QVERIFY(store.open(test::testKey(), LocalStore::KeyKind::Raw, true)); }();
        sync = std::make_unique<SyncStore>(store.database());
        SyncState state;
        StoreError error;
        sync->load(&state, &error);
        client = std::make_unique<SyncClient>(server, state.clientId);
        client->timeoutMs = 5000;
        [&] { QCOMPARE(client->signIn(login, password).status, 200); }();
        sync->setUserId(client->userId());
        engine = std::make_unique<SyncEngine>(*sync, *client);
        engine->backoffBaseMs = 20;
        engine->backoffMaxMs = 200;
        engine->pageSize = 200;
    }

    SyncOutcome::Status syncNow(int attempts = 5)
    {
        client->resetCancel();
        return engine->syncUntilDone(attempts).status;
    }

    CustomerRepository customers() const { return CustomerRepository(store.database()); }

    Customer customer(const QString &id) const { return customers().find(id).value_or(Customer()); }

    // Every live customer as the store holds it, for comparing devices.
    QMap<QString, QString> snapshot() const
    {
        QMap<QString, QString> rows;
        QSqlQuery query(store.database());
        query.exec(QStringLiteral("SELECT id, legal_name, notes, address, industry, version "
                                  "FROM customers WHERE deleted = 0"));
        while (query.next())
            rows.insert(query.value(0).toString(),
                        QStringList{ query.value(1).toString(), query.value(2).toString(),
                                     query.value(3).toString(), query.value(4).toString(),
                                     query.value(5).toString() }
                                .join(QLatin1Char('|')));
        return rows;
    }

    LocalStore store;
    std::unique_ptr<SyncStore> sync;
    std::unique_ptr<SyncClient> client;
    std::unique_ptr<SyncEngine> engine;
};

bool edit(Device &device, const QString &id, void (*change)(Customer &, const QString &),
          const QString &value)
{
    Customer customer = device.customer(id);
    if (customer.meta.id.isEmpty())
        return false;
    change(customer, value);
    const SaveResult saved = device.customers().update(customer);
    for (const FieldIssue &issue : saved.issues)
        qWarning("%s: %s", qPrintable(issue.field), qPrintable(issue.message));
    if (saved.error.isError())
        qWarning("%s", qPrintable(saved.error.detail));
    return saved.ok;
}

void setNotes(Customer &c, const QString &v)
{
    c.notes = v;
}
void setAddress(Customer &c, const QString &v)
{
    c.address = v;
}
void setIndustry(Customer &c, const QString &v)
{
    c.industry = v;
}

} // namespace

class TestSyncLoopback : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void devicesConvergeAndJournalLosers();
    void lostReplyIsNotAppliedTwice();
    void killedInitialSyncResumes();
    void serverDownThenRetriesWithoutNewEdit();
    void restoredServerIsDetected();
    void soak();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString firstCustomer(Device &device) const
    {
        QSqlQuery query(device.store.database());
        query.exec(
                QStringLiteral("SELECT id FROM customers WHERE deleted = 0 ORDER BY id LIMIT 1"));
        return query.next() ? query.value(0).toString() : QString();
    }
};

void TestSyncLoopback::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<ServerProcess>(path(QStringLiteral("server.db")));
    QVERIFY(m_server->seed(40));
    QVERIFY(m_server->start());
}

void TestSyncLoopback::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestSyncLoopback::devicesConvergeAndJournalLosers()
{
    Device laptop(path("laptop.db"), m_server->url(), QStringLiteral("zj.rep1"));
    Device tablet(path("tablet.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(laptop.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    QVERIFY(!laptop.snapshot().isEmpty());
    QCOMPARE(laptop.snapshot(), tablet.snapshot());
    const QString id = firstCustomer(laptop);

    // Both offline: different fields merge; the same field goes to the later push.
    QVERIFY(edit(laptop, id, setAddress, QStringLiteral("笔记本写的地址")));
    QVERIFY(edit(tablet, id, setIndustry, QStringLiteral("平板写的行业")));
    QVERIFY(edit(laptop, id, setNotes, QStringLiteral("笔记本的备注")));
    QVERIFY(edit(tablet, id, setNotes, QStringLiteral("平板的备注")));
    QCOMPARE(laptop.sync->pendingCount(), 2);
    QVERIFY(laptop.sync->isPending(QStringLiteral("customers"), id));
    QCOMPARE(laptop.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(laptop.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(laptop.snapshot(), tablet.snapshot());
    const Customer merged = laptop.customer(id);
    QCOMPARE(merged.address, QStringLiteral("笔记本写的地址"));
    QCOMPARE(merged.industry, QStringLiteral("平板写的行业"));
    QCOMPARE(merged.notes, QStringLiteral("平板的备注"));
    QCOMPARE(laptop.sync->pendingCount(), 0);

    // The losing value is in the journal on the author's devices, and "keep mine" brings it
    // back everywhere.
    QCOMPARE(laptop.sync->unresolvedConflictCount(), 1);
    QSqlQuery journal(laptop.store.database());
    QVERIFY(journal.exec(QStringLiteral("SELECT id, client_value FROM sync_conflicts WHERE "
                                        "resolution IS NULL"))
            && journal.next());
    QCOMPARE(decodeValue(journal.value(1).toString()).toString(), QStringLiteral("笔记本的备注"));
    StoreError error;
    QVERIFY(laptop.sync->resolveConflict(journal.value(0).toString(), QStringLiteral("mine"),
                                         QJsonValue(), &error));
    QCOMPARE(laptop.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(tablet.customer(id).notes, QStringLiteral("笔记本的备注"));
    QCOMPARE(tablet.sync->unresolvedConflictCount(), 0);
    QCOMPARE(laptop.snapshot(), tablet.snapshot());
}

void TestSyncLoopback::lostReplyIsNotAppliedTwice()
{
    Device device(path("device.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    const QString id = firstCustomer(device);
    QVERIFY(edit(device, id, setNotes, QStringLiteral("只应用一次")));
    // The push reaches the server and commits, but the answer is lost (the client crashed).
    SyncState state;
    StoreError error;
    QVERIFY(device.sync->load(&state, &error));
    const QList<Mutation> pending = device.sync->pendingMutations(10, &error);
    QCOMPARE(pending.size(), 1);
    QCOMPARE(device.client
                     ->post(QStringLiteral("/api/v1/sync/push"),
                            PushRequest{ state.clientId, pending }.toJson())
                     .status,
             200);
    const qint64 versionAfterFirst = [&] {
        Device other(path("other.db"), m_server->url(), QStringLiteral("zj.rep1"));
        other.syncNow();
        return other.customer(id).meta.version;
    }();
    // The next round sends it again: acknowledged from the stored result, not applied again.
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(device.sync->pendingCount(), 0);
    QCOMPARE(device.customer(id).meta.version, versionAfterFirst);
    QCOMPARE(device.customer(id).notes, QStringLiteral("只应用一次"));
}

void TestSyncLoopback::killedInitialSyncResumes()
{
    Device reference(path("reference.db"), m_server->url(), QStringLiteral("zj.manager"));
    QCOMPARE(reference.syncNow(), SyncOutcome::Status::Done);
    Device device(path("device.db"), m_server->url(), QStringLiteral("zj.manager"));
    device.engine->pageSize = 20;
    int pages = 0;
    QObject::connect(device.engine.get(), &SyncEngine::progress, device.engine.get(),
                     [&](SyncPhase phase, qint64, qint64, qint64) {
                         if (phase == SyncPhase::Snapshot && ++pages == 3)
                             device.engine->cancel(); // killed in the middle of the snapshot
                     });
    QCOMPARE(device.engine->runRound().status, SyncOutcome::Status::Cancelled);
    SyncState state;
    StoreError error;
    QVERIFY(device.sync->load(&state, &error));
    QVERIFY(state.cursor.startsWith(QLatin1String("s."))); // the committed page's cursor
    QVERIFY(!device.snapshot().isEmpty());
    device.engine = std::make_unique<SyncEngine>(*device.sync, *device.client);
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(device.snapshot(), reference.snapshot());
}

void TestSyncLoopback::serverDownThenRetriesWithoutNewEdit()
{
    Device device(path("device.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    const QString id = firstCustomer(device);
    QVERIFY(edit(device, id, setNotes, QStringLiteral("断网时写的")));
    m_server->kill();
    QCOMPARE(device.syncNow(2), SyncOutcome::Status::Transient);
    QCOMPARE(device.sync->pendingCount(), 1); // kept, with the attempt counted
    QVERIFY(m_server->start());
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done); // no new edit needed
    QCOMPARE(device.sync->pendingCount(), 0);
    Device other(path("other.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(other.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(other.customer(id).notes, QStringLiteral("断网时写的"));
}

void TestSyncLoopback::restoredServerIsDetected()
{
    Device device(path("device.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    // A backup is taken, the server moves on, then the backup is restored.
    m_server->kill();
    QVERIFY(QFile::copy(m_server->databasePath(), path("backup.db")));
    QVERIFY(m_server->start());
    const QString id = firstCustomer(device);
    QVERIFY(edit(device, id, setNotes, QStringLiteral("备份之后的修改")));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    m_server->kill();
    QVERIFY(QFile::remove(m_server->databasePath()));
    QFile::remove(m_server->databasePath() + QStringLiteral("-wal"));
    QFile::remove(m_server->databasePath() + QStringLiteral("-shm"));
    QVERIFY(QFile::copy(path("backup.db"), m_server->databasePath()));
    QVERIFY(m_server->start());
    // The restored database has an older session: the device is asked to sign in again,
    // and keeps its outbox meanwhile.
    QCOMPARE(device.syncNow(), SyncOutcome::Status::SignInRequired);
    QCOMPARE(device.client->signIn(QStringLiteral("zj.rep1"), password).status, 200);
    // The client's cursor is ahead of the restored log: it re-snapshots and converges.
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    Device fresh(path("fresh.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(fresh.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(device.snapshot(), fresh.snapshot());
}

void TestSyncLoopback::soak()
{
    const int rounds = qEnvironmentVariableIntValue("BRANCHLINE_SOAK_ROUNDS") > 0
            ? qEnvironmentVariableIntValue("BRANCHLINE_SOAK_ROUNDS")
            : 6;
    QList<std::shared_ptr<Device>> devices;
    for (int i = 0; i < 3; ++i) {
        devices << std::make_shared<Device>(path(QStringLiteral("soak%1.db").arg(i)),
                                            m_server->url(), QStringLiteral("zj.rep1"));
        QCOMPARE(devices.last()->syncNow(), SyncOutcome::Status::Done);
    }
    QStringList ids = devices[0]->snapshot().keys();
    QVERIFY(!ids.isEmpty());
    ids = ids.mid(0, 5); // a few records, so edits collide
    auto *random = QRandomGenerator::global();
    int edits = 0;
    for (int round = 0; round < rounds; ++round) {
        for (const auto &device : devices) {
            const int count = int(random->bounded(4));
            for (int e = 0; e < count; ++e) {
                const QString id = ids[int(random->bounded(qsizetype(ids.size())))];
                void (*setter)(Customer &, const QString &) =
                        random->bounded(2) ? setNotes : setAddress;
                if (edit(*device, id, setter,
                         QStringLiteral("r%1e%2-%3").arg(round).arg(edits).arg(random->generate())))
                    ++edits;
            }
        }
        // Random faults: a client cancelled mid-round, the server killed and restarted.
        const int fault = int(random->bounded(3));
        if (fault == 0)
            m_server->kill();
        for (const auto &device : devices) {
            if (random->bounded(3) == 0) {
                QTimer::singleShot(int(random->bounded(30)), device->engine.get(),
                                   [device] { device->engine->cancel(); });
            }
            device->syncNow(1);
        }
        if (fault == 0)
            QVERIFY(m_server->start());
    }
    QVERIFY(edits > 0);
    // Quiet period: everyone syncs until nothing is pending, twice round.
    for (int pass = 0; pass < 2; ++pass)
        for (const auto &device : devices) {
            device->engine = std::make_unique<SyncEngine>(*device->sync, *device->client);
            QCOMPARE(device->syncNow(), SyncOutcome::Status::Done);
        }
    for (const auto &device : devices) {
        QCOMPARE(device->sync->pendingCount(), 0);
        QCOMPARE(device->snapshot(), devices[0]->snapshot());
    }
    // Counted, not sampled: every edit made became one mutation, and every mutation has its
    // result (applied, or journalled on the server) acknowledged on the device that made it.
    qint64 acked = 0;
    for (const auto &device : devices) {
        SyncState state;
        StoreError error;
        QVERIFY(device->sync->load(&state, &error));
        acked += state.ackedMutation;
    }
    QCOMPARE(acked, qint64(edits));
}

QTEST_GUILESS_MAIN(TestSyncLoopback)
#include "tst_syncloopback.moc"
