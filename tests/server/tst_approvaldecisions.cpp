// SPDX-License-Identifier: GPL-3.0-or-later
// Decisions made offline and pushed later, on SQLite and PostgreSQL: two managers deciding
// the same or-sign step, a decision after its maker lost the role, a decision on a request
// the requester withdrew, one's own request, delegation, and the audit entry of every
// decision. A refused decision is journalled with its precise reason, the device that sent
// it gets the request as it now is, and nothing else changes.
#include "ApprovalFixture.h"
#include "core/AuditLog.h"
#include "records/CustomerService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSemaphore>
#include <QSqlQuery>
#include <QThread>

using namespace branchline;
using namespace branchline::server;
using namespace branchline::server::test;

namespace {

int decisionsOn(Database &database, const QString &request)
{
    return scalar(database, "SELECT count(*) FROM approval_decisions WHERE request_id = ?",
                  { request })
            .toInt();
}

QString stepState(Database &database, const QString &request, int position)
{
    return scalar(database,
                  "SELECT state FROM approval_steps WHERE request_id = ? AND position = ?",
                  { request, position })
            .toString();
}

// One push of one decision, as a request thread of the server runs it; parsed later on the
// main thread (QVERIFY belongs there).
RecordOutcome pushDecision(SyncService &service, const Caller &caller, const QString &request)
{
    sync::Mutation mutation;
    mutation.number = 1;
    mutation.table = "approval_decisions";
    mutation.id = newId();
    mutation.op = sync::Mutation::Op::Insert;
    mutation.fields = { { "request_id", request },
                        { "expected_step", 1 },
                        { "decision", "approve" } };
    return service.push(caller, sync::PushRequest{ newId(), { mutation }, 1 }.toJson());
}

} // namespace

class TestApprovalDecisions : public QObject
{
    Q_OBJECT

private slots:
    void twoManagersDecideTheSameOrSignStepOffline_data() { addEngineRows(); }
    void twoManagersDecideTheSameOrSignStepOffline();
    void twoManagersDecideAtTheSameMoment_data() { addEngineRows(); }
    void twoManagersDecideAtTheSameMoment();
    void decisionAfterLosingTheRole_data() { addEngineRows(); }
    void decisionAfterLosingTheRole();
    void decisionOnAWithdrawnRequest_data() { addEngineRows(); }
    void decisionOnAWithdrawnRequest();
    void nobodyDecidesTheirOwnRequest_data() { addEngineRows(); }
    void nobodyDecidesTheirOwnRequest();
    void delegateDecidesForTheDelegator_data() { addEngineRows(); }
    void delegateDecidesForTheDelegator();
    void everyDecisionIsAudited_data() { addEngineRows(); }
    void everyDecisionIsAudited();

private:
    struct Setup
    {
        ApprovalOrg org;
        std::unique_ptr<SyncService> service;
        QString request;
    };
    // rep asks for a fee-rate change of `debit` on the merchant.
    static bool start(ServerFixture &fixture, Setup *setup, qint64 debit)
    {
        QString error;
        if (!makeApprovalOrg(fixture.database(), &setup->org, &error)) {
            qWarning() << error;
            return false;
        }
        setup->service = std::make_unique<SyncService>(fixture.database());
        Device rep(*setup->service, setup->org.rep);
        setup->request = newId();
        return rep.insert("approval_requests", setup->request,
                          feeRequest(setup->org.merchant, debit))
                       .outcome
                == sync::Outcome::Applied;
    }
};

void TestApprovalDecisions::twoManagersDecideTheSameOrSignStepOffline()
{
    SERVER_FIXTURE(fixture);
    Setup setup;
    QVERIFY(start(fixture, &setup, 3000)); // under the floor: branch, then region
    Device xmgr(*setup.service, setup.org.xmgr);
    Device xmgr2(*setup.service, setup.org.xmgr2);
    // Both pulled the request while the branch step was open, then went offline.
    QCOMPARE(xmgr.pullAll()["approval_requests"][setup.request].value("current_step").toInt(), 1);
    QCOMPARE(xmgr2.pullAll()["approval_requests"][setup.request].value("current_step").toInt(), 1);

    const sync::MutationResult first = xmgr.decide(setup.request, 1, "approve", "同意");
    QVERIFY2(first.outcome == sync::Outcome::Applied, qPrintable(first.message));
    QCOMPARE(stepState(fixture.database(), setup.request, 1), QString("approved"));
    QCOMPARE(storedRequest(fixture.database(), setup.request).value("current_step").toInt(), 2);

    // xmgr2's decision arrives later: refused, saying exactly who was first.
    const sync::MutationResult second = xmgr2.decide(setup.request, 1, "reject", "费率过低");
    QCOMPARE(second.outcome, sync::Outcome::Rejected);
    QCOMPARE(second.code, QString("already_decided"));
    QCOMPARE(second.message,
             QString("张伟 already approved this step; your decision was not "
                     "recorded."));
    QCOMPARE(decisionsOn(fixture.database(), setup.request), 1);
    QCOMPARE(storedRequest(fixture.database(), setup.request).value("status").toString(),
             QString("pending"));
    QCOMPARE(stepState(fixture.database(), setup.request, 2), QString("pending"));
    // Their device shows the refusal and the request as it now is.
    auto pulled = xmgr2.pullAll();
    QVERIFY(pulled["sync_conflicts"].contains(second.conflicts.first()));
    const QJsonObject entry = pulled["sync_conflicts"][second.conflicts.first()];
    QCOMPARE(entry.value("table_name").toString(), QString("approval_decisions"));
    QCOMPARE(entry.value("code").toString(), QString("already_decided"));
    QCOMPARE(entry.value("kind").toString(), QString("rejected"));
    QCOMPARE(pulled["approval_requests"][setup.request].value("current_step").toInt(), 2);
    QCOMPARE(pulled["approval_decisions"].size(), 1);
    // The same manager's second device sending the same approval again.
    Device xmgrTablet(*setup.service, setup.org.xmgr);
    QCOMPARE(xmgrTablet.decide(setup.request, 1, "approve").code,
             QString("already_decided_by_you"));
}

void TestApprovalDecisions::twoManagersDecideAtTheSameMoment()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    CustomerService customers(fixture.database());
    Device rep(service, org.rep);
    for (int round = 0; round < 4; ++round) {
        const QString merchant =
                customers
                        .create(org.rep,
                                { { "legal_name", QStringLiteral("并发商户%1").arg(round) },
                                  { "kind", "merchant" } })
                        .body.value("id")
                        .toString();
        const QString request = newId();
        QCOMPARE(rep.insert("approval_requests", request, feeRequest(merchant, 3800)).outcome,
                 sync::Outcome::Applied);
        // Both managers' pushes reach two server threads at once.
        RecordOutcome first;
        RecordOutcome second;
        QSemaphore gate;
        std::unique_ptr<QThread> a(QThread::create([&] {
            gate.acquire();
            first = pushDecision(service, org.xmgr, request);
        }));
        std::unique_ptr<QThread> b(QThread::create([&] {
            gate.acquire();
            second = pushDecision(service, org.xmgr2, request);
        }));
        a->start();
        b->start();
        gate.release(2);
        a->wait();
        b->wait();
        QStringList outcomes;
        for (const RecordOutcome &outcome : { first, second }) {
            QCOMPARE(outcome.status, 200);
            QString problem;
            const auto response = sync::PushResponse::fromJson(outcome.body, &problem);
            QVERIFY2(response && response->results.size() == 1, qPrintable(problem));
            outcomes << sync::outcomeName(response->results[0].outcome) + " "
                            + response->results[0].code;
        }
        outcomes.sort();
        QCOMPARE(outcomes, (QStringList{ "applied ", "rejected already_decided" }));
        QCOMPARE(decisionsOn(fixture.database(), request), 1);
        QCOMPARE(storedRequest(fixture.database(), request).value("status").toString(),
                 QString("approved"));
        QCOMPARE(scalar(fixture.database(),
                        "SELECT count(*) FROM audit_log WHERE action = 'approval.apply' AND "
                        "entity_id = ?",
                        { merchant })
                         .toInt(),
                 1);
    }
}

void TestApprovalDecisions::decisionAfterLosingTheRole()
{
    SERVER_FIXTURE(fixture);
    Setup setup;
    QVERIFY(start(fixture, &setup, 3800));
    Device xmgr(*setup.service, setup.org.xmgr);
    QCOMPARE(xmgr.pullAll()["approval_requests"].size(), 1);
    // While xmgr was offline, an administrator made them a rep.
    QVERIFY(exec(fixture.database(), "UPDATE users SET role = 'sales_rep' WHERE id = ?",
                 { setup.org.xmgr.userId }));
    Caller demoted = setup.org.xmgr;
    demoted.role = Role::SalesRep;
    Device offline(*setup.service, demoted);
    const sync::MutationResult refused = offline.decide(setup.request, 1, "approve");
    QCOMPARE(refused.outcome, sync::Outcome::Rejected);
    QCOMPARE(refused.code, QString("approver_lost_right"));
    QVERIFY2(refused.message.contains("no longer an approver"), qPrintable(refused.message));
    QCOMPARE(decisionsOn(fixture.database(), setup.request), 0);
    QCOMPARE(stepState(fixture.database(), setup.request, 1), QString("pending"));
    QVERIFY(scalar(fixture.database(), "SELECT fee_rate_debit FROM customers WHERE id = ?",
                   { setup.org.merchant })
                    .isNull());
    // They still see the request they were an approver of.
    QVERIFY(offline.pullAll()["approval_requests"].contains(setup.request));
    // The co-approver still decides.
    Device xmgr2(*setup.service, setup.org.xmgr2);
    QCOMPARE(xmgr2.decide(setup.request, 1, "approve").outcome, sync::Outcome::Applied);
    QCOMPARE(storedRequest(fixture.database(), setup.request).value("status").toString(),
             QString("approved"));
}

void TestApprovalDecisions::decisionOnAWithdrawnRequest()
{
    SERVER_FIXTURE(fixture);
    Setup setup;
    QVERIFY(start(fixture, &setup, 3800));
    Device rep(*setup.service, setup.org.rep);
    Device xmgr(*setup.service, setup.org.xmgr);
    QCOMPARE(xmgr.pullAll()["approval_requests"].size(), 1);
    // Somebody else may not withdraw it.
    QCOMPARE(xmgr.decide(setup.request, 0, "withdraw").code, QString("not_requester"));
    const sync::MutationResult withdrawn = rep.decide(setup.request, 1, "withdraw", "客户暂缓");
    QVERIFY2(withdrawn.outcome == sync::Outcome::Applied, qPrintable(withdrawn.message));
    QCOMPARE(storedRequest(fixture.database(), setup.request).value("status").toString(),
             QString("withdrawn"));
    QCOMPARE(stepState(fixture.database(), setup.request, 1), QString("cancelled"));

    const sync::MutationResult late = xmgr.decide(setup.request, 1, "approve");
    QCOMPARE(late.outcome, sync::Outcome::Rejected);
    QCOMPARE(late.code, QString("request_withdrawn"));
    QCOMPARE(late.message,
             QString("The requester withdrew this request; your decision was not recorded."));
    QCOMPARE(decisionsOn(fixture.database(), setup.request), 1); // the withdrawal only
    QVERIFY(scalar(fixture.database(), "SELECT fee_rate_debit FROM customers WHERE id = ?",
                   { setup.org.merchant })
                    .isNull());
    // A withdrawn request no longer blocks a new one.
    QCOMPARE(rep.insert("approval_requests", newId(), feeRequest(setup.org.merchant, 3900)).outcome,
             sync::Outcome::Applied);
}

void TestApprovalDecisions::nobodyDecidesTheirOwnRequest()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    // A branch manager asks for their branch's merchant: their co-manager decides.
    Device xmgr(service, org.xmgr);
    const QString request = newId();
    QCOMPARE(xmgr.insert("approval_requests", request, feeRequest(org.merchant, 3800)).outcome,
             sync::Outcome::Applied);
    const QJsonArray approvers =
            QJsonDocument::fromJson(scalar(fixture.database(),
                                           "SELECT approvers FROM approval_steps WHERE "
                                           "request_id = ?",
                                           { request })
                                            .toByteArray())
                    .array();
    QCOMPARE(approvers.size(), 1);
    QCOMPARE(approvers[0].toObject().value("user_id").toString(), org.xmgr2.userId);
    const sync::MutationResult own = xmgr.decide(request, 1, "approve");
    QCOMPARE(own.code, QString("own_request"));
    QCOMPARE(own.message, QString("Nobody decides their own request: you made this one."));
    QCOMPARE(xmgr.decide(request, 1, "delegate", QString(), org.zjmgr.userId).code,
             QString("own_request"));
    Device xmgr2(service, org.xmgr2);
    QCOMPARE(xmgr2.decide(request, 1, "delegate", QString(), org.xmgr.userId).code,
             QString("bad_delegate"));
    QCOMPARE(decisionsOn(fixture.database(), request), 0);
    // Someone who is no approver at all.
    Device risk(service, org.risk);
    QCOMPARE(risk.decide(request, 1, "approve").code, QString("not_approver"));
    // Someone who cannot even see it learns nothing of it.
    Device njmgr(service, org.njmgr);
    QCOMPARE(njmgr.decide(request, 1, "approve").code, QString("not_found"));
}

void TestApprovalDecisions::delegateDecidesForTheDelegator()
{
    SERVER_FIXTURE(fixture);
    Setup setup;
    QVERIFY(start(fixture, &setup, 3800));
    Device xmgr(*setup.service, setup.org.xmgr);
    Device njmgr(*setup.service, setup.org.njmgr);
    QVERIFY(njmgr.pullAll()["approval_requests"].isEmpty());
    const sync::MutationResult delegated =
            xmgr.decide(setup.request, 1, "delegate", "出差一周", setup.org.njmgr.userId);
    QVERIFY2(delegated.outcome == sync::Outcome::Applied, qPrintable(delegated.message));
    // The delegate now sees the request; the delegator hands their place over.
    QVERIFY(njmgr.pullAll()["approval_requests"].contains(setup.request));
    const sync::MutationResult handedOver = xmgr.decide(setup.request, 1, "approve");
    QCOMPARE(handedOver.code, QString("delegated"));
    QVERIFY2(handedOver.message.contains("赵磊"), qPrintable(handedOver.message));
    const sync::MutationResult approved = njmgr.decide(setup.request, 1, "approve", "代为审批");
    QVERIFY2(approved.outcome == sync::Outcome::Applied, qPrintable(approved.message));
    QCOMPARE(scalar(fixture.database(),
                    "SELECT on_behalf_of FROM approval_decisions WHERE request_id = ? AND "
                    "decision = 'approve'",
                    { setup.request })
                     .toString(),
             setup.org.xmgr.userId);
    QCOMPARE(storedRequest(fixture.database(), setup.request).value("status").toString(),
             QString("approved"));
    // The delegate got this one step, nothing of the delegator's scope.
    const auto pulled = njmgr.pullAll();
    QVERIFY(!pulled["customers"].contains(setup.org.merchant));
}

void TestApprovalDecisions::everyDecisionIsAudited()
{
    SERVER_FIXTURE(fixture);
    Setup setup;
    QVERIFY(start(fixture, &setup, 3000));
    Device rep(*setup.service, setup.org.rep);
    Device xmgr(*setup.service, setup.org.xmgr);
    Device zjmgr(*setup.service, setup.org.zjmgr);
    QCOMPARE(xmgr.decide(setup.request, 1, "return", "请补充合同").outcome, sync::Outcome::Applied);
    QCOMPARE(rep.update("approval_requests", setup.request, { { "reason", "已补充" } }).outcome,
             sync::Outcome::Applied);
    // The new round's steps are numbered on after the first round's two.
    QCOMPARE(xmgr.decide(setup.request, 3, "reject").code, QString("comment_required"));
    QCOMPARE(xmgr.decide(setup.request, 3, "delegate", QString(), setup.org.xmgr2.userId).code,
             QString("delegate_already_approver"));
    QCOMPARE(xmgr.decide(setup.request, 3, "approve").outcome, sync::Outcome::Applied);
    QCOMPARE(zjmgr.decide(setup.request, 4, "approve").outcome, sync::Outcome::Applied);

    QCOMPARE(auditActions(fixture.database(), setup.request),
             (QStringList{ "approval.request", "approval.decide", "approval.resubmit",
                           "approval.refused", "approval.refused", "approval.decide",
                           "approval.decide" }));
    QSqlQuery query(fixture.database().connection());
    QVERIFY(query.exec(QStringLiteral("SELECT actor_id, action, detail FROM audit_log WHERE "
                                      "entity_id = '%1' ORDER BY seq")
                               .arg(setup.request)));
    QStringList decided;
    while (query.next()) {
        const QJsonObject detail = QJsonDocument::fromJson(query.value(2).toByteArray()).object();
        if (query.value(1).toString() == "approval.decide")
            decided << QStringLiteral("%1 %2 %3 %4")
                               .arg(query.value(0).toString(), detail.value("decision").toString())
                               .arg(detail.value("step").toInt())
                               .arg(detail.value("status").toString());
        if (query.value(1).toString() == "approval.refused")
            QCOMPARE(query.value(0).toString(), setup.org.xmgr.userId);
    }
    QCOMPARE(decided,
             (QStringList{ setup.org.xmgr.userId + " return 1 returned",
                           setup.org.xmgr.userId + " approve 3 pending",
                           setup.org.zjmgr.userId + " approve 4 approved" }));
    // The change the last approval made is audited on the customer, by the last approver.
    QCOMPARE(scalar(fixture.database(),
                    "SELECT actor_id FROM audit_log WHERE action = 'approval.apply' AND "
                    "entity = 'customers' AND entity_id = ?",
                    { setup.org.merchant })
                     .toString(),
             setup.org.zjmgr.userId);
    QSqlDatabase db = fixture.database().connection();
    QVERIFY(AuditLog::verify(db).intact);
}

QTEST_GUILESS_MAIN(TestApprovalDecisions)
#include "tst_approvaldecisions.moc"
