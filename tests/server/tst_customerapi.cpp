// SPDX-License-Identifier: GPL-3.0-or-later
// Customers through the server's service, on SQLite and PostgreSQL: the scope of every role
// over a real branch tree, field permissions, audited PII reveal, validation with the
// client's rules, paging, and cross-branch probes that learn nothing.
#include "ServerFixture.h"
#include "core/Accounts.h"
#include "core/AuditLog.h"
#include "records/CustomerService.h"
#include "domain/rules/CreditCode.h"

#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>

using namespace branchline;
using namespace branchline::server;

namespace {

QString validCreditCode(int serial)
{
    const QString org = QStringLiteral("%1").arg(serial, 8, 10, QLatin1Char('0'));
    const QString first17 = "91330106" + org + CreditCode::organisationCheckCharacter(org);
    return first17 + CreditCode::checkCharacter(first17);
}

} // namespace

class TestCustomerApi : public QObject
{
    Q_OBJECT

private slots:
    void scopesFieldsAndAudit_data() { test::addEngineRows(); }
    void scopesFieldsAndAudit();
    void refusesBadInput_data() { test::addEngineRows(); }
    void refusesBadInput();
    void pagesAndSearches_data() { test::addEngineRows(); }
    void pagesAndSearches();

private:
    void makeOrganisation(Database &database);
    Caller repXihu, repNanjing, managerZhejiang, risk, admin;
    QString xihu, ningbo, nanjing;
};

void TestCustomerApi::makeOrganisation(Database &database)
{
    PasswordHasher hasher(PasswordHasher::Strength::Minimum);
    Accounts accounts(database, hasher);
    QString error;
    Branch head{ QString(), QString(), "总行", "head_office", "北京" };
    QVERIFY(accounts.addBranch(head, QString(), &error));
    Branch zhejiang{ QString(), head.id, "浙江分行", "region", "杭州" };
    QVERIFY(accounts.addBranch(zhejiang, QString(), &error));
    Branch xihuBranch{ QString(), zhejiang.id, "杭州西湖支行", "branch", "杭州" };
    Branch ningboBranch{ QString(), zhejiang.id, "宁波支行", "branch", "宁波" };
    Branch jiangsu{ QString(), head.id, "江苏分行", "region", "南京" };
    QVERIFY(accounts.addBranch(xihuBranch, QString(), &error));
    QVERIFY(accounts.addBranch(ningboBranch, QString(), &error));
    QVERIFY(accounts.addBranch(jiangsu, QString(), &error));
    Branch nanjingBranch{ QString(), jiangsu.id, "南京支行", "branch", "南京" };
    QVERIFY(accounts.addBranch(nanjingBranch, QString(), &error));
    xihu = xihuBranch.id;
    ningbo = ningboBranch.id;
    nanjing = nanjingBranch.id;
    repXihu = Caller{ "u-rep-xihu", "rep.xihu", Role::SalesRep, xihu, "s1", "d1" };
    repNanjing = Caller{ "u-rep-nanjing", "rep.nanjing", Role::SalesRep, nanjing, "s2", "d2" };
    managerZhejiang = Caller{ "u-mgr", "mgr", Role::BranchManager, zhejiang.id, "s3", "d3" };
    risk = Caller{ "u-risk", "risk", Role::RiskOfficer, head.id, "s4", "d4" };
    admin = Caller{ "u-admin", "admin", Role::Admin, QString(), "s5", "d5" };
    QVERIFY2(test::addCallerUsers(database, { repXihu, repNanjing, managerZhejiang, risk, admin },
                                  &error),
             qPrintable(error));
}

void TestCustomerApi::scopesFieldsAndAudit()
{
    SERVER_FIXTURE(fixture);
    makeOrganisation(fixture.database());
    CustomerService service(fixture.database());

    // A rep creates a merchant: owner and branch default to the rep's, PII comes back masked.
    CustomerService::Outcome created =
            service.create(repXihu,
                           QJsonObject{ { "kind", "merchant" },
                                        { "legal_name", "杭州西湖茶叶有限公司" },
                                        { "phone", "+86 138 1234 5678" },
                                        { "credit_code", validCreditCode(1) } });
    QCOMPARE(created.status, 201);
    const QString teaId = created.body.value("id").toString();
    QCOMPARE(created.body.value("owner_id").toString(), repXihu.userId);
    QCOMPARE(created.body.value("branch_id").toString(), xihu);
    QCOMPARE(created.body.value("phone").toString(), QStringLiteral("138****5678"));
    QVERIFY(!created.body.value("credit_code").toString().contains(validCreditCode(1).mid(8, 6)));

    const CustomerService::Outcome other = service.create(
            repNanjing, QJsonObject{ { "kind", "merchant" }, { "legal_name", "南京鼓楼餐饮" } });
    QCOMPARE(other.status, 201);
    const QString nanjingId = other.body.value("id").toString();

    // Who sees what.
    auto names = [&service](const Caller &caller) {
        QStringList seen;
        for (const QJsonValue &item :
             service.list(caller, QUrlQuery()).body.value("items").toArray())
            seen << item.toObject().value("legal_name").toString();
        return seen;
    };
    QCOMPARE(names(repXihu), QStringList{ "杭州西湖茶叶有限公司" });
    QCOMPARE(names(repNanjing), QStringList{ "南京鼓楼餐饮" });
    QCOMPARE(names(managerZhejiang), QStringList{ "杭州西湖茶叶有限公司" });
    QCOMPARE(names(risk), (QStringList{ "南京鼓楼餐饮", "杭州西湖茶叶有限公司" }));
    QCOMPARE(names(admin).size(), 2);

    // Cross-branch probes get the answer a missing record gets.
    QCOMPARE(service.get(repNanjing, teaId, {}, {}).status, 404);
    QCOMPARE(service.get(managerZhejiang, nanjingId, {}, {}).status, 404);
    QCOMPARE(service.update(managerZhejiang, nanjingId, { { "notes", "x" } }).status, 404);
    QCOMPARE(service.remove(repXihu, nanjingId).status, 404);
    QCOMPARE(service.get(repXihu, "no-such-id", {}, {}).body.value("message"),
             service.get(repXihu, nanjingId, {}, {})
                     .body.value("message")
                     .toString()
                     .replace(nanjingId, "no-such-id"));

    // Field permissions.
    CustomerService::Outcome refused = service.update(repXihu, teaId, { { "risk_level", "low" } });
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.body.value("code").toString(), QStringLiteral("field_not_editable"));
    QCOMPARE(service.update(repXihu, teaId, { { "status", "active" } }).status, 403);
    QCOMPARE(service.update(repXihu, teaId, { { "owner_id", repNanjing.userId } }).status, 403);
    QCOMPARE(service.update(risk, teaId, { { "notes", "risk may not edit notes" } }).status, 403);
    const CustomerService::Outcome rated =
            service.update(risk, teaId, { { "risk_level", "medium" } });
    QCOMPARE(rated.status, 200);
    QCOMPARE(rated.body.value("risk_level").toString(), QStringLiteral("medium"));
    // A record's version is the change-log seq of its last change: it only moves forward.
    QVERIFY(rated.body.value("version").toInt() > created.body.value("version").toInt());
    QCOMPARE(service.create(admin, { { "legal_name", "x" } }).status, 403);

    // A manager may reassign inside the subtree, not out of it.
    QCOMPARE(service.update(managerZhejiang, teaId, { { "branch_id", ningbo } }).status, 200);
    const CustomerService::Outcome moved =
            service.update(managerZhejiang, teaId, { { "branch_id", nanjing } });
    QCOMPARE(moved.status, 403);
    QCOMPARE(moved.body.value("code").toString(), QStringLiteral("out_of_scope"));

    // Revealing PII needs the right and a reason, and is audited with it.
    QCOMPARE(service.get(repXihu, teaId, { "phone" }, QString()).status, 400);
    QCOMPARE(service.get(admin, teaId, { "phone" }, "checking").status, 403);
    QCOMPARE(service.get(repXihu, teaId, { "notes" }, "checking").status, 400);
    const CustomerService::Outcome revealed =
            service.get(repXihu, teaId, { "phone" }, "回访前核对联系方式");
    QCOMPARE(revealed.status, 200);
    QCOMPARE(revealed.body.value("phone").toString(), QStringLiteral("13812345678"));
    QVERIFY(revealed.body.value("credit_code").toString().contains('*'));

    // Deletes are tombstones; a risk officer does not delete.
    QCOMPARE(service.remove(risk, teaId).status, 403);
    QCOMPARE(service.remove(repXihu, teaId).status, 200);
    QCOMPARE(service.get(repXihu, teaId, {}, {}).status, 404);

    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT action, reason, detail FROM audit_log WHERE entity = 'customers' "
                       "ORDER BY seq"));
    QStringList actions;
    QString unmaskReason;
    while (query.next()) {
        actions << query.value(0).toString();
        QVERIFY2(!query.value(2).toString().contains("13812345678"), "PII in the audit trail");
        if (query.value(0).toString() == "pii.unmask")
            unmaskReason = query.value(1).toString();
    }
    QCOMPARE(actions,
             (QStringList{ "record.create", "record.create", "record.update", "record.update",
                           "pii.unmask", "record.delete" }));
    QCOMPARE(unmaskReason, QStringLiteral("回访前核对联系方式"));
    QVERIFY(AuditLog::verify(db).intact);
}

void TestCustomerApi::refusesBadInput()
{
    SERVER_FIXTURE(fixture);
    makeOrganisation(fixture.database());
    CustomerService service(fixture.database());
    QString bad = validCreditCode(2);
    bad[17] = bad[17] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    CustomerService::Outcome invalid = service.create(
            repXihu,
            { { "legal_name", "某某公司" }, { "credit_code", bad }, { "phone", "12345" } });
    QCOMPARE(invalid.status, 422);
    QStringList fields;
    for (const QJsonValue &issue : invalid.body.value("issues").toArray()) {
        fields << issue.toObject().value("field").toString();
        QVERIFY(!issue.toObject().value("message").toString().isEmpty());
    }
    QCOMPARE(fields, (QStringList{ "credit_code", "phone" }));
    QCOMPARE(service.create(repXihu, { { "legal_name", "x" }, { "colour", "red" } }).status, 400);
    QCOMPARE(service.create(repXihu, { { "legal_name", 5 } }).status, 400);
    QCOMPARE(service.create(repXihu, { { "legal_name", "x" }, { "kind", "bank" } }).status, 400);
    QCOMPARE(service.create(repXihu, { { "legal_name", "x" }, { "tags", "not a list" } }).status,
             400);
    QCOMPARE(service.list(repXihu, QUrlQuery("limit=0")).status, 400);
    QCOMPARE(service.list(repXihu, QUrlQuery("limit=abc")).status, 400);
    QCOMPARE(service.list(repXihu, QUrlQuery()).body.value("items").toArray().size(), 0);
}

void TestCustomerApi::pagesAndSearches()
{
    SERVER_FIXTURE(fixture);
    makeOrganisation(fixture.database());
    CustomerService service(fixture.database());
    for (int i = 0; i < 7; ++i) {
        QJsonObject body{ { "legal_name", QStringLiteral("商户%1").arg(i) } };
        if (i == 4)
            body.insert("phone", "13900000004");
        QCOMPARE(service.create(repXihu, body).status, 201);
    }
    QStringList seen;
    QUrlQuery page("limit=3");
    for (int round = 0; round < 5; ++round) {
        const CustomerService::Outcome outcome = service.list(repXihu, page);
        QCOMPARE(outcome.status, 200);
        for (const QJsonValue &item : outcome.body.value("items").toArray())
            seen << item.toObject().value("legal_name").toString();
        const QJsonValue next = outcome.body.value("next");
        if (next.isNull())
            break;
        page = QUrlQuery();
        page.addQueryItem("limit", "3");
        page.addQueryItem("after_name", next.toObject().value("after_name").toString());
        page.addQueryItem("after_id", next.toObject().value("after_id").toString());
    }
    QCOMPARE(seen.size(), 7);
    QCOMPARE(seen.first(), QStringLiteral("商户0"));
    QCOMPARE(seen.last(), QStringLiteral("商户6"));

    // Newest change first, paged the same way; every customer exactly once.
    QCOMPARE(service.update(repXihu,
                            service.list(repXihu, QUrlQuery("q=商户3"))
                                    .body.value("items")
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value("id")
                                    .toString(),
                            { { "notes", "刚刚更新" } })
                     .status,
             200);
    QStringList newest;
    QUrlQuery byUpdate("limit=3&sort=-updated_at");
    for (int round = 0; round < 5; ++round) {
        const CustomerService::Outcome outcome = service.list(repXihu, byUpdate);
        QCOMPARE(outcome.status, 200);
        for (const QJsonValue &item : outcome.body.value("items").toArray())
            newest << item.toObject().value("legal_name").toString();
        const QJsonValue next = outcome.body.value("next");
        if (next.isNull())
            break;
        byUpdate = QUrlQuery("limit=3&sort=-updated_at");
        byUpdate.addQueryItem("after_updated", next.toObject().value("after_updated").toString());
        byUpdate.addQueryItem("after_id", next.toObject().value("after_id").toString());
    }
    QCOMPARE(newest.size(), 7);
    QCOMPARE(newest.first(), QStringLiteral("商户3"));
    QCOMPARE(QSet<QString>(newest.begin(), newest.end()).size(), 7);
    QCOMPARE(service.list(repXihu, QUrlQuery("sort=colour")).status, 400);

    auto count = [&service, this](const QString &q) {
        QUrlQuery query;
        query.addQueryItem("q", q);
        return service.list(repXihu, query).body.value("items").toArray().size();
    };
    QCOMPARE(count("商户3"), 1);
    QCOMPARE(count("+86 139 0000 0004"), 1); // a full phone matches exactly
    QCOMPARE(count("1390000"), 0); // a fragment of PII matches nothing
    QCOMPARE(count("100%_\\"), 0); // LIKE wildcards are literal
}

QTEST_GUILESS_MAIN(TestCustomerApi)
#include "tst_customerapi.moc"
