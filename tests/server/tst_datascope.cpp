// SPDX-License-Identifier: GPL-3.0-or-later
// Data scope by role over a real branch tree: reps see their own records, managers their
// branch subtree and nothing across it, risk officers and admins everything.
#include "ServerFixture.h"
#include "core/Accounts.h"
#include "core/DataScope.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace branchline;
using namespace branchline::server;

class TestDataScope : public QObject
{
    Q_OBJECT

private slots:
    void reachFollowsRole();
    void scopesOverTheBranchTree_data();
    void scopesOverTheBranchTree();
};

void TestDataScope::reachFollowsRole()
{
    QCOMPARE(DataScope::reachOf(Role::SalesRep), DataScope::Reach::Own);
    QCOMPARE(DataScope::reachOf(Role::BranchManager), DataScope::Reach::BranchSubtree);
    QCOMPARE(DataScope::reachOf(Role::RiskOfficer), DataScope::Reach::All);
    QCOMPARE(DataScope::reachOf(Role::Admin), DataScope::Reach::All);
}

void TestDataScope::scopesOverTheBranchTree_data()
{
    test::addEngineRows();
}

void TestDataScope::scopesOverTheBranchTree()
{
    SERVER_FIXTURE(fixture);
    PasswordHasher hasher(PasswordHasher::Strength::Minimum);
    Accounts accounts(fixture.database(), hasher);
    QString error;
    // 总行 → 浙江分行 → {杭州西湖支行, 宁波支行}; 总行 → 江苏分行 → 南京支行
    Branch head{ QString(), QString(), "总行", "head_office", "北京" };
    QVERIFY(accounts.addBranch(head, QString(), &error));
    Branch zhejiang{ QString(), head.id, "浙江分行", "region", "杭州" };
    QVERIFY(accounts.addBranch(zhejiang, QString(), &error));
    Branch xihu{ QString(), zhejiang.id, "杭州西湖支行", "branch", "杭州" };
    Branch ningbo{ QString(), zhejiang.id, "宁波支行", "branch", "宁波" };
    Branch jiangsu{ QString(), head.id, "江苏分行", "region", "南京" };
    QVERIFY(accounts.addBranch(xihu, QString(), &error));
    QVERIFY(accounts.addBranch(ningbo, QString(), &error));
    QVERIFY(accounts.addBranch(jiangsu, QString(), &error));
    Branch nanjing{ QString(), jiangsu.id, "南京支行", "branch", "南京" };
    QVERIFY(accounts.addBranch(nanjing, QString(), &error));

    // Records as (owner, branch); what each caller may see is checked both in SQL and in C++.
    struct Row
    {
        QString owner;
        QString branch;
    };
    const QList<Row> rows{ { "rep-xihu", xihu.id },
                           { "rep-ningbo", ningbo.id },
                           { "rep-nanjing", nanjing.id },
                           { "rep-xihu", zhejiang.id } };
    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("CREATE TABLE probe (n INTEGER, owner_id TEXT, branch_id TEXT)"));
    for (int i = 0; i < rows.size(); ++i) {
        query.prepare("INSERT INTO probe VALUES (?, ?, ?)");
        query.addBindValue(i);
        query.addBindValue(rows[i].owner);
        query.addBindValue(rows[i].branch);
        QVERIFY(query.exec());
    }

    struct Case
    {
        Role role;
        QString user;
        QString branch;
        QList<int> visible;
    };
    const QList<Case> cases{
        { Role::SalesRep, "rep-xihu", xihu.id, { 0, 3 } },
        { Role::BranchManager, "mgr-zhejiang", zhejiang.id, { 0, 1, 3 } },
        { Role::BranchManager, "mgr-xihu", xihu.id, { 0 } },
        { Role::BranchManager, "mgr-jiangsu", jiangsu.id, { 2 } },
        { Role::BranchManager, "mgr-nowhere", QString(), {} },
        { Role::RiskOfficer, "risk", head.id, { 0, 1, 2, 3 } },
        { Role::Admin, "admin", QString(), { 0, 1, 2, 3 } },
    };
    for (const Case &c : cases) {
        Caller caller;
        caller.userId = c.user;
        caller.role = c.role;
        caller.branchId = c.branch;
        DataScope scope;
        QVERIFY(DataScope::resolve(db, caller, &scope, &error));
        QVariantList values;
        query.prepare("SELECT n FROM probe p WHERE " + scope.condition("p", &values)
                      + " ORDER BY n");
        for (const QVariant &value : values)
            query.addBindValue(value);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QList<int> seen;
        while (query.next())
            seen << query.value(0).toInt();
        QCOMPARE(seen, c.visible);
        for (int i = 0; i < rows.size(); ++i)
            QCOMPARE(scope.contains(rows[i].owner, rows[i].branch), c.visible.contains(i));
    }
}

QTEST_GUILESS_MAIN(TestDataScope)
#include "tst_datascope.moc"
