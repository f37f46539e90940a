// SPDX-License-Identifier: GPL-3.0-or-later
// Tasks through the record service, on SQLite and PostgreSQL: a rep's tasks carry the rep's
// branch as their scope key, so the manager above sees them and other branches do not.
#include "ServerFixture.h"
#include "records/TaskService.h"

#include <QJsonArray>

using namespace branchline;
using namespace branchline::server;

class TestTaskApi : public QObject
{
    Q_OBJECT

private slots:
    void tasksFollowTheirOwnersBranch_data() { test::addEngineRows(); }
    void tasksFollowTheirOwnersBranch();
};

void TestTaskApi::tasksFollowTheirOwnersBranch()
{
    SERVER_FIXTURE(fixture);
    test::Organisation organisation;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &organisation, &error), qPrintable(error));
    const Caller &rep = organisation.rep;
    const Caller &otherRep = organisation.otherRep;
    const Caller &manager = organisation.manager;
    const Caller &admin = organisation.admin;

    TaskService tasks(fixture.database());
    const RecordOutcome created = tasks.create(rep,
                                               { { "title", "回访杭州西湖茶叶" },
                                                 { "due_at", "2026-11-25T02:00:00.000Z" },
                                                 { "reminder_at", "2026-11-25T01:00:00.000Z" },
                                                 { "priority", "high" },
                                                 { "related_table", "customers" },
                                                 { "related_id", "c-1" } });
    QCOMPARE(created.status, 201);
    QCOMPARE(created.body.value("branch_id").toString(), organisation.xihu.id);
    QCOMPARE(created.body.value("owner_id").toString(), rep.userId);
    const QString id = created.body.value("id").toString();

    auto titles = [&tasks](const Caller &caller, const QString &query = QString()) {
        QStringList seen;
        for (const QJsonValue &item :
             tasks.list(caller, QUrlQuery(query)).body.value("items").toArray())
            seen << item.toObject().value("title").toString();
        return seen;
    };
    QCOMPARE(titles(rep), QStringList{ "回访杭州西湖茶叶" });
    QCOMPARE(titles(manager), QStringList{ "回访杭州西湖茶叶" });
    QVERIFY(titles(otherRep).isEmpty());
    QCOMPARE(tasks.get(otherRep, id, {}, {}).status, 404);

    // Bad input: a reminder after the due time, a date that is not one, an unknown status.
    QCOMPARE(tasks.update(rep, id, { { "reminder_at", "2026-11-26T00:00:00.000Z" } }).status, 422);
    QCOMPARE(tasks.update(rep, id, { { "due_at", "next tuesday" } }).status, 400);
    QCOMPARE(tasks.update(rep, id, { { "status", "postponed" } }).status, 400);
    QCOMPARE(tasks.update(rep, id, { { "related_table", "payments" } }).status, 400);

    const RecordOutcome done = tasks.update(
            rep, id, { { "status", "done" }, { "completed_at", "2026-11-25T01:30:00.000Z" } });
    QCOMPARE(done.status, 200);
    QCOMPARE(done.body.value("status").toString(), QStringLiteral("done"));
    QVERIFY(titles(rep, "status=open").isEmpty());
    QCOMPARE(titles(rep, "status=done").size(), 1);

    QCOMPARE(tasks.remove(admin, id).status, 403);
    QCOMPARE(tasks.remove(rep, id).status, 200);
    QVERIFY(titles(manager).isEmpty());
}

QTEST_GUILESS_MAIN(TestTaskApi)
#include "tst_taskapi.moc"
