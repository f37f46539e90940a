// SPDX-License-Identifier: GPL-3.0-or-later
// Approval requests through sync, on SQLite and PostgreSQL: the built-in flows, a request
// resolved into steps and seen by exactly its audience and the managers above it, refused
// requests journalled with their reason, flow versions added by an administrator (audited,
// never edited) and a request in flight keeping the version it started with.
#include "ApprovalFixture.h"
#include "api/ApiContext.h"
#include "approvals/ApprovalFlows.h"
#include "approvals/FlowAdmin.h"
#include "core/PasswordHasher.h"
#include "records/CustomerService.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace branchline;
using namespace branchline::server;
using namespace branchline::server::test;

namespace {

QStringList holdersOf(const QJsonObject &step)
{
    QStringList ids;
    for (const QJsonValue &slot : step.value("approvers").toArray())
        ids << slot.toObject().value("holder_id").toString();
    return ids;
}

// The steps of `request` in a pull, by position.
QList<QJsonObject> stepsOf(const QHash<QString, QJsonObject> &steps, const QString &request)
{
    QList<QJsonObject> found;
    for (const QJsonObject &step : steps)
        if (step.value("request_id").toString() == request)
            found << step;
    std::sort(found.begin(), found.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value("position").toInt() < b.value("position").toInt();
    });
    return found;
}

const char *const riskOnly = R"({"name": {"en": "Fee rate change", "zh_CN": "费率调整"},
    "record": "customers", "effect": "set_fee_rates",
    "steps": [{"key": "risk", "name": {"en": "Risk review", "zh_CN": "风控审核"},
               "approvers": [{"rule": "role", "role": "risk_officer", "from": "anywhere"}]}]})";

} // namespace

class TestApprovalRequests : public QObject
{
    Q_OBJECT

private slots:
    void builtInFlowsAreSeeded_data() { addEngineRows(); }
    void builtInFlowsAreSeeded();
    void requestResolvesStepsAndReachesItsAudience_data() { addEngineRows(); }
    void requestResolvesStepsAndReachesItsAudience();
    void refusedRequestsAreJournalled_data() { addEngineRows(); }
    void refusedRequestsAreJournalled();
    void adminAddsAndActivatesVersions_data() { addEngineRows(); }
    void adminAddsAndActivatesVersions();
    void requestKeepsItsFlowVersion_data() { addEngineRows(); }
    void requestKeepsItsFlowVersion();
    void requestsChangeOnlyAsAllowed_data() { addEngineRows(); }
    void requestsChangeOnlyAsAllowed();
    void routesAnswerSignedInCallers_data() { addEngineRows(); }
    void routesAnswerSignedInCallers();
};

void TestApprovalRequests::builtInFlowsAreSeeded()
{
    SERVER_FIXTURE(fixture);
    QSqlDatabase db = fixture.database().connection();
    QList<StoredFlow> flows;
    QString error;
    QVERIFY2(ApprovalFlows::list(db, QString(), &flows, &error), qPrintable(error));
    QStringList codes;
    for (const StoredFlow &flow : flows) {
        codes << flow.code;
        QCOMPARE(flow.version, 1);
        QVERIFY(flow.active);
        QVERIFY(flow.createdBy.isEmpty());
        QString problem;
        QVERIFY2(FlowDefinition::fromJson(flow.definition, flow.code, 1, &problem),
                 qPrintable(flow.code + ": " + problem));
    }
    QCOMPARE(codes,
             (QStringList{ "credit_approval", "credit_limit_increase", "fee_rate_change",
                           "kyc_exception", "merchant_onboarding", "merchant_termination" }));
    // Versions are never edited nor deleted, by the server or by hand.
    QVERIFY(refusedByDatabase(
            fixture.database(),
            "UPDATE approval_flows SET definition = '{}' WHERE code = 'fee_rate_change'"));
    QVERIFY(refusedByDatabase(fixture.database(),
                              "DELETE FROM approval_flows WHERE code = 'kyc_exception'"));
    QVERIFY(exec(fixture.database(),
                 "UPDATE approval_flows SET active = 0 WHERE code = 'kyc_exception'"));
}

void TestApprovalRequests::requestResolvesStepsAndReachesItsAudience()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    Device rep(service, org.rep);

    // 0.30 % is under the debit floor: the region manager's step is added.
    const QString id = newId();
    const sync::MutationResult result =
            rep.insert("approval_requests", id, feeRequest(org.merchant, 3000));
    QVERIFY2(result.outcome == sync::Outcome::Applied, qPrintable(result.message));
    QVERIFY(result.seq > 0);
    const QJsonObject stored = storedRequest(fixture.database(), id);
    QCOMPARE(stored.value("status").toString(), QString("pending"));
    QCOMPARE(stored.value("current_step").toInt(), 1);
    QCOMPARE(stored.value("flow_version").toInt(), 1);
    QCOMPARE(stored.value("requester_id").toString(), org.rep.userId);
    QCOMPARE(stored.value("before_values").toObject(),
             QJsonObject({ { "fee_rate_debit", QJsonValue() } }));
    QCOMPARE(auditActions(fixture.database(), id), QStringList{ "approval.request" });

    auto pulled = rep.pullAll();
    QVERIFY(pulled["approval_requests"].contains(id));
    const QJsonObject row = pulled["approval_requests"][id];
    QCOMPARE(row.value("flow_code").toString(), QString("fee_rate_change"));
    QCOMPARE(row.value("record_label").toString(), QString("杭州鑫源餐饮管理有限公司"));
    QCOMPARE(row.value("proposed").toObject(), QJsonObject({ { "fee_rate_debit", 3000 } }));
    QCOMPARE(row.value("status").toString(), QString("pending"));
    const QList<QJsonObject> steps = stepsOf(pulled["approval_steps"], id);
    QCOMPARE(steps.size(), 2);
    QCOMPARE(steps[0].value("step_key").toString(), QString("branch"));
    QCOMPARE(steps[0].value("state").toString(), QString("pending"));
    QCOMPARE(steps[0].value("mode").toString(), QString("any"));
    QVERIFY(!steps[0].value("due_at").toString().isEmpty());
    QStringList managers = holdersOf(steps[0]);
    managers.sort();
    QStringList expected{ org.xmgr.userId, org.xmgr2.userId };
    expected.sort();
    QCOMPARE(managers, expected);
    QCOMPARE(steps[1].value("step_key").toString(), QString("region"));
    QCOMPARE(steps[1].value("state").toString(), QString("waiting"));
    QCOMPARE(holdersOf(steps[1]), QStringList{ org.zjmgr.userId });
    QCOMPARE(steps[1].value("name_zh").toString(), QString("分行审批"));

    // The approvers and the managers above them see it; other branches do not.
    for (const Caller &who : { org.xmgr, org.xmgr2, org.zjmgr, org.risk, org.admin }) {
        Device device(service, who);
        auto theirs = device.pullAll();
        QVERIFY2(theirs["approval_requests"].contains(id), qPrintable(who.login));
        QCOMPARE(stepsOf(theirs["approval_steps"], id).size(), 2);
    }
    for (const Caller &who : { org.rep2, org.njmgr }) {
        Device device(service, who);
        auto theirs = device.pullAll();
        QVERIFY2(theirs["approval_requests"].isEmpty(), qPrintable(who.login));
        QVERIFY2(theirs["approval_steps"].isEmpty(), qPrintable(who.login));
    }
}

void TestApprovalRequests::refusedRequestsAreJournalled()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    Device rep(service, org.rep);
    Device rep2(service, org.rep2);

    struct Case
    {
        Device *device;
        QJsonObject fields;
        QString code;
        QString says;
    };
    QJsonObject noReason = feeRequest(org.merchant, 3800, "  ");
    QJsonObject unknownFlow = feeRequest(org.merchant, 3800);
    unknownFlow.insert("flow_code", "loan_magic");
    QJsonObject creditOnMerchant{ { "flow_code", "credit_approval" },
                                  { "record_id", org.merchant },
                                  { "proposed", QJsonObject{ { "credit_limit_fen", 100000 } } },
                                  { "reason", "扩大经营" } };
    QJsonObject extraField = feeRequest(org.merchant, 3800);
    extraField.insert("priority", "high");
    QJsonObject textRate = feeRequest(org.merchant, 0);
    textRate.insert("proposed", "{\"fee_rate_debit\": \"3800\"}");
    QJsonObject serverColumns = feeRequest(org.merchant, 3800);
    // What a client's outbox sends with its new row is taken as the server's, not trusted.
    serverColumns.insert("status", "approved");
    serverColumns.insert("requester_id", org.xmgr.userId);
    const QList<Case> cases{
        { &rep, unknownFlow, "unknown_flow", "no active approval flow \"loan_magic\"" },
        { &rep, noReason, "reason_required", "Give a reason" },
        { &rep2, feeRequest(org.merchant, 3800), "not_found", "outside your scope" },
        { &rep, feeRequest(org.merchant, 0), "bad_proposal", "from 1 to 100000" },
        { &rep, textRate, "bad_proposal", "\"fee_rate_debit\" must be a whole number" },
        { &rep, creditOnMerchant, "not_applicable", "borrowers only" },
        { &rep, extraField, "bad_field", "\"priority\"" },
    };
    for (const Case &c : cases) {
        const QString id = newId();
        const sync::MutationResult result = c.device->insert("approval_requests", id, c.fields);
        QCOMPARE(result.outcome, sync::Outcome::Rejected);
        QCOMPARE(result.code, c.code);
        QVERIFY2(result.message.contains(c.says), qPrintable(result.message));
        QCOMPARE(result.conflicts.size(), 1);
        QVERIFY(!scalar(fixture.database(), "SELECT 1 FROM approval_requests WHERE id = ?", { id })
                         .isValid());
        QCOMPARE(scalar(fixture.database(),
                        "SELECT code FROM sync_conflicts WHERE record_id = ? AND user_id = ?",
                        { id, c.device->caller.userId })
                         .toString(),
                 c.code);
        QCOMPARE(auditActions(fixture.database(), id), QStringList{ "approval.refused" });
        // The requester's device gets the journal entry through pull.
        auto pulled = c.device->pullAll();
        QVERIFY(pulled["sync_conflicts"].contains(result.conflicts.first()));
        QCOMPARE(pulled["sync_conflicts"][result.conflicts.first()].value("message").toString(),
                 result.message);
    }

    // Taken with the server's own columns ignored: rep asks, status starts pending.
    const QString first = newId();
    QCOMPARE(rep.insert("approval_requests", first, serverColumns).outcome, sync::Outcome::Applied);
    QCOMPARE(storedRequest(fixture.database(), first).value("status").toString(),
             QString("pending"));
    QCOMPARE(storedRequest(fixture.database(), first).value("requester_id").toString(),
             org.rep.userId);
    // One open request of a kind per customer.
    sync::MutationResult again =
            rep.insert("approval_requests", newId(), feeRequest(org.merchant, 3900));
    QCOMPARE(again.code, QString("already_open"));
    // The same id twice.
    again = rep.insert("approval_requests", first, feeRequest(org.merchant, 3900));
    QCOMPARE(again.code, QString("id_taken"));
    // Nothing different from the customer as it is.
    QVERIFY(exec(fixture.database(), "UPDATE customers SET kyc_status = 'verified' WHERE id = ?",
                 { org.merchant }));
    again = rep.insert("approval_requests", newId(),
                       { { "flow_code", "kyc_exception" },
                         { "record_id", org.merchant },
                         { "proposed", QJsonObject{ { "kyc_status", "verified" } } },
                         { "reason", "营业执照续期中" } });
    QCOMPARE(again.code, QString("bad_proposal"));

    // A flow whose only approver is the requester leaves nobody to decide.
    QSqlDatabase db = fixture.database().connection();
    FlowDefinition selfOnly = *FlowDefinition::fromJson(
            QJsonDocument::fromJson(QStringLiteral(R"({"name": {"en": "Self", "zh_CN": "自"},
                "record": "customers", "effect": "activate_merchant",
                "steps": [{"key": "me", "name": {"en": "Me", "zh_CN": "我"},
                           "approvers": [{"rule": "users", "users": ["%1"]}]}]})")
                                            .arg(org.rep.userId)
                                            .toUtf8())
                    .object(),
            "merchant_onboarding", 0, &error);
    QVERIFY2(ApprovalFlows::add(db, selfOnly, org.admin.userId, true, "2026-11-24T00:00:00.000Z",
                                &error),
             qPrintable(error));
    again = rep.insert("approval_requests", newId(),
                       { { "flow_code", "merchant_onboarding" },
                         { "record_id", org.merchant },
                         { "reason", "资料齐全" } });
    QCOMPARE(again.code, QString("no_approver"));
    QVERIFY2(again.message.contains("\"Me\""), qPrintable(again.message));
}

void TestApprovalRequests::adminAddsAndActivatesVersions()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    FlowAdmin admin(fixture.database());
    const QJsonObject definition = QJsonDocument::fromJson(riskOnly).object();

    QCOMPARE(admin.list(org.xmgr).status, 403);
    QCOMPARE(admin.addVersion(org.risk, "fee_rate_change", { { "definition", definition } }).status,
             403);
    QCOMPARE(admin.addVersion(org.admin, "fee_rate_change", { { "activate", true } }).status, 400);
    QJsonObject broken = definition;
    broken.insert("effect", "print_money");
    RecordOutcome outcome =
            admin.addVersion(org.admin, "fee_rate_change", { { "definition", broken } });
    QCOMPARE(outcome.status, 422);
    QCOMPARE(outcome.body.value("code").toString(), QString("invalid_flow"));
    QJsonObject ghost = definition;
    ghost.insert("steps",
                 QJsonArray{ QJsonObject{
                         { "key", "x" },
                         { "name", QJsonObject{ { "en", "X" }, { "zh_CN", "X" } } },
                         { "approvers",
                           QJsonArray{ QJsonObject{ { "rule", "users" },
                                                    { "users", QJsonArray{ "nobody" } } } } } } });
    outcome = admin.addVersion(org.admin, "fee_rate_change", { { "definition", ghost } });
    QCOMPARE(outcome.status, 422);
    QVERIFY(outcome.body.value("message").toString().contains("nobody"));

    outcome = admin.addVersion(org.admin, "fee_rate_change", { { "definition", definition } });
    QCOMPARE(outcome.status, 201);
    QCOMPARE(outcome.body.value("version").toInt(), 2);
    QCOMPARE(outcome.body.value("active").toBool(), false);
    QCOMPARE(outcome.body.value("created_by").toString(), org.admin.userId);
    outcome = admin.get(org.admin, "fee_rate_change");
    QCOMPARE(outcome.body.value("active_version").toInt(), 1);
    QCOMPARE(outcome.body.value("versions").toArray().size(), 2);
    QCOMPARE(admin.activate(org.admin, "fee_rate_change", "7").status, 404);
    QCOMPARE(admin.activate(org.admin, "fee_rate_change", "x").status, 404);
    QCOMPARE(admin.get(org.admin, "no_such_flow").status, 404);
    outcome = admin.activate(org.admin, "fee_rate_change", "2");
    QCOMPARE(outcome.status, 200);
    QCOMPARE(admin.get(org.admin, "fee_rate_change").body.value("active_version").toInt(), 2);
    // A brand-new flow starts at version 1.
    outcome = admin.addVersion(org.admin, "vip_fee_rate",
                               { { "definition", definition }, { "activate", true } });
    QCOMPARE(outcome.status, 201);
    QCOMPARE(outcome.body.value("version").toInt(), 1);
    QCOMPARE(admin.list(org.admin).body.value("items").toArray().size(), 8);

    QSqlQuery audit(fixture.database().connection());
    QVERIFY(audit.exec("SELECT action, entity_id, actor_id FROM audit_log WHERE entity = "
                       "'approval_flows' ORDER BY seq"));
    QStringList entries;
    while (audit.next()) {
        QCOMPARE(audit.value(2).toString(), org.admin.userId);
        entries << audit.value(0).toString() + " " + audit.value(1).toString();
    }
    QCOMPARE(entries,
             (QStringList{ "approval_flow.create fee_rate_change/2",
                           "approval_flow.activate fee_rate_change/2",
                           "approval_flow.create vip_fee_rate/1" }));
}

void TestApprovalRequests::requestKeepsItsFlowVersion()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    Device rep(service, org.rep);
    Device xmgr(service, org.xmgr);
    const QString early = newId();
    QCOMPARE(rep.insert("approval_requests", early, feeRequest(org.merchant, 3800)).outcome,
             sync::Outcome::Applied);

    // The administrator replaces the flow while the request is in flight.
    FlowAdmin admin(fixture.database());
    QCOMPARE(admin.addVersion(org.admin, "fee_rate_change",
                              { { "definition", QJsonDocument::fromJson(riskOnly).object() },
                                { "activate", true } })
                     .status,
             201);

    // Returned and resubmitted, it goes on under version 1: a new round, numbered on.
    QCOMPARE(xmgr.decide(early, 1, "return", "请补充收单合同").outcome, sync::Outcome::Applied);
    QCOMPARE(storedRequest(fixture.database(), early).value("status").toString(),
             QString("returned"));
    const sync::MutationResult resubmitted =
            rep.update("approval_requests", early,
                       { { "proposed", QJsonObject{ { "fee_rate_debit", 3900 } } },
                         { "reason", "已补充合同" } });
    QVERIFY2(resubmitted.outcome == sync::Outcome::Applied, qPrintable(resubmitted.message));
    QJsonObject stored = storedRequest(fixture.database(), early);
    QCOMPARE(stored.value("status").toString(), QString("pending"));
    QCOMPARE(stored.value("flow_version").toInt(), 1);
    QCOMPARE(stored.value("round").toInt(), 2);
    QCOMPARE(stored.value("current_step").toInt(), 2);
    QCOMPARE(stored.value("proposed").toObject(), QJsonObject({ { "fee_rate_debit", 3900 } }));
    auto pulled = rep.pullAll();
    const QList<QJsonObject> steps = stepsOf(pulled["approval_steps"], early);
    QCOMPARE(steps.size(), 2);
    QCOMPARE(steps[0].value("state").toString(), QString("returned"));
    QCOMPARE(steps[1].value("step_key").toString(), QString("branch")); // version 1's step
    QCOMPARE(steps[1].value("round").toInt(), 2);
    QCOMPARE(steps[1].value("state").toString(), QString("pending"));
    // The old round's step is over: a decision on it is refused, the new one counts.
    QCOMPARE(xmgr.decide(early, 1, "approve").code, QString("step_unknown"));
    QCOMPARE(xmgr.decide(early, 2, "approve").outcome, sync::Outcome::Applied);
    QCOMPARE(storedRequest(fixture.database(), early).value("status").toString(),
             QString("approved"));
    QCOMPARE(scalar(fixture.database(), "SELECT fee_rate_debit FROM customers WHERE id = ?",
                    { org.merchant })
                     .toLongLong(),
             qint64(3900));

    // A new request follows the active version 2: risk decides.
    CustomerService customers(fixture.database());
    const QString other =
            customers
                    .create(org.rep,
                            { { "legal_name", "宁波恒泰服装有限公司" }, { "kind", "merchant" } })
                    .body.value("id")
                    .toString();
    const QString late = newId();
    QCOMPARE(rep.insert("approval_requests", late, feeRequest(other, 3800)).outcome,
             sync::Outcome::Applied);
    QCOMPARE(storedRequest(fixture.database(), late).value("flow_version").toInt(), 2);
    pulled = rep.pullAll();
    const QList<QJsonObject> lateSteps = stepsOf(pulled["approval_steps"], late);
    QCOMPARE(lateSteps.size(), 1);
    QCOMPARE(lateSteps[0].value("step_key").toString(), QString("risk"));
    QCOMPARE(holdersOf(lateSteps[0]), QStringList{ org.risk.userId });
}

void TestApprovalRequests::requestsChangeOnlyAsAllowed()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    Device rep(service, org.rep);
    Device xmgr(service, org.xmgr);
    const QString id = newId();
    QCOMPARE(rep.insert("approval_requests", id, feeRequest(org.merchant, 3800)).outcome,
             sync::Outcome::Applied);
    // Pending: not even the requester edits it; an approver never does.
    QCOMPARE(rep.update("approval_requests", id, { { "reason", "改一下" } }).code,
             QString("read_only"));
    // A refused update gets the request as it is back to the device that sent it.
    const QString logged = "SELECT count(*) FROM change_log WHERE table_name = "
                           "'approval_requests' AND record_id = ? AND owner_id = ?";
    const int before = scalar(fixture.database(), logged, { id, org.xmgr.userId }).toInt();
    QCOMPARE(xmgr.update("approval_requests", id, { { "status", "approved" } }).code,
             QString("read_only"));
    QCOMPARE(scalar(fixture.database(), logged, { id, org.xmgr.userId }).toInt(), before + 1);
    QCOMPARE(storedRequest(fixture.database(), id).value("status").toString(), QString("pending"));
    const QString step =
            scalar(fixture.database(), "SELECT id FROM approval_steps WHERE request_id = ?", { id })
                    .toString();
    QCOMPARE(xmgr.update("approval_steps", step, { { "state", "approved" } }).code,
             QString("read_only"));
    QCOMPARE(xmgr.decide(id, 1, "approve").outcome, sync::Outcome::Applied);
    const QString decision =
            scalar(fixture.database(), "SELECT id FROM approval_decisions WHERE request_id = ?",
                   { id })
                    .toString();
    QCOMPARE(xmgr.update("approval_decisions", decision, { { "decision", "reject" } }).code,
             QString("read_only"));
    // Nor by hand: decisions are append-only in the database too.
    QVERIFY(refusedByDatabase(fixture.database(),
                              "UPDATE approval_decisions SET decision = 'reject' WHERE id = ?",
                              { decision }));
    QVERIFY(refusedByDatabase(fixture.database(), "DELETE FROM approval_decisions WHERE id = ?",
                              { decision }));
    QCOMPARE(scalar(fixture.database(), "SELECT decision FROM approval_decisions WHERE id = ?",
                    { decision })
                     .toString(),
             QString("approve"));
}

void TestApprovalRequests::routesAnswerSignedInCallers()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    PasswordHasher hasher(PasswordHasher::Strength::Minimum);
    Accounts accounts(fixture.database(), hasher);
    Authenticator authenticator(fixture.database(), hasher);
    ApiContext context{ fixture.database(), authenticator, accounts, nullptr };
    Router router;
    addApprovalRoutes(router, context);
    auto call = [&](const QByteArray &method, const QString &path, const QString &login,
                    const QJsonObject &body = {}) {
        HttpRequest request;
        request.method = method;
        request.path = path;
        if (!login.isEmpty()) {
            const Authenticator::Grant grant =
                    authenticator.login(login, approvalPassword(), login + "-device");
            request.headers.insert("authorization", "Bearer " + grant.accessToken.toUtf8());
        }
        if (!body.isEmpty())
            request.body = QJsonDocument(body).toJson();
        const HttpResponse response = router.dispatch(request);
        return qMakePair(response.status, QJsonDocument::fromJson(response.body).object());
    };
    const QString flows = "/api/v1/admin/approval-flows";
    QCOMPARE(call("GET", flows, QString()).first, 401);
    QCOMPARE(call("GET", flows, "xmgr").first, 403);
    auto answer = call("GET", flows, "admin");
    QCOMPARE(answer.first, 200);
    QCOMPARE(answer.second.value("items").toArray().size(), 6);
    QCOMPARE(call("POST", flows + "/fee_rate_change/versions", "admin").first, 400);
    answer = call("POST", flows + "/fee_rate_change/versions", "admin",
                  { { "definition", QJsonDocument::fromJson(riskOnly).object() } });
    QCOMPARE(answer.first, 201);
    QCOMPARE(answer.second.value("version").toInt(), 2);
    QCOMPARE(call("POST", flows + "/fee_rate_change/versions/2/activate", "admin").first, 200);
    QCOMPARE(
            call("GET", flows + "/fee_rate_change", "admin").second.value("active_version").toInt(),
            2);

    SyncService service(fixture.database());
    Device rep(service, org.rep);
    const QString id = newId();
    QCOMPARE(rep.insert("approval_requests", id, feeRequest(org.merchant, 3800)).outcome,
             sync::Outcome::Applied);
    answer = call("GET", "/api/v1/approval-requests/" + id, "rep");
    QCOMPARE(answer.first, 200);
    QCOMPARE(answer.second.value("request").toObject().value("id").toString(), id);
    QCOMPARE(answer.second.value("steps").toArray().size(), 1);
    QCOMPARE(answer.second.value("decisions").toArray().size(), 0);
    QCOMPARE(call("GET", "/api/v1/approval-requests/" + id, "rep2").first, 404);
    QCOMPARE(call("GET", "/api/v1/approval-requests/" + newId(), "rep").first, 404);
}

QTEST_GUILESS_MAIN(TestApprovalRequests)
#include "tst_approvalrequests.moc"
