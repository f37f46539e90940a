// SPDX-License-Identifier: GPL-3.0-or-later
// Saved dashboards through sync, on SQLite and PostgreSQL (server migration 10): the owner's
// dashboard reaches their other devices and nobody else; a manager shares with branches of
// their subtree only, an admin with roles too, reps share nothing; the people it is shared
// with receive it read-only (their edits and deletes refused, journalled, audited, and the
// dashboard sent back as it is); unsharing and deleting reach them in the tail; a malformed
// or oversized layout is refused with a reason and nothing is stored; two devices of the
// owner editing one field merge, the loser journalled.
#include "ApprovalFixture.h"
#include "domain/rules/DashboardRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

using namespace branchline;
using namespace branchline::server;
using namespace branchline::server::test;

namespace {

QJsonObject layout(const QString &title = QStringLiteral("本月交易额"))
{
    return QJsonObject{ { "widgets",
                          QJsonArray{ QJsonObject{ { "id", "w1" },
                                                   { "type", "bar" },
                                                   { "title", title },
                                                   { "x", 0 },
                                                   { "y", 0 },
                                                   { "w", 6 },
                                                   { "h", 4 } } } },
                        { "date_range", QJsonObject{ { "kind", "last_30_days" } } } };
}

QJsonObject dashboard(const QString &name, const QStringList &roles = {},
                      const QStringList &branches = {})
{
    // As a client's store sends it: the layout and the lists as their JSON text.
    return QJsonObject{
        { "name", name },
        { "definition", QString::fromUtf8(QJsonDocument(layout()).toJson(QJsonDocument::Compact)) },
        { "shared_roles", DashboardRules::listText(roles) },
        { "shared_branches", DashboardRules::listText(branches) },
    };
}

// One device as a client store sees the server: pushes numbered mutations with bases and
// keeps what the pulls (snapshot, then tail) leave, like PageApplier.
class Store
{
public:
    Store(SyncService &service, const Caller &caller)
        : m_service(service)
        , m_caller(caller)
        , m_clientId(newId())
    {
    }

    sync::MutationResult push(sync::Mutation::Op op, const QString &id, const QJsonObject &fields)
    {
        sync::Mutation mutation;
        mutation.number = m_next++;
        mutation.table = QStringLiteral("dashboards");
        mutation.id = id;
        mutation.op = op;
        mutation.fields = fields;
        const QJsonObject row = m_rows.value(id);
        mutation.baseVersion = qint64(row.value("version").toDouble());
        for (auto it = fields.begin(); it != fields.end(); ++it)
            mutation.base.insert(it.key(), m_versions.value(id).value(it.key(), 0));
        sync::PushRequest request{ m_clientId, { mutation }, 1 };
        const RecordOutcome outcome = m_service.push(m_caller, request.toJson());
        QString problem;
        const auto response = sync::PushResponse::fromJson(outcome.body, &problem);
        if (outcome.status != 200 || !response || response->results.size() != 1) {
            qWarning() << "push failed" << outcome.status << QJsonDocument(outcome.body).toJson();
            return {};
        }
        return response->results.first();
    }

    // Pulls until caught up; returns the ids removed in this pull.
    QStringList pull()
    {
        QStringList removed;
        for (int pages = 0; pages < 100; ++pages) {
            const sync::PullRequest request{ m_clientId, m_cursor, 100, 0 };
            QJsonObject body = request.toJson();
            if (m_schema > 0)
                body.insert(QStringLiteral("schema_version"), m_schema);
            const RecordOutcome outcome = m_service.pull(m_caller, body);
            QString problem;
            const auto page = sync::PullPage::fromJson(outcome.body, &problem);
            if (!page) {
                qWarning() << "pull failed" << problem;
                return removed;
            }
            for (const sync::Change &change : page->changes) {
                m_tablesSeen.insert(change.table);
                if (change.table != QLatin1String("dashboards"))
                    continue;
                if (change.op == sync::Change::Op::Remove) {
                    if (m_rows.remove(change.id))
                        removed << change.id;
                } else {
                    m_rows.insert(change.id, change.row);
                    m_versions.insert(change.id, change.versions);
                }
            }
            m_cursor = page->cursor;
            if (!page->more)
                break;
        }
        return removed;
    }

    // Live dashboards held, by name.
    QStringList names() const
    {
        QStringList names;
        for (const QJsonObject &row : m_rows)
            if (!row.value("deleted").toBool())
                names << row.value("name").toString();
        names.sort();
        return names;
    }
    QJsonObject row(const QString &id) const { return m_rows.value(id); }
    // A client of an older record schema (0 = this build's).
    void setSchema(int schema) { m_schema = schema; }
    QSet<QString> tablesSeen() const { return m_tablesSeen; }

private:
    SyncService &m_service;
    Caller m_caller;
    QString m_clientId;
    QString m_cursor;
    qint64 m_next = 1;
    QHash<QString, QJsonObject> m_rows;
    QHash<QString, sync::FieldVersions> m_versions;
    int m_schema = 0;
    QSet<QString> m_tablesSeen;
};

using Op = sync::Mutation::Op;

QStringList dashboardAudit(Database &database, const QString &id)
{
    QSqlQuery query(database.connection());
    query.prepare("SELECT action FROM audit_log WHERE entity = 'dashboards' AND entity_id = ? "
                  "ORDER BY seq");
    query.addBindValue(id);
    QStringList actions;
    if (query.exec())
        while (query.next())
            actions << query.value(0).toString();
    return actions;
}

qint64 journalled(Database &database, const QString &id, const QString &code)
{
    return scalar(database,
                  "SELECT count(*) FROM sync_conflicts WHERE table_name = 'dashboards' AND "
                  "record_id = ? AND code = ?",
                  { id, code })
            .toLongLong();
}

} // namespace

class TestDashboardSharing : public QObject
{
    Q_OBJECT

private slots:
    void ownDashboardReachesOnlyTheOwnersDevices_data() { addEngineRows(); }
    void ownDashboardReachesOnlyTheOwnersDevices();
    void managerSharesWithBranchesOfTheSubtree_data() { addEngineRows(); }
    void managerSharesWithBranchesOfTheSubtree();
    void sharedDashboardIsReadOnly_data() { addEngineRows(); }
    void sharedDashboardIsReadOnly();
    void adminSharesWithRolesRepsShareNothing_data() { addEngineRows(); }
    void adminSharesWithRolesRepsShareNothing();
    void malformedLayoutsAreRefused_data();
    void malformedLayoutsAreRefused();
    void ownerDevicesMergeFieldByField_data() { addEngineRows(); }
    void ownerDevicesMergeFieldByField();
    void olderClientsAreNotSentDashboards_data() { addEngineRows(); }
    void olderClientsAreNotSentDashboards();
};

#define ORG(org) \
    SERVER_FIXTURE(fixture); \
    ApprovalOrg org; \
    { \
        QString orgError; \
        QVERIFY2(makeApprovalOrg(fixture.database(), &org, &orgError), qPrintable(orgError)); \
    } \
    SyncService service(fixture.database())

void TestDashboardSharing::ownDashboardReachesOnlyTheOwnersDevices()
{
    ORG(org);
    Store laptop(service, org.rep);
    Store tablet(service, org.rep);
    Store manager(service, org.zjmgr);
    Store xihuManager(service, org.xmgr);
    Store otherRep(service, org.rep2);
    Store admin(service, org.admin);
    for (Store *store : { &tablet, &manager, &xihuManager, &otherRep, &admin })
        store->pull(); // everyone is in the tail before the dashboard exists

    const QString id = newId();
    const sync::MutationResult created = laptop.push(Op::Insert, id, dashboard("我的商户"));
    QCOMPARE(created.outcome, sync::Outcome::Applied);
    QVERIFY(created.seq > 0);
    tablet.pull();
    QCOMPARE(tablet.names(), QStringList{ "我的商户" });
    const QJsonObject row = tablet.row(id);
    QCOMPARE(row.value("owner_id").toString(), org.rep.userId);
    QCOMPARE(row.value("branch_id").toString(), org.xihu.id);
    QCOMPARE(row.value("definition").toObject(), layout());
    QCOMPARE(row.value("shared_roles").toArray(), QJsonArray());
    // A private dashboard: not even the managers above its owner, nor an administrator.
    for (Store *store : { &manager, &xihuManager, &otherRep, &admin }) {
        store->pull();
        QCOMPARE(store->names(), QStringList());
    }
    Store freshAdmin(service, org.admin);
    freshAdmin.pull();
    QCOMPARE(freshAdmin.names(), QStringList());
    QCOMPARE(dashboardAudit(fixture.database(), id), QStringList{ "dashboard.create" });

    // The owner who sends an owner of their choosing still owns it.
    const QString forged = newId();
    QJsonObject fields = dashboard("冒名");
    fields.insert("owner_id", org.rep2.userId);
    QCOMPARE(laptop.push(Op::Insert, forged, fields).outcome, sync::Outcome::Applied);
    QCOMPARE(scalar(fixture.database(), "SELECT owner_id FROM dashboards WHERE id = ?", { forged })
                     .toString(),
             org.rep.userId);
}

void TestDashboardSharing::managerSharesWithBranchesOfTheSubtree()
{
    ORG(org);
    Store manager(service, org.zjmgr);
    Store rep(service, org.rep);
    Store xihuManager(service, org.xmgr);
    Store otherRep(service, org.rep2);
    Store nanjingManager(service, org.njmgr);
    for (Store *store : { &rep, &xihuManager, &otherRep, &nanjingManager })
        store->pull();

    const QString id = newId();
    QCOMPARE(manager.push(Op::Insert, id, dashboard("西湖支行业绩")).outcome,
             sync::Outcome::Applied);
    manager.pull();
    // Shared with 杭州西湖支行, a branch of the manager's region.
    QCOMPARE(manager.push(Op::Update, id, { { "shared_branches", QJsonArray{ org.xihu.id } } })
                     .outcome,
             sync::Outcome::Applied);
    QCOMPARE(rep.pull(), QStringList());
    QCOMPARE(rep.names(), QStringList{ "西湖支行业绩" });
    xihuManager.pull();
    QCOMPARE(xihuManager.names(), QStringList{ "西湖支行业绩" });
    for (Store *store : { &otherRep, &nanjingManager }) {
        store->pull();
        QCOMPARE(store->names(), QStringList());
    }
    // A fresh snapshot agrees with the tail.
    Store repsNewLaptop(service, org.rep);
    repsNewLaptop.pull();
    QCOMPARE(repsNewLaptop.names(), QStringList{ "西湖支行业绩" });

    // Outside the subtree, or with a role: refused, journalled, nothing changes.
    manager.pull();
    for (const QJsonObject &fields :
         { QJsonObject{ { "shared_branches", QJsonArray{ org.xihu.id, org.nanjing.id } } },
           QJsonObject{ { "shared_roles", QJsonArray{ "sales_rep" } } } }) {
        const sync::MutationResult refused = manager.push(Op::Update, id, fields);
        QCOMPARE(refused.outcome, sync::Outcome::Rejected);
        QCOMPARE(refused.code, QStringLiteral("invalid"));
        QVERIFY(!refused.message.isEmpty());
    }
    QCOMPARE(journalled(fixture.database(), id, "invalid"), 2);
    otherRep.pull();
    QCOMPARE(otherRep.names(), QStringList());

    // Shared with the region: it reaches the branches below it too.
    QCOMPARE(manager.push(Op::Update, id, { { "shared_branches", QJsonArray{ org.zj.id } } })
                     .outcome,
             sync::Outcome::Applied);
    rep.pull();
    QCOMPARE(rep.names(), QStringList{ "西湖支行业绩" });

    // Unshared: it leaves the rep's store.
    manager.pull();
    QCOMPARE(manager.push(Op::Update, id, { { "shared_branches", QJsonArray() } }).outcome,
             sync::Outcome::Applied);
    QCOMPARE(rep.pull(), QStringList{ id });
    QCOMPARE(rep.names(), QStringList());
    QCOMPARE(xihuManager.pull(), QStringList{ id });
    manager.pull();
    QCOMPARE(manager.names(), QStringList{ "西湖支行业绩" });
    QCOMPARE(dashboardAudit(fixture.database(), id),
             (QStringList{ "dashboard.create", "dashboard.update", "dashboard.share",
                           "dashboard.refused", "dashboard.refused", "dashboard.update",
                           "dashboard.share", "dashboard.update", "dashboard.share" }));
}

void TestDashboardSharing::sharedDashboardIsReadOnly()
{
    ORG(org);
    Store admin(service, org.admin);
    Store rep(service, org.rep);
    Store regionManager(service, org.zjmgr);
    const QString id = newId();
    QCOMPARE(admin.push(Op::Insert, id, dashboard("全行风险等级", {}, { org.xihu.id })).outcome,
             sync::Outcome::Applied);
    rep.pull();
    regionManager.pull();
    QCOMPARE(rep.names(), QStringList{ "全行风险等级" });
    // The manager of the region above the shared branch sees it too.
    QCOMPARE(regionManager.names(), QStringList{ "全行风险等级" });

    // The rep's edit: refused, journalled for the rep, audited; the rep's device gets the
    // dashboard back as it is.
    const sync::MutationResult edit = rep.push(Op::Update, id, { { "name", "我改的名字" } });
    QCOMPARE(edit.outcome, sync::Outcome::Rejected);
    QCOMPARE(edit.code, QStringLiteral("read_only"));
    QVERIFY(edit.message.contains("read-only"));
    QCOMPARE(edit.conflicts.size(), 1);
    QCOMPARE(scalar(fixture.database(), "SELECT user_id FROM sync_conflicts WHERE id = ?",
                    { edit.conflicts.first() })
                     .toString(),
             org.rep.userId);
    QCOMPARE(scalar(fixture.database(), "SELECT name FROM dashboards WHERE id = ?", { id })
                     .toString(),
             QStringLiteral("全行风险等级"));
    rep.pull();
    QCOMPARE(rep.row(id).value("name").toString(), QStringLiteral("全行风险等级"));
    // The same for a delete, and for the manager above.
    QCOMPARE(rep.push(Op::Delete, id, {}).code, QStringLiteral("read_only"));
    QCOMPARE(regionManager.push(Op::Update, id, { { "shared_branches", QJsonArray() } }).code,
             QStringLiteral("read_only"));
    QCOMPARE(journalled(fixture.database(), id, "read_only"), 3);
    QCOMPARE(scalar(fixture.database(), "SELECT deleted FROM dashboards WHERE id = ?", { id })
                     .toInt(),
             0);
    // Someone who does not see it learns nothing of it.
    Store otherRep(service, org.rep2);
    QCOMPARE(otherRep.push(Op::Update, id, { { "name", "x" } }).code, QStringLiteral("not_found"));

    // The owner deletes it: the tombstone reaches the people it was shared with.
    admin.pull();
    QCOMPARE(admin.push(Op::Delete, id, {}).outcome, sync::Outcome::Applied);
    rep.pull();
    QVERIFY(rep.row(id).value("deleted").toBool());
    QCOMPARE(rep.names(), QStringList());
    QCOMPARE(dashboardAudit(fixture.database(), id),
             (QStringList{ "dashboard.create", "dashboard.share", "dashboard.refused",
                           "dashboard.refused", "dashboard.refused", "dashboard.refused",
                           "dashboard.delete" }));
}

void TestDashboardSharing::adminSharesWithRolesRepsShareNothing()
{
    ORG(org);
    Store admin(service, org.admin);
    Store risk(service, org.risk);
    Store rep(service, org.rep);
    const QString id = newId();
    QCOMPARE(admin.push(Op::Insert, id, dashboard("待审批", { "risk_officer" })).outcome,
             sync::Outcome::Applied);
    risk.pull();
    rep.pull();
    QCOMPARE(risk.names(), QStringList{ "待审批" });
    QCOMPARE(rep.names(), QStringList());
    // An unknown role is refused, even from an administrator.
    admin.pull();
    QCOMPARE(admin.push(Op::Update, id, { { "shared_roles", QJsonArray{ "auditor" } } }).code,
             QStringLiteral("invalid"));

    // A rep shares nothing: neither when creating nor later.
    const QString mine = newId();
    const sync::MutationResult shared =
            rep.push(Op::Insert, mine, dashboard("我的", {}, { org.xihu.id }));
    QCOMPARE(shared.outcome, sync::Outcome::Rejected);
    QCOMPARE(shared.code, QStringLiteral("invalid"));
    QCOMPARE(scalar(fixture.database(), "SELECT count(*) FROM dashboards WHERE id = ?", { mine })
                     .toInt(),
             0);
    QCOMPARE(rep.push(Op::Insert, mine, dashboard("我的")).outcome, sync::Outcome::Applied);
    rep.pull();
    QCOMPARE(rep.push(Op::Update, mine, { { "shared_roles", QJsonArray{ "sales_rep" } } }).code,
             QStringLiteral("invalid"));
    QCOMPARE(
            scalar(fixture.database(), "SELECT shared_roles FROM dashboards WHERE id = ?", { mine })
                    .toString(),
            QStringLiteral("[]"));
}

void TestDashboardSharing::malformedLayoutsAreRefused_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    const QString huge = QString(DashboardRules::maxDefinitionBytes, QLatin1Char('x'));
    QJsonObject oversized = layout(huge);
    QJsonObject untyped = layout();
    untyped.insert("widgets", QJsonArray{ QJsonObject{ { "id", "w1" } } });
    const QList<std::tuple<const char *, const char *, QJsonValue>> cases{
        { "not JSON", "definition", QJsonValue("{\"widgets\": [") },
        { "an array", "definition", QJsonValue("[]") },
        { "no widgets", "definition", QJsonObject{ { "date_range", QJsonObject() } } },
        { "widget without type", "definition", untyped },
        { "oversized", "definition", oversized },
        { "empty name", "name", QJsonValue("  ") },
        { "long name", "name", QJsonValue(QString(121, QLatin1Char('n'))) },
        { "roles not a list", "shared_roles", QJsonValue("sales_rep") },
    };
    for (const char *engine : { "sqlite", "postgres" })
        for (const auto &[name, field, value] : cases)
            QTest::addRow("%s %s", engine, name)
                    << QString::fromLatin1(engine) << QString::fromLatin1(field) << value;
}

void TestDashboardSharing::malformedLayoutsAreRefused()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    ORG(org);
    Store admin(service, org.admin);
    QJsonObject fields = dashboard("好的");
    fields.insert(field, value);
    const QString id = newId();
    const sync::MutationResult created = admin.push(Op::Insert, id, fields);
    QCOMPARE(created.outcome, sync::Outcome::Rejected);
    QCOMPARE(created.code, QStringLiteral("invalid"));
    QVERIFY(!created.message.isEmpty());
    QCOMPARE(scalar(fixture.database(), "SELECT count(*) FROM dashboards").toInt(), 0);

    // The same on an existing dashboard: refused, journalled, the stored one kept.
    QCOMPARE(admin.push(Op::Insert, id, dashboard("好的")).outcome, sync::Outcome::Applied);
    admin.pull();
    const sync::MutationResult edited = admin.push(Op::Update, id, { { field, value } });
    QCOMPARE(edited.code, QStringLiteral("invalid"));
    QCOMPARE(journalled(fixture.database(), id, "invalid"), 2);
    admin.pull();
    QCOMPARE(admin.row(id).value("name").toString(), QStringLiteral("好的"));
    QCOMPARE(admin.row(id).value("definition").toObject(), layout());
}

void TestDashboardSharing::ownerDevicesMergeFieldByField()
{
    ORG(org);
    Store laptop(service, org.rep);
    Store tablet(service, org.rep);
    const QString id = newId();
    QCOMPARE(laptop.push(Op::Insert, id, dashboard("草稿")).outcome, sync::Outcome::Applied);
    laptop.pull();
    tablet.pull();
    // Different fields from the two devices: both apply.
    QCOMPARE(laptop.push(Op::Update, id, { { "name", "周报" } }).outcome, sync::Outcome::Applied);
    const QJsonObject changed = layout(QStringLiteral("新增商户"));
    QCOMPARE(tablet.push(Op::Update, id, { { "definition", changed } }).outcome,
             sync::Outcome::Applied);
    // The same field: the later edit wins, the value it replaced is journalled.
    const sync::MutationResult race = tablet.push(Op::Update, id, { { "name", "月报" } });
    QCOMPARE(race.outcome, sync::Outcome::Merged);
    QCOMPARE(race.conflicts.size(), 1);
    QCOMPARE(scalar(fixture.database(), "SELECT kind FROM sync_conflicts WHERE id = ?",
                    { race.conflicts.first() })
                     .toString(),
             QStringLiteral("overwritten"));
    laptop.pull();
    QCOMPARE(laptop.row(id).value("name").toString(), QStringLiteral("月报"));
    QCOMPARE(laptop.row(id).value("definition").toObject(), changed);
    // A delete from a device that has not seen the latest edit is a conflict, not a loss.
    QCOMPARE(tablet.push(Op::Delete, id, {}).outcome, sync::Outcome::Conflict);
    tablet.pull();
    QCOMPARE(tablet.push(Op::Delete, id, {}).outcome, sync::Outcome::Applied);
}

void TestDashboardSharing::olderClientsAreNotSentDashboards()
{
    // A 0.1.0 client (record schema 3) refuses a page naming a table it does not know, so
    // the server holds dashboards back from it, in the snapshot and in the tail, and sends
    // it everything else as before.
    ORG(org);
    Store laptop(service, org.rep);
    Store oldTablet(service, org.rep);
    oldTablet.setSchema(3);
    oldTablet.pull();
    const QString id = newId();
    QCOMPARE(laptop.push(Op::Insert, id, dashboard("我的商户")).outcome, sync::Outcome::Applied);
    oldTablet.pull(); // the tail
    Store oldDesktop(service, org.rep);
    oldDesktop.setSchema(3);
    oldDesktop.pull(); // a snapshot
    for (Store *old : { &oldTablet, &oldDesktop }) {
        QVERIFY(!old->tablesSeen().contains(QStringLiteral("dashboards")));
        QVERIFY(old->tablesSeen().contains(QStringLiteral("customers")));
        QCOMPARE(old->names(), QStringList());
    }
    Store newDesktop(service, org.rep);
    newDesktop.pull();
    QCOMPARE(newDesktop.names(), QStringList{ "我的商户" });
}

QTEST_GUILESS_MAIN(TestDashboardSharing)
#include "tst_dashboardsharing.moc"
