// SPDX-License-Identifier: GPL-3.0-or-later
// The other systems' way in, on SQLite and PostgreSQL: API keys with scopes, the daily
// transaction aggregates upsert with per-row results, and lead intake routed by city.
#include "ServerFixture.h"
#include "core/Accounts.h"
#include "core/AuditLog.h"
#include "core/DataScope.h"
#include "core/PiiVault.h"
#include "records/CustomerService.h"
#include "records/Integrations.h"
#include "domain/rules/CreditCode.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace branchline;
using namespace branchline::server;

class TestIntegrations : public QObject
{
    Q_OBJECT

private slots:
    void keysAndScopes_data() { test::addEngineRows(); }
    void keysAndScopes();
    void upsertsDailyAggregates_data() { test::addEngineRows(); }
    void upsertsDailyAggregates();
    void takesInLeads_data() { test::addEngineRows(); }
    void takesInLeads();
};

void TestIntegrations::keysAndScopes()
{
    SERVER_FIXTURE(fixture);
    Integrations integrations(fixture.database());
    QString key;
    QString error;
    QVERIFY(!integrations.add("acquiring", { "payments" }, &key, &error));
    QVERIFY(error.contains("Unknown scope"));
    QVERIFY(integrations.add("acquiring", { "transactions" }, &key, &error));
    QVERIFY(key.startsWith("bl_"));
    QCOMPARE(key.size(), 46);
    const auto found = integrations.authenticate(key);
    QVERIFY(found);
    QCOMPARE(found->name, QStringLiteral("acquiring"));
    QVERIFY(!integrations.authenticate(key + "x"));
    QVERIFY(!integrations.authenticate("not-a-key"));
    QCOMPARE(
            integrations.intakeLead(*found, { { "name", "x" }, { "phone", "13800000000" } }).status,
            403); // a transactions key may not deliver leads

    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT key_hash FROM integrations"));
    QVERIFY(query.next());
    QVERIFY(query.value(0).toString() != key); // only the hash is kept
}

void TestIntegrations::upsertsDailyAggregates()
{
    SERVER_FIXTURE(fixture);
    CustomerService customers(fixture.database());
    const Caller rep{ "u-rep", "rep", Role::SalesRep, QString(), "s", "d" };
    QString userError;
    QVERIFY2(test::addCallerUsers(fixture.database(), { rep }, &userError), qPrintable(userError));
    const QString org = "00000001";
    const QString first17 = "91330106" + org + CreditCode::organisationCheckCharacter(org);
    const QString code = first17 + CreditCode::checkCharacter(first17);
    const QString merchantId =
            customers
                    .create(rep,
                            { { "legal_name", "杭州西湖茶叶有限公司" }, { "credit_code", code } })
                    .body.value("id")
                    .toString();
    const QString borrowerId =
            customers.create(rep, { { "legal_name", "张伟" }, { "kind", "individual" } })
                    .body.value("id")
                    .toString();
    QVERIFY(!merchantId.isEmpty() && !borrowerId.isEmpty());

    Integrations integrations(fixture.database());
    QString key;
    QString error;
    QVERIFY(integrations.add("acquiring", { "transactions" }, &key, &error));
    const auto integration = integrations.authenticate(key);

    const QJsonArray rows{
        QJsonObject{ { "credit_code", code.toLower() },
                     { "day", "2026-11-20" },
                     { "volume_fen", 1234567 },
                     { "tx_count", 321 },
                     { "refund_fen", 5000 },
                     { "refund_count", 2 },
                     { "chargeback_count", 1 } },
        QJsonObject{ { "customer_id", merchantId },
                     { "day", "2026-11-21" },
                     { "volume_fen", 99900 },
                     { "tx_count", 12 } },
        QJsonObject{ { "customer_id", borrowerId },
                     { "day", "2026-11-21" },
                     { "volume_fen", 1 },
                     { "tx_count", 1 } }, // not a merchant
        QJsonObject{ { "customer_id", merchantId },
                     { "day", "2026-13-01" },
                     { "volume_fen", 1 },
                     { "tx_count", 1 } }, // no such day
        QJsonObject{ { "customer_id", merchantId },
                     { "day", "2026-11-22" },
                     { "volume_fen", 12.5 },
                     { "tx_count", 1 } }, // money is not a float
        QJsonObject{ { "customer_id", merchantId },
                     { "day", "2026-11-22" },
                     { "volume_fen", -1 },
                     { "tx_count", 1 } },
        QJsonObject{ { "credit_code", "91330106000000019X" },
                     { "day", "2026-11-22" },
                     { "volume_fen", 1 },
                     { "tx_count", 1 } }, // bad check character
    };
    Integrations::Outcome outcome =
            integrations.upsertAggregates(*integration, { { "aggregates", rows } });
    QCOMPARE(outcome.status, 200);
    QCOMPARE(outcome.body.value("applied").toInt(), 2);
    QCOMPARE(outcome.body.value("rejected").toInt(), 5);
    const QJsonArray results = outcome.body.value("results").toArray();
    QCOMPARE(results.size(), 7);
    for (int i = 2; i < 7; ++i) {
        QCOMPARE(results.at(i).toObject().value("status").toString(), QStringLiteral("rejected"));
        QVERIFY(!results.at(i).toObject().value("reason").toString().isEmpty());
    }

    // Delivered again with corrections: the same day is replaced, not doubled.
    const QJsonArray again{ QJsonObject{ { "customer_id", merchantId },
                                         { "day", "2026-11-20" },
                                         { "volume_fen", 2000000 },
                                         { "tx_count", 400 } } };
    QCOMPARE(integrations.upsertAggregates(*integration, { { "aggregates", again } })
                     .body.value("applied")
                     .toInt(),
             1);
    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec(
            "SELECT count(*), sum(volume_fen), sum(tx_count) FROM transaction_aggregates"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 2);
    QCOMPARE(query.value(1).toLongLong(), 2000000 + 99900);
    QCOMPARE(query.value(2).toLongLong(), 400 + 12);

    QCOMPARE(integrations.upsertAggregates(*integration, { { "rows", rows } }).status, 400);
    QJsonArray tooMany;
    for (int i = 0; i <= Integrations::maxAggregatesPerBatch; ++i)
        tooMany.append(QJsonObject{});
    QCOMPARE(integrations.upsertAggregates(*integration, { { "aggregates", tooMany } }).status,
             413);
    QVERIFY(AuditLog::verify(db).intact);
}

void TestIntegrations::takesInLeads()
{
    SERVER_FIXTURE(fixture);
    PasswordHasher hasher(PasswordHasher::Strength::Minimum);
    Accounts accounts(fixture.database(), hasher);
    QString error;
    Branch hangzhou{ QString(), QString(), "杭州西湖支行", "branch", "杭州" };
    QVERIFY(accounts.addBranch(hangzhou, QString(), &error));
    Integrations integrations(fixture.database());
    QString key;
    QVERIFY(integrations.add("website", { "leads" }, &key, &error));
    const auto website = integrations.authenticate(key);

    Integrations::Outcome outcome = integrations.intakeLead(*website,
                                                            { { "name", "赵六" },
                                                              { "company", "西湖龙井茶庄" },
                                                              { "phone", "+86 136 1111 2222" },
                                                              { "city", "杭州" },
                                                              { "product_interest", "扫码收款" } });
    QCOMPARE(outcome.status, 201);
    QCOMPARE(outcome.body.value("branch_id").toString(), hangzhou.id);
    outcome = integrations.intakeLead(*website,
                                      { { "name", "孙七" },
                                        { "email", "sun@example.com" },
                                        { "city", "拉萨" },
                                        { "source", "partner" } });
    QCOMPARE(outcome.status, 201);
    QVERIFY(outcome.body.value("branch_id").isNull()); // no branch there: waits unassigned

    QCOMPARE(integrations.intakeLead(*website, { { "name", "无联系方式" } }).status, 422);
    QCOMPARE(integrations.intakeLead(*website, { { "name", "x" }, { "phone", "123" } }).status,
             422);
    QCOMPARE(integrations
                     .intakeLead(
                             *website,
                             { { "name", "x" }, { "phone", "13800000000" }, { "source", "spam" } })
                     .status,
             400);
    QCOMPARE(integrations.intakeLead(*website, { { "name", "x" }, { "score", 100 } }).status, 400);

    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT phone, intake, status, id FROM leads ORDER BY created_at"));
    QVERIFY(query.next());
    // Stored sealed, as every writer of leads stores a phone.
    QVERIFY(!query.value(0).toString().contains("13611112222"));
    QCOMPARE(PiiVault::openOrThrow(query.value(0).toString(),
                                   { "leads", "phone", query.value(3).toString() }),
             QStringLiteral("13611112222"));
    QCOMPARE(query.value(1).toString(), QStringLiteral("website"));
    QCOMPARE(query.value(2).toString(), QStringLiteral("new"));
    QVERIFY(AuditLog::verify(db).intact);
}

QTEST_GUILESS_MAIN(TestIntegrations)
#include "tst_integrations.moc"
