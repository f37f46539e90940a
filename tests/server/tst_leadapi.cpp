// SPDX-License-Identifier: GPL-3.0-or-later
// Leads through the same record service as customers, on SQLite and PostgreSQL: a lead from
// a web form lands in its city's branch, the manager there sees it and hands it to a rep,
// the rep works it; others never see it.
#include "ServerFixture.h"
#include "core/AuditLog.h"
#include "records/Integrations.h"
#include "records/LeadService.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace branchline;
using namespace branchline::server;

class TestLeadApi : public QObject
{
    Q_OBJECT

private slots:
    void leadsFlowFromIntakeToARep_data() { test::addEngineRows(); }
    void leadsFlowFromIntakeToARep();
};

void TestLeadApi::leadsFlowFromIntakeToARep()
{
    SERVER_FIXTURE(fixture);
    test::Organisation organisation;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &organisation, &error), qPrintable(error));
    const Caller &rep = organisation.rep;
    const Caller &otherRep = organisation.otherRep;
    const Caller &manager = organisation.manager;
    const Caller &risk = organisation.risk;

    // A web form delivers a lead for Hangzhou: it lands in the Hangzhou branch, unowned.
    Integrations integrations(fixture.database());
    QString key;
    QVERIFY(integrations.add("website", { "leads" }, &key, &error));
    const Integrations::Outcome intake = integrations.intakeLead(
            *integrations.authenticate(key),
            { { "name", "赵六" }, { "phone", "13611112222" }, { "city", "杭州" } });
    QCOMPARE(intake.status, 201);
    const QString leadId = intake.body.value("id").toString();

    LeadService leads(fixture.database());
    auto names = [&leads](const Caller &caller) {
        QStringList seen;
        for (const QJsonValue &item : leads.list(caller, QUrlQuery()).body.value("items").toArray())
            seen << item.toObject().value("name").toString();
        return seen;
    };
    QCOMPARE(names(manager), QStringList{ "赵六" });
    QVERIFY(names(rep).isEmpty()); // not theirs yet
    QVERIFY(names(otherRep).isEmpty());
    QCOMPARE(names(risk), QStringList{ "赵六" });

    // The manager hands it to the rep; a rep cannot hand leads out.
    QCOMPARE(leads.update(rep, leadId, { { "owner_id", rep.userId } }).status, 404);
    const RecordOutcome assigned = leads.update(manager, leadId, { { "owner_id", rep.userId } });
    QCOMPARE(assigned.status, 200);
    QCOMPARE(assigned.body.value("phone").toString(), QStringLiteral("136****2222"));
    QCOMPARE(names(rep), QStringList{ "赵六" });
    QCOMPARE(leads.update(rep, leadId, { { "owner_id", otherRep.userId } }).status, 403);

    // The rep works it.
    QCOMPARE(leads.update(rep, leadId, { { "status", "contacted" }, { "score", 60 } }).status, 200);
    const RecordOutcome converted = leads.update(rep, leadId, { { "status", "converted" } });
    QCOMPARE(converted.status, 422); // only conversion marks a lead converted
    QCOMPARE(leads.update(rep, leadId, { { "email", "not-an-email" } }).status, 422);
    QCOMPARE(leads.update(rep, leadId, { { "score", "high" } }).status, 400);
    QCOMPARE(leads.get(otherRep, leadId, {}, {}).status, 404);
    const RecordOutcome revealed = leads.get(rep, leadId, { "phone" }, "回电确认需求");
    QCOMPARE(revealed.body.value("phone").toString(), QStringLiteral("13611112222"));

    // A walk-in the rep types in themselves; search finds it by full phone only.
    QCOMPARE(leads.create(rep,
                          { { "name", "到店客户" },
                            { "phone", "13700000001" },
                            { "source", "walk_in" } })
                     .status,
             201);
    QUrlQuery byPhone;
    byPhone.addQueryItem("q", "137 0000 0001");
    QCOMPARE(leads.list(rep, byPhone).body.value("items").toArray().size(), 1);
    QUrlQuery byStatus;
    byStatus.addQueryItem("status", "contacted");
    QCOMPARE(leads.list(rep, byStatus).body.value("items").toArray().size(), 1);

    QCOMPARE(leads.remove(risk, leadId).status, 403);
    QCOMPARE(leads.remove(rep, leadId).status, 200);
    QCOMPARE(names(manager), QStringList{ "到店客户" });

    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT action FROM audit_log WHERE entity = 'leads' ORDER BY seq"));
    QStringList actions;
    while (query.next())
        actions << query.value(0).toString();
    QCOMPARE(actions,
             (QStringList{ "integration.lead", "record.update", "record.update", "pii.unmask",
                           "record.create", "pii.lookup", "record.delete" }));
    QVERIFY(AuditLog::verify(db).intact);
}

QTEST_GUILESS_MAIN(TestLeadApi)
#include "tst_leadapi.moc"
