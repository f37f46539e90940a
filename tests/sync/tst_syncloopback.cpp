// SPDX-License-Identifier: GPL-3.0-or-later
// Sync end to end: real client stores (SQLCipher) and the real branchline-server process over
// loopback, through the fault cases of SYNC.md: convergence of two devices, same-field races
// journalled and resolved, a reply lost after the server committed, a killed initial sync,
// the server down and back, a server restored from a backup (no acknowledged edit lost, and
// no device left behind once the restored server has caught up), and a randomised soak
// through a proxy that delays and cuts connections (BRANCHLINE_SOAK_ROUNDS, default short;
// BRANCHLINE_SOAK_SEED to replay a draw). Every case runs on both server engines: global data
// rows "sqlite" and "postgres".
#include "FlakyProxy.h"
#include "LoopbackDevice.h"
#include "repositories/ActivityRepository.h"
#include "ServerApi.h"
#include "ServerDatabase.h"
#include "ServerProcess.h"
#include "SoakLedger.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace branchline;
using namespace branchline::sync;
using namespace branchline::test;

using Device = LoopbackDevice;

class TestSyncLoopback : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();
    void devicesConvergeAndJournalLosers();
    void lostReplyIsNotAppliedTwice();
    void killedInitialSyncResumes();
    void serverDownThenRetriesWithoutNewEdit();
    void restoredServerIsDetected_data();
    void restoredServerIsDetected();
    void restoredServerCaughtUpIsDetected();
    void scopeLossWithPendingEditDoesNotStall();
    void aLoggedCallReachesTheServerAndTheOtherComputer();
    void anEditRefusedWithoutAServerEntryIsKeptOnTheDevice();
    void soak();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;
    quint64 m_seed = 0; // the soak's, printed when it fails
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void TestSyncLoopback::initTestCase_data()
{
    // Every case on both engines the server runs on; without PostgreSQL the "postgres" rows
    // fail in init() with the reason.
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

void TestSyncLoopback::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_seed = 0;
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<ServerDatabase>(engine, m_dir->path());
    QVERIFY2(m_database->isReady(), qPrintable(m_database->failure()));
    m_server = std::make_unique<ServerProcess>(m_database->url());
    QString error;
    QVERIFY2(m_server->seed(40, &error), qPrintable(error));
    QVERIFY(m_server->start());
}

void TestSyncLoopback::cleanup()
{
    if (m_seed != 0 && QTest::currentTestFailed())
        qWarning("soak seed %llu: run again with BRANCHLINE_SOAK_SEED=%llu", m_seed, m_seed);
    m_server.reset(); // stopped before its database is dropped
    m_database.reset();
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
    const QString id = laptop.firstCustomer();

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
    const QString id = device.firstCustomer();
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
    device.renewEngine();
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(device.snapshot(), reference.snapshot());
}

void TestSyncLoopback::serverDownThenRetriesWithoutNewEdit()
{
    Device device(path("device.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    const QString id = device.firstCustomer();
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

void TestSyncLoopback::restoredServerIsDetected_data()
{
    // Whether the restored server knows the device's client id (the device pushed before the
    // backup), and whether an edit is waiting in the outbox when the device comes back: a
    // pull finds the forgotten edits without one (forgotten_after), a push meets a mutation
    // gap with one. Either way every acknowledged edit must reach the server again.
    QTest::addColumn<bool>("knownBeforeBackup");
    QTest::addColumn<bool>("editAfterRestore");
    QTest::newRow("nothing pending") << true << false;
    QTest::newRow("id new since backup") << false << true;
    QTest::newRow("pending edit") << true << true;
    QTest::newRow("id new since backup, nothing pending") << false << false;
}

void TestSyncLoopback::restoredServerIsDetected()
{
    QFETCH(bool, knownBeforeBackup);
    QFETCH(bool, editAfterRestore);
    Device device(path("device.db"), m_server->url(), QStringLiteral("zj.rep1"));
    Device tablet(path("tablet.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    // One customer (zj.rep1 may own only one), a field per edit: address before the backup,
    // notes after it, industry after the restore.
    const QString id = device.firstCustomer();
    QVERIFY(!id.isEmpty());
    const QString beforeBackup = QStringLiteral("备份之前的修改");
    const QString afterBackup = QStringLiteral("备份之后的修改");
    const QString afterRestore = QStringLiteral("恢复之后的修改");
    if (knownBeforeBackup) {
        // The server registers the device's client id with its first push.
        QVERIFY(edit(device, id, setAddress, beforeBackup));
        QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    }
    // A backup is taken, the server moves on, then the backup is restored: on SQLite a copy of
    // the stopped server's files, on PostgreSQL pg_dump, then pg_restore into the database
    // dropped and created again. Either way the log's head goes back behind the devices'
    // cursors and the server forgets what it acknowledged after the backup.
    m_server->kill();
    QString error;
    QVERIFY2(m_database->backUp(QStringLiteral("backup"), &error), qPrintable(error));
    QVERIFY(m_server->start());
    // The user signs in again after the backup: the restored server will not know that session.
    QCOMPARE(device.client->signIn(QStringLiteral("zj.rep1"), demoPassword()).status, 200);
    QVERIFY(edit(device, id, setNotes, afterBackup));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(device.sync->pendingCount(), 0); // acknowledged by the server about to be lost
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(tablet.customer(id).notes, afterBackup);
    m_server->kill();
    QVERIFY2(m_database->restore(QStringLiteral("backup"), &error), qPrintable(error));
    QVERIFY(m_server->start());
    if (editAfterRestore)
        QVERIFY(edit(device, id, setIndustry, afterRestore));

    // The restored database does not know the session made after the backup: the device is
    // asked to sign in again, and keeps its outbox and sent history meanwhile.
    QCOMPARE(device.syncNow(), SyncOutcome::Status::SignInRequired);
    QCOMPARE(device.client->signIn(QStringLiteral("zj.rep1"), demoPassword()).status, 200);
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(device.sync->pendingCount(), 0);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    Device fresh(path("fresh.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(fresh.syncNow(), SyncOutcome::Status::Done);

    // No edit is lost: what the lost server acknowledged was pushed again, and the server
    // (read through its REST API, not through sync), a device that never saw the lost
    // server, and both devices that did hold every edit.
    const ApiAnswer onServer = apiGet(m_server->url(), QStringLiteral("/api/v1/customers/") + id,
                                      fresh.client->accessToken());
    QCOMPARE(onServer.status, 200);
    QCOMPARE(onServer.body.value(QStringLiteral("notes")).toString(), afterBackup);
    QCOMPARE(fresh.customer(id).notes, afterBackup);
    if (knownBeforeBackup) {
        QCOMPARE(onServer.body.value(QStringLiteral("address")).toString(), beforeBackup);
        QCOMPARE(fresh.customer(id).address, beforeBackup);
    }
    if (editAfterRestore) {
        QCOMPARE(onServer.body.value(QStringLiteral("industry")).toString(), afterRestore);
        QCOMPARE(fresh.customer(id).industry, afterRestore);
    }
    // Pushed again on the bases they were made on, which the restored server still had: no
    // conflict, nothing journalled.
    QCOMPARE(fresh.sync->unresolvedConflictCount(), 0);
    QCOMPARE(device.snapshot(), fresh.snapshot());
    QCOMPARE(tablet.snapshot(), fresh.snapshot());
    QCOMPARE(device.journal(), fresh.journal());
}

void TestSyncLoopback::soak()
{
    const int rounds = qEnvironmentVariableIntValue("BRANCHLINE_SOAK_ROUNDS") > 0
            ? qEnvironmentVariableIntValue("BRANCHLINE_SOAK_ROUNDS")
            : 6;
    bool seeded = false;
    m_seed = qEnvironmentVariable("BRANCHLINE_SOAK_SEED").toULongLong(&seeded);
    if (!seeded || m_seed == 0)
        m_seed = QRandomGenerator::system()->generate64() | 1;
    // One generator draws the edits and faults, another the proxy's: a seed replays the same
    // draws, though not the same timing (cancel timers, the engine's backoff jitter).
    const quint32 seedWords[] = { quint32(m_seed & 0xffffffffu), quint32(m_seed >> 32) };
    QRandomGenerator random(seedWords, 2);
    FlakyProxy proxy(m_server->port(), random.generate64());
    QVERIFY(proxy.listen());

    QList<std::shared_ptr<Device>> devices;
    for (int i = 0; i < 3; ++i) {
        devices << std::make_shared<Device>(path(QStringLiteral("soak%1.db").arg(i)), proxy.url(),
                                            QStringLiteral("zj.rep1"));
        QCOMPARE(devices.last()->syncNow(), SyncOutcome::Status::Done);
    }
    QStringList ids = devices[0]->snapshot().keys();
    QVERIFY(!ids.isEmpty());
    ids = ids.mid(0, 5); // a few records, so edits collide
    SoakLedger ledger;
    QString error;
    auto editSome = [&](int device, int round) {
        const QString id = ids[int(random.bounded(qsizetype(ids.size())))];
        const CustomerSetter setter = random.bounded(2) ? setNotes : setAddress;
        // Unique values, so the audit can tell every edit apart.
        const QString value =
                QStringLiteral("r%1e%2-%3").arg(round).arg(ledger.size()).arg(random.generate());
        return edit(*devices[device], id, setter, value) && ledger.record(devices, device, &error);
    };

    // Faults from here on: every request waits up to 40 ms and about one in four is cut.
    proxy.setMaxDelayMs(40);
    proxy.setFaultShare(0.25);
    for (int round = 0; round < rounds; ++round) {
        for (int d = 0; d < devices.size(); ++d) {
            const int count = int(random.bounded(4));
            for (int e = 0; e < count; ++e)
                QVERIFY2(editSome(d, round), qPrintable(error));
        }
        // Random faults on top of the proxy's: a client cancelled mid-round, the server killed
        // and restarted.
        const bool killServer = random.bounded(3) == 0;
        if (killServer)
            m_server->kill();
        for (const auto &device : devices) {
            // A new engine each round: a cancelled SyncEngine stays cancelled, and without
            // this a device stopped syncing for good after its first cancel.
            device->renewEngine();
            if (random.bounded(3) == 0) {
                QTimer::singleShot(int(random.bounded(30)), device->engine.get(),
                                   [device] { device->engine->cancel(); });
            }
            device->syncNow(1);
        }
        if (killServer)
            QVERIFY(m_server->start());
    }
    // The rounds did sync: not every edit made in them is still waiting.
    int pending = 0;
    for (const auto &device : devices)
        pending += device->sync->pendingCount();
    QVERIFY2(pending < ledger.size(), "no edit left any device during the rounds");

    // Whatever the draw, each kind of cut meets a push at least once: the push's mutation
    // must still end up applied exactly once.
    for (const FlakyProxy::Fate fate :
         { FlakyProxy::Fate::CutBeforeForward, FlakyProxy::Fate::CutMidRequest,
           FlakyProxy::Fate::CutBeforeAnswer, FlakyProxy::Fate::CutMidAnswer }) {
        const int before = proxy.count(fate);
        const int d = int(random.bounded(qsizetype(devices.size())));
        QVERIFY2(editSome(d, rounds), qPrintable(error));
        proxy.forceNext(QByteArrayLiteral("/api/v1/sync/push"), fate);
        devices[d]->renewEngine();
        devices[d]->syncNow(1);
        QVERIFY2(proxy.count(fate) > before, FlakyProxy::fateName(fate));
    }

    // Quiet period: no more faults; everyone syncs until nothing is pending, twice round.
    proxy.setFaultShare(0);
    proxy.setMaxDelayMs(0);
    for (int pass = 0; pass < 2; ++pass)
        for (const auto &device : devices) {
            device->renewEngine();
            QCOMPARE(device->syncNow(), SyncOutcome::Status::Done);
        }
    // The server's data, as a device that never saw a fault pulls it.
    Device server(path("soak-server.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(server.syncNow(), SyncOutcome::Status::Done);
    for (const auto &device : devices) {
        QCOMPARE(device->sync->pendingCount(), 0);
        QCOMPARE(device->snapshot(), server.snapshot());
        QCOMPARE(device->journal(), server.journal());
    }
    // Counted, not sampled: every edit made has exactly one result on the server, and is
    // the value the server holds, replaced knowingly by a later edit, or in the journal.
    QString summary;
    const QStringList problems = ledger.audit(devices, server, &summary);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QString cuts;
    for (int fate = 1; fate < FlakyProxy::fateCount; ++fate)
        cuts += QStringLiteral(", %1 %2")
                        .arg(proxy.count(FlakyProxy::Fate(fate)))
                        .arg(QLatin1String(FlakyProxy::fateName(FlakyProxy::Fate(fate))));
    qInfo("soak seed %llu, %d rounds: %s; proxy: %d requests%s", m_seed, rounds,
          qPrintable(summary), proxy.requests(), qPrintable(cuts));
}

void TestSyncLoopback::restoredServerCaughtUpIsDetected()
{
    // zj.manager sees several customers: the changes below touch different records, so a
    // device that skipped one would hold it unchanged.
    Device device(path("device.db"), m_server->url(), QStringLiteral("zj.manager"));
    Device tablet(path("tablet.db"), m_server->url(), QStringLiteral("zj.manager"));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    const QStringList ids = device.snapshot().keys();
    QVERIFY(ids.size() >= 3);
    m_server->kill();
    QString error;
    QVERIFY2(m_database->backUp(QStringLiteral("backup"), &error), qPrintable(error));
    QVERIFY(m_server->start());
    // A change made in the browser after the backup (no outbox keeps it): the tablet pulls it,
    // and its cursor moves one seq past the backup.
    const QString web = apiSignIn(m_server->url(), QStringLiteral("zj.manager"));
    QCOMPARE(apiPatch(m_server->url(), QStringLiteral("/api/v1/customers/") + ids[0], web,
                      { { QStringLiteral("notes"), QStringLiteral("网页上的修改") } })
                     .status,
             200);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    m_server->kill();
    QVERIFY2(m_database->restore(QStringLiteral("backup"), &error), qPrintable(error));
    QVERIFY(m_server->start());
    // The restored server logs two new changes before the tablet comes back: its head is past
    // the tablet's cursor again, and the first of them has the very seq the tablet last saw.
    QVERIFY(edit(device, ids[1], setNotes, QStringLiteral("恢复之后的第一个修改")));
    QVERIFY(edit(device, ids[2], setNotes, QStringLiteral("恢复之后的第二个修改")));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    // The tablet must not go on from its cursor: it would skip the first change and keep the
    // browser's, which the server no longer has. It re-snapshots and holds what the server holds.
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    Device fresh(path("fresh.db"), m_server->url(), QStringLiteral("zj.manager"));
    QCOMPARE(fresh.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(tablet.customer(ids[1]).notes, QStringLiteral("恢复之后的第一个修改"));
    QCOMPARE(tablet.customer(ids[2]).notes, QStringLiteral("恢复之后的第二个修改"));
    QCOMPARE(tablet.snapshot(), fresh.snapshot());
    QCOMPARE(device.snapshot(), fresh.snapshot());
}

void TestSyncLoopback::scopeLossWithPendingEditDoesNotStall()
{
    // A rep of the region with at least two customers, and the other rep of the same branch
    // (the demo gives each branch two: zj.rep1 and zj.rep2, zj.rep3 and zj.rep4, ...).
    const QString manager = apiSignIn(m_server->url(), QStringLiteral("zj.manager"));
    const QString customers = QStringLiteral("/api/v1/customers/");
    const QJsonArray region =
            apiGet(m_server->url(), QStringLiteral("/api/v1/customers?limit=200"), manager)
                    .body.value(QStringLiteral("items"))
                    .toArray();
    QString login, partnerId;
    QStringList owned;
    for (int rep = 1; rep <= 6 && owned.size() < 2; ++rep) { // three branches in zj
        QString userId;
        login = QStringLiteral("zj.rep%1").arg(rep);
        apiSignIn(m_server->url(), login, &userId);
        apiSignIn(m_server->url(), QStringLiteral("zj.rep%1").arg(rep % 2 ? rep + 1 : rep - 1),
                  &partnerId);
        owned.clear();
        for (const QJsonValue &item : region)
            if (item[QStringLiteral("owner_id")].toString() == userId)
                owned << item[QStringLiteral("id")].toString();
    }
    QVERIFY2(owned.size() >= 2 && !partnerId.isEmpty(), "no rep with two customers");
    const QString stays = owned[0];
    const QString leaves = owned[1];
    Device device(path("device.db"), m_server->url(), login);
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    // The manager changes one of the rep's customers, then gives the other to the other rep.
    QCOMPARE(apiPatch(m_server->url(), customers + stays, manager,
                      { { QStringLiteral("notes"), QStringLiteral("经理改的") } })
                     .status,
             200);
    QCOMPARE(apiPatch(m_server->url(), customers + leaves, manager,
                      { { QStringLiteral("owner_id"), partnerId } })
                     .status,
             200);
    // The rep edits the leaving customer while the pull is between those two changes (one
    // change per page): the edit is pending when its record is removed, and goes to the local
    // journal with its outbox row (rule 11).
    device.engine->pageSize = 1;
    bool edited = false;
    QObject::connect(device.engine.get(), &SyncEngine::progress, device.engine.get(),
                     [&](SyncPhase phase, qint64, qint64, qint64) {
                         if (phase == SyncPhase::Pull && !edited)
                             edited = edit(device, leaves, setNotes, QStringLiteral("来不及发出"));
                     });
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    QVERIFY(edited);
    QVERIFY(!device.snapshot().contains(leaves));
    QCOMPARE(device.sync->unresolvedConflictCount(), 1);
    QCOMPARE(device.sync->pendingCount(), 0);
    // Its mutation number never reaches the server. The next edit must not wait behind it for
    // ever (a mutation gap no push can fill).
    QVERIFY(edit(device, stays, setAddress, QStringLiteral("之后的修改")));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(device.sync->pendingCount(), 0);
    Device fresh(path("fresh.db"), m_server->url(), login);
    QCOMPARE(fresh.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(fresh.customer(stays).address, QStringLiteral("之后的修改"));
    QCOMPARE(fresh.customer(stays).notes, QStringLiteral("经理改的"));
    QCOMPARE(device.snapshot(), fresh.snapshot());
}

void TestSyncLoopback::aLoggedCallReachesTheServerAndTheOtherComputer()
{
    Device laptop(path("laptop.db"), m_server->url(), QStringLiteral("zj.rep1"));
    Device tablet(path("tablet.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(laptop.syncNow(), SyncOutcome::Status::Done);
    const QString customer = laptop.firstCustomer();
    // Logged on the laptop as the 360° view does it: the client names the rep as author.
    Activity call;
    call.kind = ActivityKind::Call;
    call.relatedTable = QStringLiteral("customers");
    call.relatedId = customer;
    call.authorId = laptop.sync->userId();
    call.occurredAt = QDateTime::currentDateTimeUtc();
    call.subject = QStringLiteral("电话回访，约下周上门");
    QVERIFY(ActivityRepository(laptop.store.database()).append(call));
    QCOMPARE(laptop.syncNow(), SyncOutcome::Status::Done);
    // Nothing refused, nothing journalled, nothing waiting...
    QCOMPARE(laptop.sync->unresolvedConflictCount(), 0);
    QCOMPARE(laptop.sync->pendingCount(), 0);
    // ...and the far end has it: the server, in the rep's name, and the rep's other computer.
    const QString token = apiSignIn(m_server->url(), QStringLiteral("zj.rep1"));
    const QJsonObject stored =
            apiGet(m_server->url(), QStringLiteral("/api/v1/activities/") + call.meta.id, token)
                    .body;
    QCOMPARE(stored.value(QStringLiteral("subject")).toString(), call.subject);
    QCOMPARE(stored.value(QStringLiteral("author_id")).toString(), laptop.sync->userId());
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    QSqlQuery query(tablet.store.database());
    query.prepare(QStringLiteral("SELECT subject FROM activities WHERE id = ?"));
    query.addBindValue(call.meta.id);
    QVERIFY(query.exec() && query.next());
    QCOMPARE(query.value(0).toString(), call.subject);
}

void TestSyncLoopback::anEditRefusedWithoutAServerEntryIsKeptOnTheDevice()
{
    QString repId;
    QString partnerId;
    apiSignIn(m_server->url(), QStringLiteral("zj.rep1"), &repId);
    apiSignIn(m_server->url(), QStringLiteral("zj.rep2"), &partnerId);
    Device device(path("device.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    const QString leaves = device.firstCustomer();
    // The manager hands the customer to the other rep; the rep, offline, edits it.
    const QString manager = apiSignIn(m_server->url(), QStringLiteral("zj.manager"));
    QCOMPARE(apiPatch(m_server->url(), QStringLiteral("/api/v1/customers/") + leaves, manager,
                      { { QStringLiteral("owner_id"), partnerId } })
                     .status,
             200);
    QVERIFY(edit(device, leaves, setNotes, QStringLiteral("离线写的备注")));
    // The push comes first: the server no longer lets the rep see the customer, refuses the
    // edit as not found and journals nothing that names it. The device keeps the edit in its
    // own journal, where the rep sees it; nothing waits in the outbox for ever.
    QCOMPARE(device.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(device.sync->pendingCount(), 0);
    QCOMPARE(device.sync->unresolvedConflictCount(), 1);
    QSqlQuery journal(device.store.database());
    QVERIFY(journal.exec(QStringLiteral("SELECT kind, origin, record_id, client_value, message "
                                        "FROM sync_conflicts WHERE resolution IS NULL"))
            && journal.next());
    QCOMPARE(journal.value(0).toString(), QStringLiteral("rejected"));
    QCOMPARE(journal.value(1).toString(), QStringLiteral("local"));
    QCOMPARE(journal.value(2).toString(), leaves);
    QVERIFY(journal.value(3).toString().contains(QStringLiteral("离线写的备注")));
    QVERIFY(!journal.value(4).toString().isEmpty());
    QVERIFY(!device.snapshot().contains(leaves));
}

QTEST_GUILESS_MAIN(TestSyncLoopback)
#include "tst_syncloopback.moc"
