// SPDX-License-Identifier: GPL-3.0-or-later
// Contacts through the record service, on SQLite and PostgreSQL: scoped through their
// customer, so whoever may see a merchant may see its people and nobody else can.
#include "ServerFixture.h"
#include "records/ContactService.h"
#include "records/CustomerService.h"

#include <QJsonArray>

using namespace branchline;
using namespace branchline::server;

class TestContactApi : public QObject
{
    Q_OBJECT

private slots:
    void contactsFollowTheirCustomer_data() { test::addEngineRows(); }
    void contactsFollowTheirCustomer();
};

void TestContactApi::contactsFollowTheirCustomer()
{
    SERVER_FIXTURE(fixture);
    test::Organisation organisation;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &organisation, &error), qPrintable(error));
    const Caller &rep = organisation.rep;
    const Caller &otherRep = organisation.otherRep;
    const Caller &manager = organisation.manager;
    const Caller &admin = organisation.admin;

    CustomerService customers(fixture.database());
    const QString teaId = customers.create(rep, { { "legal_name", "杭州西湖茶叶有限公司" } })
                                  .body.value("id")
                                  .toString();
    const QString otherId = customers.create(otherRep, { { "legal_name", "南京鼓楼餐饮" } })
                                    .body.value("id")
                                    .toString();

    ContactService contacts(fixture.database());
    const RecordOutcome created = contacts.create(rep,
                                                  { { "customer_id", teaId },
                                                    { "name", "王经理" },
                                                    { "title", "店长" },
                                                    { "phone", "13812345678" },
                                                    { "email", "wang@example.com" },
                                                    { "is_primary", true } });
    QCOMPARE(created.status, 201);
    QCOMPARE(created.body.value("phone").toString(), QStringLiteral("138****5678"));
    QVERIFY(!created.body.value("email").toString().contains("wang@"));
    const QString contactId = created.body.value("id").toString();

    // Another branch's customer cannot get contacts from this rep, nor give them away.
    QCOMPARE(contacts.create(rep, { { "customer_id", otherId }, { "name", "x" } }).status, 403);
    QCOMPARE(contacts.update(rep, contactId, { { "customer_id", otherId } }).status, 403);
    QCOMPARE(
            contacts.create(rep, { { "customer_id", "no-such-customer" }, { "name", "x" } }).status,
            403);

    auto names = [&contacts](const Caller &caller, const QString &customerId) {
        QUrlQuery query;
        query.addQueryItem("customer_id", customerId);
        QStringList seen;
        const RecordOutcome listed = contacts.list(caller, query);
        if (listed.status != 200)
            qWarning() << "list failed:" << listed.body;
        for (const QJsonValue &item : listed.body.value("items").toArray())
            seen << item.toObject().value("name").toString();
        return seen;
    };
    QCOMPARE(names(rep, teaId), QStringList{ "王经理" });
    QCOMPARE(names(manager, teaId), QStringList{ "王经理" });
    QVERIFY(names(otherRep, teaId).isEmpty());
    QCOMPARE(contacts.get(otherRep, contactId, {}, {}).status, 404);
    QCOMPARE(names(admin, teaId), QStringList{ "王经理" });

    QCOMPARE(contacts.update(rep, contactId, { { "email", "not-an-email" } }).status, 422);
    QCOMPARE(contacts.update(rep, contactId, { { "is_primary", "yes" } }).status, 400);
    const RecordOutcome revealed = contacts.get(manager, contactId, { "email" }, "核对联系人信息");
    QCOMPARE(revealed.body.value("email").toString(), QStringLiteral("wang@example.com"));
    QCOMPARE(contacts.get(admin, contactId, { "phone" }, "just looking").status, 403);

    // When the customer moves to another branch, its contacts go with it.
    const Caller newRep{ "u-new-rep", "new.rep", Role::SalesRep, organisation.xihu.id, "s", "d" };
    QVERIFY2(test::addCallerUsers(fixture.database(), { newRep }, &error), qPrintable(error));
    QCOMPARE(customers.update(manager, teaId, { { "owner_id", "u-new-rep" } }).status, 200);
    QVERIFY(names(rep, teaId).isEmpty());
    QCOMPARE(names(manager, teaId), QStringList{ "王经理" });

    QCOMPARE(contacts.remove(admin, contactId).status, 403);
    QCOMPARE(contacts.remove(manager, contactId).status, 200);
    QVERIFY(names(manager, teaId).isEmpty());
}

QTEST_GUILESS_MAIN(TestContactApi)
#include "tst_contactapi.moc"
