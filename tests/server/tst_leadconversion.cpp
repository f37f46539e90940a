// SPDX-License-Identifier: GPL-3.0-or-later
// Converting a lead on a client reaches the server through sync, on SQLite and PostgreSQL:
// the push inserts the customer as the client's outbox carries it (every column, the rep as
// owner in their own branch) and then marks the lead converted with the customer's id. The
// link is checked: it must name a live customer the caller may see, it comes only with the
// status "converted", and a converted lead keeps its customer.
#include "ServerFixture.h"
#include "records/CustomerService.h"
#include "records/LeadService.h"
#include "domain/rules/CreditCode.h"
#include "sync/SyncService.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

using namespace branchline;
using namespace branchline::server;

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString creditCode()
{
    const QString org = QStringLiteral("12345678") + CreditCode::organisationCheckCharacter("12345678");
    const QString first17 = QStringLiteral("91330106") + org;
    return first17 + CreditCode::checkCharacter(first17);
}

// A customer insert as the client's outbox sends it: every non-NULL column of the local row.
sync::Mutation customerInsert(qint64 number, const QString &id, const Caller &owner)
{
    sync::Mutation mutation;
    mutation.number = number;
    mutation.table = QStringLiteral("customers");
    mutation.id = id;
    mutation.op = sync::Mutation::Op::Insert;
    mutation.fields = { { "kind", "merchant" },
                        { "legal_name", "杭州西溪茶社有限公司" },
                        { "credit_code", creditCode() },
                        { "phone", "13905711234" },
                        { "address", "" },
                        { "city", "杭州" },
                        { "industry", "" },
                        { "branch_id", owner.branchId },
                        { "owner_id", owner.userId },
                        { "status", "prospect" },
                        { "kyc_status", "not_started" },
                        { "tags", "" },
                        { "notes", "" } };
    return mutation;
}

sync::Mutation leadUpdate(qint64 number, const QString &leadId, const QJsonObject &fields)
{
    sync::Mutation mutation;
    mutation.number = number;
    mutation.table = QStringLiteral("leads");
    mutation.id = leadId;
    mutation.op = sync::Mutation::Op::Update;
    mutation.fields = fields;
    return mutation;
}

QJsonObject converted(const QString &customerId)
{
    return { { "status", "converted" }, { "converted_customer_id", customerId } };
}

} // namespace

class TestLeadConversion : public QObject
{
    Q_OBJECT

private slots:
    void repConvertsThroughSync_data() { test::addEngineRows(); }
    void repConvertsThroughSync();
    void refusesBrokenLinks_data() { test::addEngineRows(); }
    void refusesBrokenLinks();

private:
    static sync::PushResponse push(SyncService &service, const Caller &caller,
                                   const QString &clientId, const QList<sync::Mutation> &mutations,
                                   qint64 firstMutation = 1)
    {
        sync::PushRequest request{ clientId, mutations, firstMutation };
        const RecordOutcome outcome = service.push(caller, request.toJson());
        [&] {
            QVERIFY2(outcome.status == 200, QJsonDocument(outcome.body).toJson().constData());
        }();
        QString problem;
        const auto response = sync::PushResponse::fromJson(outcome.body, &problem);
        [&] { QVERIFY2(response, qPrintable(problem)); }();
        return response.value_or(sync::PushResponse{});
    }

    static QString createLead(Database &database, const Caller &caller, const QString &name)
    {
        LeadService leads(database);
        const RecordOutcome created = leads.create(
                caller, { { "name", name }, { "phone", "13905711234" }, { "status", "qualified" } });
        [&] { QCOMPARE(created.status, 201); }();
        return created.body.value("id").toString();
    }

    static QStringList leadRow(Database &database, const QString &id)
    {
        QSqlQuery query(database.connection());
        query.prepare("SELECT status, COALESCE(converted_customer_id, '') FROM leads WHERE id = ?");
        query.addBindValue(id);
        if (!query.exec() || !query.next())
            return {};
        return { query.value(0).toString(), query.value(1).toString() };
    }

    static QString describe(const sync::MutationResult &result)
    {
        return QStringLiteral("%1: %2").arg(result.code, result.message);
    }
};

void TestLeadConversion::repConvertsThroughSync()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    const QString leadId = createLead(fixture.database(), org.rep, "王建华");
    const QString customerId = newId();

    SyncService service(fixture.database());
    const QString client = newId();
    const sync::PushResponse response =
            push(service, org.rep, client,
                 { customerInsert(1, customerId, org.rep), leadUpdate(2, leadId, converted(customerId)) });
    QCOMPARE(response.results.size(), 2);
    QVERIFY2(response.results[0].outcome == sync::Outcome::Applied,
             qPrintable(describe(response.results[0])));
    QVERIFY2(response.results[1].outcome == sync::Outcome::Applied,
             qPrintable(describe(response.results[1])));

    CustomerService customers(fixture.database());
    const RecordOutcome customer = customers.get(org.rep, customerId, {}, {});
    QCOMPARE(customer.status, 200);
    QCOMPARE(customer.body.value("owner_id").toString(), org.rep.userId);
    QCOMPARE(customer.body.value("branch_id").toString(), org.xihu.id);
    QCOMPARE(leadRow(fixture.database(), leadId), (QStringList{ "converted", customerId }));

    // Every device of the rep learns the link: it is a synced field of the lead.
    sync::PullRequest request{ newId(), QString(), 500, 0 };
    const RecordOutcome pulled = service.pull(org.rep, request.toJson());
    QCOMPARE(pulled.status, 200);
    const auto page = sync::PullPage::fromJson(pulled.body, &error);
    QVERIFY2(page, qPrintable(error));
    bool sawLead = false;
    for (const sync::Change &change : page->changes) {
        if (change.id != leadId)
            continue;
        sawLead = true;
        QCOMPARE(change.row.value("converted_customer_id").toString(), customerId);
    }
    QVERIFY(sawLead);
}

void TestLeadConversion::refusesBrokenLinks()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    const QString leadId = createLead(fixture.database(), org.rep, "王建华");
    CustomerService customers(fixture.database());
    const QString theirs =
            customers.create(org.otherRep, { { "legal_name", "南京商户" }, { "kind", "merchant" } })
                    .body.value("id")
                    .toString();
    QVERIFY(!theirs.isEmpty());

    SyncService service(fixture.database());
    const QString client = newId();
    qint64 number = 0;
    auto pushOne = [&](const sync::Mutation &mutation) {
        const sync::PushResponse response = push(service, org.rep, client, { mutation });
        return response.results.value(0);
    };

    // A rep still may not give a new customer to someone else: only the owner and branch the
    // server would choose anyway come free.
    sync::Mutation handedOver = customerInsert(++number, newId(), org.otherRep);
    QCOMPARE(pushOne(handedOver).code, QStringLiteral("field_not_editable"));

    // No customer behind the id, or one outside the rep's scope: refused.
    QCOMPARE(pushOne(leadUpdate(++number, leadId, converted(newId()))).outcome,
             sync::Outcome::Rejected);
    QCOMPARE(pushOne(leadUpdate(++number, leadId, converted(theirs))).outcome,
             sync::Outcome::Rejected);
    // The status alone, or the link alone: refused.
    QCOMPARE(pushOne(leadUpdate(++number, leadId, { { "status", "converted" } })).code,
             QStringLiteral("invalid"));
    const QString mine = newId();
    QCOMPARE(pushOne(customerInsert(++number, mine, org.rep)).outcome, sync::Outcome::Applied);
    QCOMPARE(pushOne(leadUpdate(++number, leadId, { { "converted_customer_id", mine } })).code,
             QStringLiteral("invalid"));
    QCOMPARE(leadRow(fixture.database(), leadId), (QStringList{ "qualified", "" }));

    // Converted, it stays converted, into the same customer.
    QCOMPARE(pushOne(leadUpdate(++number, leadId, converted(mine))).outcome,
             sync::Outcome::Applied);
    const QString second = newId();
    QCOMPARE(pushOne(customerInsert(++number, second, org.rep)).outcome, sync::Outcome::Applied);
    QCOMPARE(pushOne(leadUpdate(++number, leadId, { { "converted_customer_id", second } })).outcome,
             sync::Outcome::Rejected);
    QCOMPARE(pushOne(leadUpdate(++number, leadId,
                                { { "status", "contacted" }, { "converted_customer_id", "" } }))
                     .outcome,
             sync::Outcome::Rejected);
    QCOMPARE(pushOne(leadUpdate(++number, leadId, { { "status", "lost" } })).outcome,
             sync::Outcome::Rejected);
    QCOMPARE(leadRow(fixture.database(), leadId), (QStringList{ "converted", mine }));

    // The records API keeps the same rules.
    LeadService leads(fixture.database());
    QCOMPARE(leads.update(org.rep, leadId, { { "status", "new" } }).status, 422);
}

QTEST_GUILESS_MAIN(TestLeadConversion)
#include "tst_leadconversion.moc"
