// SPDX-License-Identifier: GPL-3.0-or-later
// What approved requests do, on SQLite and PostgreSQL: each built-in flow's change written
// by the server in the transaction of the last approval, through the record path (change
// log, field versions, audit) so it syncs to every client in scope; those fields refused
// to any other write; and a change that cannot be made takes the decision down with it.
#include "ApprovalFixture.h"
#include "records/CustomerService.h"

#include <QJsonDocument>

using namespace branchline;
using namespace branchline::server;
using namespace branchline::server::test;

namespace {

QVariant customerField(Database &database, const QString &id, const QString &field)
{
    // `field` is one of the test's own column names.
    return scalar(database, QStringLiteral("SELECT %1 FROM customers WHERE id = ?").arg(field),
                  { id });
}

int decisionsOn(Database &database, const QString &request)
{
    return scalar(database, "SELECT count(*) FROM approval_decisions WHERE request_id = ?",
                  { request })
            .toInt();
}

} // namespace

class TestApprovalEffects : public QObject
{
    Q_OBJECT

private slots:
    void approvedFeeRatesSyncToEveryClientInScope_data() { addEngineRows(); }
    void approvedFeeRatesSyncToEveryClientInScope();
    void eachBuiltInFlowChangesItsRecord_data() { addEngineRows(); }
    void eachBuiltInFlowChangesItsRecord();
    void failedEffectTakesTheDecisionDownWithIt_data() { addEngineRows(); }
    void failedEffectTakesTheDecisionDownWithIt();
    void effectOnAChangedOrDeletedCustomerIsRefused_data() { addEngineRows(); }
    void effectOnAChangedOrDeletedCustomerIsRefused();

private:
    // Asks with `requester`, then has each approver in turn approve the pending step.
    static void run(SyncService &service, Database &database, const Caller &requester,
                    const QJsonObject &fields, const QList<Caller> &approvers,
                    QString *request = nullptr)
    {
        Device asking(service, requester);
        const QString id = newId();
        const sync::MutationResult made = asking.insert("approval_requests", id, fields);
        QVERIFY2(made.outcome == sync::Outcome::Applied, qPrintable(made.message));
        for (const Caller &approver : approvers) {
            const int step = storedRequest(database, id).value("current_step").toInt();
            Device deciding(service, approver);
            const sync::MutationResult decided = deciding.decide(id, step, "approve", "同意");
            QVERIFY2(decided.outcome == sync::Outcome::Applied,
                     qPrintable(approver.login + ": " + decided.message));
        }
        QCOMPARE(storedRequest(database, id).value("status").toString(), QString("approved"));
        if (request)
            *request = id;
    }
};

void TestApprovalEffects::approvedFeeRatesSyncToEveryClientInScope()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    Device rep(service, org.rep);
    Device zjmgr(service, org.zjmgr);
    QVERIFY(rep.pullAll()["customers"][org.merchant].value("fee_rate_debit").isNull());

    // Nobody sets a fee rate in place: not the rep, not a manager, not through the API.
    const sync::MutationResult direct =
            rep.update("customers", org.merchant, { { "fee_rate_debit", 3800 } });
    QCOMPARE(direct.outcome, sync::Outcome::Rejected);
    QCOMPARE(direct.code, QString("field_not_editable"));
    Device xmgrDirect(service, org.xmgr);
    QCOMPARE(xmgrDirect.update("customers", org.merchant, { { "fee_rate_debit", 3800 } }).code,
             QString("field_not_editable"));
    CustomerService customers(fixture.database());
    QCOMPARE(customers.update(org.risk, org.merchant, { { "fee_rate_debit", 3800 } }).status, 403);

    QString request;
    run(service, fixture.database(), org.rep, feeRequest(org.merchant, 3800), { org.xmgr },
        &request);
    QCOMPARE(customerField(fixture.database(), org.merchant, "fee_rate_debit").toLongLong(),
             qint64(3800));
    QCOMPARE(scalar(fixture.database(),
                    "SELECT author_id FROM field_versions WHERE table_name = 'customers' AND "
                    "record_id = ? AND field = 'fee_rate_debit'",
                    { org.merchant })
                     .toString(),
             org.xmgr.userId);
    // Every client in the customer's scope pulls the new rate.
    QCOMPARE(rep.pullAll()["customers"][org.merchant].value("fee_rate_debit").toInt(), 3800);
    QCOMPARE(zjmgr.pullAll()["customers"][org.merchant].value("fee_rate_debit").toInt(), 3800);
    QVERIFY(!storedRequest(fixture.database(), request).isEmpty());
    QVERIFY(!scalar(fixture.database(), "SELECT decided_at FROM approval_requests WHERE id = ?",
                    { request })
                     .isNull());
}

void TestApprovalEffects::eachBuiltInFlowChangesItsRecord()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    Database &db = fixture.database();

    // A merchant without its credit code cannot be onboarded: refused when asked.
    CustomerService customers(db);
    const QString bare =
            customers
                    .create(org.rep, { { "legal_name", "温州瑞丰茶叶店" }, { "kind", "merchant" } })
                    .body.value("id")
                    .toString();
    Device asking(service, org.rep);
    const sync::MutationResult invalid = asking.insert("approval_requests", newId(),
                                                       { { "flow_code", "merchant_onboarding" },
                                                         { "record_id", bare },
                                                         { "reason", "资料齐全" } });
    QCOMPARE(invalid.code, QString("invalid"));
    QVERIFY2(invalid.message.contains("credit_code"), qPrintable(invalid.message));

    run(service, db, org.rep,
        { { "flow_code", "merchant_onboarding" },
          { "record_id", org.merchant },
          { "reason", "资料齐全，已实地走访" } },
        { org.xmgr });
    QCOMPARE(customerField(db, org.merchant, "status").toString(), QString("active"));

    // Branch manager, then risk.
    run(service, db, org.rep,
        { { "flow_code", "kyc_exception" },
          { "record_id", org.merchant },
          { "proposed", QJsonObject{ { "kyc_status", "verified" } } },
          { "reason", "营业执照换证期间，先行开通" } },
        { org.xmgr, org.risk });
    QCOMPARE(customerField(db, org.merchant, "kyc_status").toString(), QString("verified"));

    // 80,000 yuan is over the branch's 50,000: the region manager decides too.
    run(service, db, org.rep,
        { { "flow_code", "credit_approval" },
          { "record_id", org.borrower },
          { "proposed", QJsonObject{ { "credit_limit_fen", 8000000 } } },
          { "reason", "经营流水稳定" } },
        { org.xmgr, org.zjmgr });
    QCOMPARE(customerField(db, org.borrower, "credit_limit_fen").toLongLong(), qint64(8000000));

    // An increase must be one; a large one goes to risk as well.
    Device rep(service, org.rep);
    const sync::MutationResult lower =
            rep.insert("approval_requests", newId(),
                       { { "flow_code", "credit_limit_increase" },
                         { "record_id", org.borrower },
                         { "proposed", QJsonObject{ { "credit_limit_fen", 7000000 } } },
                         { "reason", "旺季备货" } });
    QCOMPARE(lower.code, QString("bad_proposal"));
    QVERIFY2(lower.message.contains("8000000"), qPrintable(lower.message));
    run(service, db, org.rep,
        { { "flow_code", "credit_limit_increase" },
          { "record_id", org.borrower },
          { "proposed", QJsonObject{ { "credit_limit_fen", 20000000 } } },
          { "reason", "旺季备货" } },
        { org.xmgr, org.risk });
    QCOMPARE(customerField(db, org.borrower, "credit_limit_fen").toLongLong(), qint64(20000000));

    // All three fee rates at once, above the floors: the branch alone.
    run(service, db, org.rep,
        { { "flow_code", "fee_rate_change" },
          { "record_id", org.merchant },
          { "proposed",
            QJsonObject{ { "fee_rate_debit", 3800 },
                         { "fee_rate_credit", 6000 },
                         { "fee_rate_qr", 3000 } } },
          { "reason", "年度调价" } },
        { org.xmgr });
    QCOMPARE(customerField(db, org.merchant, "fee_rate_credit").toLongLong(), qint64(6000));
    QCOMPARE(customerField(db, org.merchant, "fee_rate_qr").toLongLong(), qint64(3000));

    run(service, db, org.rep,
        { { "flow_code", "merchant_termination" },
          { "record_id", org.merchant },
          { "reason", "商户停业" } },
        { org.xmgr, org.zjmgr });
    QCOMPARE(customerField(db, org.merchant, "status").toString(), QString("terminated"));
    // Terminated is terminated.
    QCOMPARE(rep.insert("approval_requests", newId(),
                        { { "flow_code", "merchant_termination" },
                          { "record_id", org.merchant },
                          { "reason", "再次解约" } })
                     .code,
             QString("not_applicable"));
    QCOMPARE(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'approval.apply'").toInt(),
             6);
}

void TestApprovalEffects::failedEffectTakesTheDecisionDownWithIt()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    Database &db = fixture.database();
    SyncService service(db);
    Device rep(service, org.rep);
    Device xmgr(service, org.xmgr);
    const QString request = newId();
    QCOMPARE(rep.insert("approval_requests", request, feeRequest(org.merchant, 3800)).outcome,
             sync::Outcome::Applied);
    const qint64 customerVersion = customerField(db, org.merchant, "version").toLongLong();

    // The customer's row cannot be written (a full disk, a lock, a constraint): the storage
    // fails in the middle of the last approval.
    if (db.isPostgres()) {
        QVERIFY(exec(db,
                     "CREATE FUNCTION block_customers() RETURNS trigger LANGUAGE plpgsql AS "
                     "$$ BEGIN RAISE EXCEPTION 'blocked by the test'; END; $$"));
        QVERIFY(exec(db,
                     "CREATE TRIGGER block_customers BEFORE UPDATE ON customers FOR EACH ROW "
                     "EXECUTE FUNCTION block_customers()"));
    } else {
        QVERIFY(exec(db,
                     "CREATE TRIGGER block_customers BEFORE UPDATE ON customers BEGIN "
                     "SELECT RAISE(ABORT, 'blocked by the test'); END"));
    }
    xmgr.decide(request, 1, "approve", "同意");
    QCOMPARE(xmgr.last.refusedCode, QString("storage_failure"));
    QVERIFY(xmgr.last.results.isEmpty());
    // Nothing of the decision is left: no decision, the step open, no audit, no change.
    QCOMPARE(decisionsOn(db, request), 0);
    QCOMPARE(storedRequest(db, request).value("status").toString(), QString("pending"));
    QCOMPARE(scalar(db, "SELECT state FROM approval_steps WHERE request_id = ?", { request })
                     .toString(),
             QString("pending"));
    QCOMPARE(auditActions(db, request), QStringList{ "approval.request" });
    QVERIFY(customerField(db, org.merchant, "fee_rate_debit").isNull());
    QCOMPARE(customerField(db, org.merchant, "version").toLongLong(), customerVersion);
    QCOMPARE(scalar(db, "SELECT count(*) FROM sync_results WHERE client_id = ?", { xmgr.clientId })
                     .toInt(),
             0);

    // Once the storage is back, the device's retry of the same mutation goes through.
    QVERIFY(exec(db,
                 db.isPostgres() ? "DROP TRIGGER block_customers ON customers"
                                 : "DROP TRIGGER block_customers"));
    const sync::MutationResult retried = xmgr.decide(request, 1, "approve", "同意");
    QVERIFY2(retried.outcome == sync::Outcome::Applied, qPrintable(retried.message));
    QCOMPARE(retried.mutation, qint64(1));
    QCOMPARE(customerField(db, org.merchant, "fee_rate_debit").toLongLong(), qint64(3800));
    QCOMPARE(auditActions(db, request), (QStringList{ "approval.request", "approval.decide" }));
}

void TestApprovalEffects::effectOnAChangedOrDeletedCustomerIsRefused()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    Database &db = fixture.database();
    SyncService service(db);
    Device rep(service, org.rep);
    Device xmgr(service, org.xmgr);

    // The rate the approvers saw is no longer the merchant's.
    const QString stale = newId();
    QCOMPARE(rep.insert("approval_requests", stale, feeRequest(org.merchant, 3800)).outcome,
             sync::Outcome::Applied);
    QVERIFY(exec(db, "UPDATE customers SET fee_rate_debit = 4500 WHERE id = ?", { org.merchant }));
    sync::MutationResult refused = xmgr.decide(stale, 1, "approve");
    QCOMPARE(refused.code, QString("stale_request"));
    QVERIFY2(refused.message.contains("fee_rate_debit"), qPrintable(refused.message));
    QCOMPARE(decisionsOn(db, stale), 0);
    QCOMPARE(customerField(db, org.merchant, "fee_rate_debit").toLongLong(), qint64(4500));
    QCOMPARE(storedRequest(db, stale).value("status").toString(), QString("pending"));
    // It can still be returned, and asked again on the current rate.
    QCOMPARE(xmgr.decide(stale, 1, "return", "费率已变，请重新申请").outcome,
             sync::Outcome::Applied);

    // The customer was deleted after the request was made: only a rejection remains.
    const QString onboarding = newId();
    QCOMPARE(rep.insert("approval_requests", onboarding,
                        { { "flow_code", "merchant_onboarding" },
                          { "record_id", org.merchant },
                          { "reason", "资料齐全" } })
                     .outcome,
             sync::Outcome::Applied);
    CustomerService customers(db);
    QCOMPARE(customers.remove(org.rep, org.merchant).status, 200);
    refused = xmgr.decide(onboarding, 1, "approve");
    QCOMPARE(refused.code, QString("record_deleted"));
    QCOMPARE(customerField(db, org.merchant, "status").toString(), QString("prospect"));
    QCOMPARE(xmgr.decide(onboarding, 1, "reject", "客户已删除").outcome, sync::Outcome::Applied);
    QCOMPARE(storedRequest(db, onboarding).value("status").toString(), QString("rejected"));
}

QTEST_GUILESS_MAIN(TestApprovalEffects)
#include "tst_approvaleffects.moc"
