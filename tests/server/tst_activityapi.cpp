// SPDX-License-Identifier: GPL-3.0-or-later
// The activity timeline through the record service, on SQLite and PostgreSQL: scoped
// through the customer, contact or lead it is about, authored by the caller, append-only.
#include "ServerFixture.h"
#include "records/ActivityService.h"
#include "records/ContactService.h"
#include "records/CustomerService.h"
#include "records/LeadService.h"

#include <QJsonArray>

using namespace branchline;
using namespace branchline::server;

class TestActivityApi : public QObject
{
    Q_OBJECT

private slots:
    void timelineFollowsItsRecord_data() { test::addEngineRows(); }
    void timelineFollowsItsRecord();
};

void TestActivityApi::timelineFollowsItsRecord()
{
    SERVER_FIXTURE(fixture);
    test::Organisation organisation;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &organisation, &error), qPrintable(error));
    const Caller &rep = organisation.rep;
    const Caller &otherRep = organisation.otherRep;
    const Caller &manager = organisation.manager;

    const QString customerId = CustomerService(fixture.database())
                                       .create(rep, { { "legal_name", "杭州西湖茶叶有限公司" } })
                                       .body.value("id")
                                       .toString();
    const QString contactId =
            ContactService(fixture.database())
                    .create(rep, { { "customer_id", customerId }, { "name", "王经理" } })
                    .body.value("id")
                    .toString();
    const QString leadId = LeadService(fixture.database())
                                   .create(rep, { { "name", "赵六" }, { "phone", "13611112222" } })
                                   .body.value("id")
                                   .toString();
    const QString otherCustomer = CustomerService(fixture.database())
                                          .create(otherRep, { { "legal_name", "南京鼓楼餐饮" } })
                                          .body.value("id")
                                          .toString();

    ActivityService activities(fixture.database());
    const QList<QPair<QString, QString>> targets{ { "customers", customerId },
                                                  { "contacts", contactId },
                                                  { "leads", leadId } };
    QString visitId;
    for (const auto &target : targets) {
        const RecordOutcome created =
                activities.create(rep,
                                  { { "kind", "visit" },
                                    { "related_table", target.first },
                                    { "related_id", target.second },
                                    { "subject", "上门拜访" },
                                    { "occurred_at", "2026-11-23T02:00:00.000Z" } });
        QCOMPARE(created.status, 201);
        QCOMPARE(created.body.value("author_id").toString(), rep.userId);
        visitId = created.body.value("id").toString();
    }
    // Nobody writes on another branch's timeline, or in someone else's name.
    QCOMPARE(activities
                     .create(rep,
                             { { "kind", "note" },
                               { "related_table", "customers" },
                               { "related_id", otherCustomer },
                               { "subject", "x" } })
                     .status,
             403);
    QCOMPARE(activities
                     .create(rep,
                             { { "kind", "note" },
                               { "related_table", "customers" },
                               { "related_id", customerId },
                               { "subject", "x" },
                               { "author_id", manager.userId } })
                     .status,
             403);
    // A client names itself as the author (its row has the column): that is taken, and it is
    // what every rep's client sends with a logged call or visit.
    const RecordOutcome named = activities.create(rep,
                                                  { { "kind", "call" },
                                                    { "related_table", "customers" },
                                                    { "related_id", customerId },
                                                    { "subject", "回访" },
                                                    { "author_id", rep.userId } });
    QCOMPARE(named.status, 201);
    QCOMPARE(named.body.value("author_id").toString(), rep.userId);
    QCOMPARE(activities
                     .create(rep,
                             { { "kind", "note" },
                               { "related_table", "payments" },
                               { "related_id", customerId },
                               { "subject", "x" } })
                     .status,
             400);
    QCOMPARE(activities
                     .create(rep,
                             { { "kind", "document" },
                               { "related_table", "customers" },
                               { "related_id", customerId } })
                     .status,
             422); // a document needs its file

    auto count = [&activities](const Caller &caller) {
        return activities.list(caller, QUrlQuery()).body.value("items").toArray().size();
    };
    QCOMPARE(count(rep), 4);
    QCOMPARE(count(manager), 4);
    QCOMPARE(count(otherRep), 0);
    QCOMPARE(activities.get(otherRep, visitId, {}, {}).status, 404);

    // Append-only.
    const RecordOutcome edit = activities.update(rep, visitId, { { "subject", "改写" } });
    QCOMPARE(edit.status, 409);
    QCOMPARE(edit.body.value("code").toString(), QStringLiteral("append_only"));
    const RecordOutcome removal = activities.remove(rep, visitId);
    QCOMPARE(removal.status, 409);
    QCOMPARE(removal.body.value("code").toString(), QStringLiteral("append_only"));
    QCOMPARE(count(rep), 4);
}

QTEST_GUILESS_MAIN(TestActivityApi)
#include "tst_activityapi.moc"
