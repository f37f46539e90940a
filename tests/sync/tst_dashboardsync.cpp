// SPDX-License-Identifier: GPL-3.0-or-later
// Saved dashboards end to end: the real branchline-server process with demo data and real
// client stores (SQLCipher) over loopback, on SQLite and PostgreSQL. A layout saved on a
// rep's laptop (offline too) reaches the rep's tablet; a manager shares a dashboard with a
// branch and a rep there sees it read-only, a rep elsewhere does not; the rep's edit is
// refused here by the repository and, when forced into the outbox, by the server, which
// journals it and sends the dashboard back; unsharing removes it from the rep's store.
#include "LoopbackDevice.h"
#include "SeededServer.h"
#include "dashboards/BuiltInDashboards.h"
#include "dashboards/DashboardRepository.h"
#include "repositories/RecordTable.h"

#include <QSqlQuery>
#include <QTest>

using namespace branchline;
using namespace branchline::sync;
using namespace branchline::test;

namespace {

QString text(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

// A user's own copy of a built-in dashboard, as the designer's "save a copy" makes it.
DashboardDefinition copyOfBuiltIn(Role role, const QString &name)
{
    DashboardDefinition definition = BuiltInDashboards::forRole(role).value(0);
    definition.builtIn = false;
    definition.id.clear();
    definition.name = name;
    return definition;
}

QStringList names(const QList<SavedDashboard> &dashboards)
{
    QStringList list;
    for (const SavedDashboard &saved : dashboards)
        list << saved.definition.name;
    return list;
}

DashboardRepository repository(LoopbackDevice &device, Role role)
{
    return DashboardRepository(device.store.database(), device.client->userId(), role);
}

} // namespace

class TestDashboardSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();
    void layoutReachesTheUsersOtherComputer();
    void sharedWithABranchReadOnlyThenUnshared();

private:
    std::unique_ptr<SeededServer> m_server;
    QString path(const QString &name) const { return m_server->filePath(name); }
};

void TestDashboardSync::initTestCase_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

void TestDashboardSync::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_server = std::make_unique<SeededServer>(engine, 60);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->failure()));
}

void TestDashboardSync::cleanup()
{
    m_server.reset();
}

void TestDashboardSync::layoutReachesTheUsersOtherComputer()
{
    LoopbackDevice laptop(path("laptop.db"), m_server->url(), QStringLiteral("zj.rep1"));
    LoopbackDevice tablet(path("tablet.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(laptop.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);

    DashboardDefinition mine = copyOfBuiltIn(Role::SalesRep, QStringLiteral("我的漏斗"));
    QVERIFY(!mine.widgets.isEmpty());
    const SaveResult saved = repository(laptop, Role::SalesRep).save(mine);
    QVERIFY2(saved.ok, qPrintable(saved.firstMessage()));
    QVERIFY(!mine.id.isEmpty());
    QVERIFY(repository(laptop, Role::SalesRep).find(mine.id)->pending);

    QCOMPARE(laptop.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(laptop.sync->unresolvedConflictCount(), 0);
    QVERIFY(!repository(laptop, Role::SalesRep).find(mine.id)->pending);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    const QList<SavedDashboard> onTablet = repository(tablet, Role::SalesRep).mine();
    QCOMPARE(names(onTablet), QStringList{ "我的漏斗" });
    QVERIFY2(onTablet.first().problem.isEmpty(), qPrintable(onTablet.first().problem));
    QVERIFY(!onTablet.first().readOnly);
    QCOMPARE(onTablet.first().definition.toJson(), mine.toJson());

    // Offline: the rename waits in the outbox, shown as pending, and arrives later.
    m_server->kill();
    mine.name = QStringLiteral("我的漏斗（周）");
    mine.widgets.first().title = QStringLiteral("本周");
    QVERIFY(repository(laptop, Role::SalesRep).save(mine).ok);
    QVERIFY(laptop.syncNow(2) != SyncOutcome::Status::Done);
    QVERIFY(repository(laptop, Role::SalesRep).find(mine.id)->pending);
    QVERIFY(m_server->start());
    QCOMPARE(laptop.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    const std::optional<SavedDashboard> renamed = repository(tablet, Role::SalesRep).find(mine.id);
    QVERIFY(renamed);
    QCOMPARE(renamed->definition.name, QStringLiteral("我的漏斗（周）"));
    QCOMPARE(renamed->definition.widgets.first().title, QStringLiteral("本周"));

    // Deleted on the tablet: gone from the laptop too.
    QVERIFY(repository(tablet, Role::SalesRep).remove(mine.id).ok);
    QCOMPARE(tablet.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(laptop.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(names(repository(laptop, Role::SalesRep).mine()), QStringList());
}

void TestDashboardSync::sharedWithABranchReadOnlyThenUnshared()
{
    LoopbackDevice manager(path("manager.db"), m_server->url(), QStringLiteral("zj.manager"));
    LoopbackDevice rep(path("rep.db"), m_server->url(), QStringLiteral("zj.rep1"));
    LoopbackDevice elsewhere(path("ningbo.db"), m_server->url(), QStringLiteral("zj.rep3"));
    for (LoopbackDevice *device : { &manager, &rep, &elsewhere })
        QCOMPARE(device->syncNow(), SyncOutcome::Status::Done);
    const QSqlDatabase managerDb = manager.store.database();
    const QString xihu = text(managerDb, "SELECT id FROM branches WHERE name = '杭州西湖支行'");
    const QString nanjing = text(managerDb, "SELECT id FROM branches WHERE name = '南京鼓楼支行'");
    QVERIFY(!xihu.isEmpty() && !nanjing.isEmpty());

    DashboardDefinition shared =
            copyOfBuiltIn(Role::BranchManager, QStringLiteral("西湖支行月度交易额"));
    shared.sharedBranches = { nanjing };
    // A branch outside the manager's region is refused here already, nothing is queued.
    const SaveResult outside = repository(manager, Role::BranchManager).save(shared);
    QVERIFY(!outside.ok);
    QVERIFY(outside.firstMessage().contains("below it"));
    QCOMPARE(manager.sync->pendingCount(), 0);
    shared.sharedBranches = { xihu };
    QVERIFY2(repository(manager, Role::BranchManager).save(shared).ok, "share with 西湖");
    QCOMPARE(manager.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(manager.sync->unresolvedConflictCount(), 0);

    QCOMPARE(rep.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(elsewhere.syncNow(), SyncOutcome::Status::Done);
    DashboardRepository repDashboards = repository(rep, Role::SalesRep);
    const QList<SavedDashboard> seen = repDashboards.sharedWithMe();
    QCOMPARE(names(seen), QStringList{ "西湖支行月度交易额" });
    QVERIFY(seen.first().readOnly);
    QVERIFY(seen.first().problem.isEmpty());
    QCOMPARE(seen.first().definition.widgets.size(), shared.widgets.size());
    QCOMPARE(names(repDashboards.mine()), QStringList());
    QCOMPARE(names(repository(elsewhere, Role::SalesRep).sharedWithMe()), QStringList());

    // The rep's edit: refused on the spot by the repository, nothing queued.
    DashboardDefinition edited = seen.first().definition;
    edited.name = QStringLiteral("我改的");
    const SaveResult refusedHere = repDashboards.save(edited);
    QVERIFY(!refusedHere.ok);
    QVERIFY(refusedHere.firstMessage().contains("read-only"));
    QVERIFY(!repDashboards.remove(shared.id).ok);
    QCOMPARE(rep.sync->pendingCount(), 0);

    // Forced into the outbox (an older client, a tampered store): the server refuses it,
    // journals it for the rep and sends the dashboard back as it is.
    SyncMeta meta;
    meta.id = shared.id;
    StoreError error;
    QVERIFY(RecordTable(rep.store.database(), QStringLiteral("dashboards"))
                    .update(meta, { { QStringLiteral("name"), QStringLiteral("我改的") } },
                            &error));
    QCOMPARE(rep.sync->pendingCount(), 1);
    QCOMPARE(rep.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(rep.sync->pendingCount(), 0);
    QCOMPARE(rep.sync->unresolvedConflictCount(), 1);
    QCOMPARE(text(rep.store.database(), "SELECT code FROM sync_conflicts WHERE record_id = ?",
                  { shared.id }),
             QStringLiteral("read_only"));
    QCOMPARE(repDashboards.find(shared.id)->definition.name, QStringLiteral("西湖支行月度交易额"));
    QCOMPARE(manager.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(repository(manager, Role::BranchManager).find(shared.id)->definition.name,
             QStringLiteral("西湖支行月度交易额"));

    // Unshared: it leaves the rep's store.
    shared.sharedBranches.clear();
    QVERIFY(repository(manager, Role::BranchManager).save(shared).ok);
    QCOMPARE(manager.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(rep.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(names(repDashboards.sharedWithMe()), QStringList());
    QCOMPARE(text(rep.store.database(), "SELECT count(*) FROM dashboards WHERE id = ?",
                  { shared.id }),
             QStringLiteral("0"));
    QCOMPARE(names(repository(manager, Role::BranchManager).mine()),
             QStringList{ "西湖支行月度交易额" });
}

QTEST_GUILESS_MAIN(TestDashboardSync)
#include "tst_dashboardsync.moc"
