// SPDX-License-Identifier: GPL-3.0-or-later
// DashboardRepository on a real store, no server: a saved dashboard is written with its
// outbox row (pending) and read back whole; the columns win over the layout for what they
// hold; dashboards of others are listed as shared and refuse edits and deletes with nothing
// queued; a manager shares within the subtree only, a rep not at all; an invalid or
// oversized layout and a built-in dashboard are refused with a message and nothing is
// queued; a stored layout this version cannot read is listed with the reason and left as
// it is.
#include "StoreFixture.h"
#include "dashboards/BuiltInDashboards.h"
#include "dashboards/DashboardRepository.h"
#include "repositories/Outbox.h"
#include "domain/rules/DashboardRules.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace branchline;
using namespace branchline::test;

namespace {

const QString me = QStringLiteral("u-me");
const QString other = QStringLiteral("u-other");

bool exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (query.exec())
        return true;
    qWarning() << sql << query.lastError().text();
    return false;
}

qint64 count(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
}

// 浙江分行 (region) with 西湖 below it; 南京 elsewhere. Me: manager of the region.
bool seedOrganisation(const QSqlDatabase &db)
{
    const QString at = QStringLiteral("2026-01-01T00:00:00.000Z");
    return exec(db,
                "INSERT INTO branches (id, parent_id, name, level, created_at, updated_at) "
                "VALUES ('b-zj', NULL, '浙江分行', 'region', ?1, ?1), "
                "('b-xihu', 'b-zj', '杭州西湖支行', 'branch', ?1, ?1), "
                "('b-nj', NULL, '南京支行', 'branch', ?1, ?1)",
                { at })
            && exec(db,
                    "INSERT INTO users (id, display_name, branch_id, role, created_at, "
                    "updated_at) VALUES ('u-me', '经理', 'b-zj', 'branch_manager', ?1, ?1), "
                    "('u-other', '管理员', NULL, 'admin', ?1, ?1)",
                    { at });
}

DashboardDefinition copyOfBuiltIn(const QString &name)
{
    DashboardDefinition definition = BuiltInDashboards::forRole(Role::BranchManager).value(0);
    definition.builtIn = false;
    definition.id.clear();
    definition.name = name;
    return definition;
}

} // namespace

class TestDashboardRepository : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_fixture.reset(); }
    void savedWithItsOutboxRowAndReadBack();
    void othersDashboardsAreReadOnly();
    void sharingFollowsTheRole();
    void badLayoutsAreRefusedAndNothingQueued();
    void unreadableLayoutIsListedAndKept();

private:
    std::unique_ptr<StoreFixture> m_fixture;
    QSqlDatabase db() const { return m_fixture->db(); }
    qint64 outboxRows() const { return count(db(), "SELECT count(*) FROM outbox"); }
};

void TestDashboardRepository::init()
{
    m_fixture = std::make_unique<StoreFixture>();
    QVERIFY(m_fixture->isOpen());
    QVERIFY(seedOrganisation(db()));
}

void TestDashboardRepository::savedWithItsOutboxRowAndReadBack()
{
    DashboardRepository repository(db(), me, Role::BranchManager);
    DashboardDefinition definition = copyOfBuiltIn(QStringLiteral("  区域月报 "));
    QVERIFY(!definition.widgets.isEmpty());
    const SaveResult saved = repository.save(definition);
    QVERIFY2(saved.ok, qPrintable(saved.firstMessage()));
    QVERIFY(!definition.id.isEmpty());
    QCOMPARE(definition.ownerId, me);
    QCOMPARE(outboxRows(), 1);
    QCOMPARE(count(db(),
                   "SELECT count(*) FROM outbox WHERE table_name = 'dashboards' AND op = "
                   "'insert' AND record_id = ?",
                   { definition.id }),
             1);

    const QList<SavedDashboard> mine = repository.mine();
    QCOMPARE(mine.size(), 1);
    QVERIFY(mine.first().pending);
    QVERIFY(!mine.first().readOnly);
    QVERIFY(mine.first().problem.isEmpty());
    QCOMPARE(mine.first().definition.name, QStringLiteral("区域月报"));
    QCOMPARE(mine.first().definition.toJson(), definition.toJson());
    QCOMPARE(repository.sharedWithMe().size(), 0);
    // The stored layout carries no copy of what the columns hold.
    QSqlQuery query(db());
    QVERIFY(query.exec("SELECT definition, branch_id FROM dashboards"));
    QVERIFY(query.next());
    const QJsonObject layout = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
    for (const QString &key : DashboardRules::columnKeys())
        QVERIFY2(!layout.contains(key), qPrintable(key));
    QVERIFY(layout.contains("widgets"));
    QCOMPARE(query.value(1).toString(), QStringLiteral("b-zj"));

    // An edit queues only what changed; saving the same again queues nothing.
    definition.name = QStringLiteral("区域周报");
    QVERIFY(repository.save(definition).ok);
    QVERIFY(repository.save(definition).ok);
    QCOMPARE(outboxRows(), 2);
    QCOMPARE(count(db(),
                   "SELECT count(*) FROM outbox WHERE op = 'update' AND fields LIKE "
                   "'%区域周报%' AND fields NOT LIKE '%widgets%'"),
             1);
    QVERIFY(repository.remove(definition.id).ok);
    QCOMPARE(repository.mine().size(), 0);
    QCOMPARE(count(db(), "SELECT count(*) FROM outbox WHERE op = 'delete'"), 1);
}

void TestDashboardRepository::othersDashboardsAreReadOnly()
{
    // As a pull leaves it: another user's dashboard shared with this user.
    DashboardDefinition theirs = copyOfBuiltIn(QStringLiteral("全行风险"));
    QString layout;
    QVERIFY(!DashboardRepository::storedLayout(theirs, &layout));
    QVERIFY(exec(db(),
                 "INSERT INTO dashboards (id, owner_id, name, definition, shared_branches, "
                 "version, created_at, updated_at) VALUES ('d-1', ?, '全行风险', ?, "
                 "'[\"b-zj\"]', 7, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                 { other, layout }));
    DashboardRepository repository(db(), me, Role::BranchManager);
    const QList<SavedDashboard> shared = repository.sharedWithMe();
    QCOMPARE(shared.size(), 1);
    QVERIFY(shared.first().readOnly);
    QVERIFY(!shared.first().pending);
    QCOMPARE(shared.first().version, 7);
    QCOMPARE(shared.first().definition.sharedBranches, QStringList{ "b-zj" });
    QCOMPARE(shared.first().definition.widgets.size(), theirs.widgets.size());
    QCOMPARE(repository.mine().size(), 0);

    DashboardDefinition edited = shared.first().definition;
    edited.name = QStringLiteral("改名");
    const SaveResult refused = repository.save(edited);
    QVERIFY(!refused.ok);
    QVERIFY(refused.firstMessage().contains("read-only"));
    QVERIFY(!repository.remove(QStringLiteral("d-1")).ok);
    QCOMPARE(outboxRows(), 0);
    QCOMPARE(repository.find("d-1")->definition.name, QStringLiteral("全行风险"));
}

void TestDashboardRepository::sharingFollowsTheRole()
{
    DashboardRepository manager(db(), me, Role::BranchManager);
    QStringList offered = manager.shareableBranches();
    offered.sort();
    QCOMPARE(offered, (QStringList{ "b-xihu", "b-zj" }));
    QVERIFY(!manager.mayShareWithRoles());
    QCOMPARE(DashboardRepository(db(), other, Role::SalesRep).shareableBranches(), QStringList());
    QCOMPARE(DashboardRepository(db(), other, Role::Admin).shareableBranches().size(), 3);
    QVERIFY(DashboardRepository(db(), other, Role::Admin).mayShareWithRoles());
    DashboardDefinition definition = copyOfBuiltIn(QStringLiteral("共享"));
    definition.sharedBranches = { QStringLiteral("b-nj") };
    QVERIFY(!manager.save(definition).ok);
    definition.sharedBranches = { QStringLiteral("b-xihu") };
    definition.sharedRoles = { QStringLiteral("sales_rep") };
    QVERIFY(!manager.save(definition).ok);
    QCOMPARE(outboxRows(), 0);
    definition.sharedRoles.clear();
    QVERIFY(manager.save(definition).ok);
    QCOMPARE(manager.find(definition.id)->definition.sharedBranches, QStringList{ "b-xihu" });

    // A rep shares nothing; an admin shares with roles.
    DashboardDefinition repsOwn = copyOfBuiltIn(QStringLiteral("我的"));
    repsOwn.sharedBranches = { QStringLiteral("b-xihu") };
    const SaveResult refused = DashboardRepository(db(), other, Role::SalesRep).save(repsOwn);
    QVERIFY(!refused.ok);
    QVERIFY(refused.firstMessage().contains("administrator or a branch manager"));
    repsOwn.sharedBranches.clear();
    repsOwn.sharedRoles = { QStringLiteral("risk_officer") };
    QVERIFY(DashboardRepository(db(), other, Role::Admin).save(repsOwn).ok);
}

void TestDashboardRepository::badLayoutsAreRefusedAndNothingQueued()
{
    DashboardRepository repository(db(), me, Role::BranchManager);
    DashboardDefinition definition = copyOfBuiltIn(QStringLiteral("太大"));
    // Oversized: a filter listing 500 long names, each within the query's own limits.
    FilterSpec filter;
    filter.field = QStringLiteral("city");
    filter.op = FilterOp::In;
    for (int i = 0; i < 500; ++i)
        filter.values << QVariant(QString(190, QChar(u'字')) + QString::number(i));
    definition.widgets.first().query.filters << filter;
    SaveResult refused = repository.save(definition);
    QVERIFY(!refused.ok);
    QVERIFY2(refused.firstMessage().contains("too large"), qPrintable(refused.firstMessage()));

    definition = copyOfBuiltIn(QString());
    refused = repository.save(definition);
    QVERIFY(!refused.ok);
    QVERIFY(!refused.firstMessage().isEmpty());

    definition = copyOfBuiltIn(QStringLiteral("出界"));
    definition.widgets.first().x = 11;
    definition.widgets.first().w = 4;
    QVERIFY(!repository.save(definition).ok);

    DashboardDefinition builtIn = BuiltInDashboards::forRole(Role::BranchManager).value(0);
    refused = repository.save(builtIn);
    QVERIFY(!refused.ok);
    QVERIFY(refused.firstMessage().contains("built-in"));
    QCOMPARE(outboxRows(), 0);
    QCOMPARE(count(db(), "SELECT count(*) FROM dashboards"), 0);
}

void TestDashboardRepository::unreadableLayoutIsListedAndKept()
{
    const QString future =
            QStringLiteral(R"({"widgets":[{"id":"w1","type":"sankey","x":0,"y":0,"w":6,"h":4}]})");
    QVERIFY(exec(db(),
                 "INSERT INTO dashboards (id, owner_id, name, definition, created_at, updated_at) "
                 "VALUES ('d-2', ?, '未来的图', ?, '2026-01-01T00:00:00.000Z', "
                 "'2026-01-01T00:00:00.000Z')",
                 { me, future }));
    DashboardRepository repository(db(), me, Role::BranchManager);
    const QList<SavedDashboard> mine = repository.mine();
    QCOMPARE(mine.size(), 1);
    QVERIFY(!mine.first().problem.isEmpty());
    QCOMPARE(mine.first().definition.name, QStringLiteral("未来的图"));
    QCOMPARE(mine.first().definition.widgets.size(), 0);
    QSqlQuery query(db());
    QVERIFY(query.exec("SELECT definition FROM dashboards WHERE id = 'd-2'") && query.next());
    QCOMPARE(query.value(0).toString(), future);
}

QTEST_GUILESS_MAIN(TestDashboardRepository)
#include "tst_dashboardrepository.moc"
