// SPDX-License-Identifier: GPL-3.0-or-later
// Steps past their due time, on SQLite and PostgreSQL, with the server's clock injected:
// the periodic check and a read escalate them to the next manager up (audited), an
// escalated manager's decision counts even before the check ran, and every new request or
// decision moves the change log's head, which is what pokes the clients (SyncNotifier).
#include "ApprovalFixture.h"
#include "approvals/ApprovalEscalator.h"
#include "approvals/ApprovalReads.h"
#include "approvals/ApprovalStore.h"
#include "sync/SyncNotifier.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <atomic>

using namespace branchline;
using namespace branchline::server;
using namespace branchline::server::test;

namespace {

QStringList approversOf(Database &database, const QString &request, int position)
{
    const QJsonArray list =
            QJsonDocument::fromJson(scalar(database,
                                           "SELECT approvers FROM approval_steps WHERE "
                                           "request_id = ? AND position = ?",
                                           { request, position })
                                            .toByteArray())
                    .array();
    QStringList ids;
    for (const QJsonValue &slot : list)
        ids << slot.toObject().value("user_id").toString() + "/"
                        + slot.toObject().value("via").toString();
    return ids;
}

// A clock `hours` ahead of now.
ApprovalService::Clock later(int hours)
{
    return [hours] { return QDateTime::currentDateTimeUtc().addSecs(qint64(hours) * 3600); };
}

} // namespace

class TestApprovalEscalation : public QObject
{
    Q_OBJECT

private slots:
    void overdueStepEscalatesToTheNextManagerUp_data() { addEngineRows(); }
    void overdueStepEscalatesToTheNextManagerUp();
    void readingOrDecidingEscalatesFirst_data() { addEngineRows(); }
    void readingOrDecidingEscalatesFirst();
    void periodicCheckEscalates_data() { addEngineRows(); }
    void periodicCheckEscalates();
    void requestsAndDecisionsPokeClients_data() { addEngineRows(); }
    void requestsAndDecisionsPokeClients();

private:
    static QString ask(SyncService &service, const ApprovalOrg &org)
    {
        Device rep(service, org.rep);
        const QString id = newId();
        const sync::MutationResult made =
                rep.insert("approval_requests", id, feeRequest(org.merchant, 3800));
        [&] { QVERIFY2(made.outcome == sync::Outcome::Applied, qPrintable(made.message)); }();
        return id;
    }
};

void TestApprovalEscalation::overdueStepEscalatesToTheNextManagerUp()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    Database &db = fixture.database();
    SyncService sync(db);
    const QString request = ask(sync, org);
    QCOMPARE(approversOf(db, request, 1).size(), 2);

    // The branch step is due in 24 hours: not yet at 23.
    int escalated = -1;
    QVERIFY2(ApprovalService(later(23)).escalateDue(db, &escalated, &error), qPrintable(error));
    QCOMPARE(escalated, 0);
    QCOMPARE(approversOf(db, request, 1).size(), 2);
    // At 25 the region's manager is brought in.
    QVERIFY2(ApprovalService(later(25)).escalateDue(db, &escalated, &error), qPrintable(error));
    QCOMPARE(escalated, 1);
    QCOMPARE(approversOf(db, request, 1).last(), org.zjmgr.userId + "/escalation");
    QCOMPARE(scalar(db, "SELECT escalations FROM approval_steps WHERE request_id = ?", { request })
                     .toInt(),
             1);
    QCOMPARE(auditActions(db, request), (QStringList{ "approval.request", "approval.escalate" }));
    QVERIFY(scalar(db, "SELECT actor_id FROM audit_log WHERE action = 'approval.escalate'")
                    .toString()
                    .isEmpty());
    // Checked again at once, nothing more happens: the due time moved on.
    QVERIFY(ApprovalService(later(25)).escalateDue(db, &escalated, &error));
    QCOMPARE(escalated, 0);
    // The head office has no manager: a day later nobody is left to bring in.
    QVERIFY(ApprovalService(later(50)).escalateDue(db, &escalated, &error));
    QCOMPARE(escalated, 0);
    QCOMPARE(approversOf(db, request, 1).size(), 3);

    // The escalated manager's device shows the step, and their decision decides it.
    Device zjmgr(sync, org.zjmgr);
    const auto pulled = zjmgr.pullAll();
    bool listed = false;
    for (const QJsonObject &step : pulled["approval_steps"])
        for (const QJsonValue &slot : step.value("approvers").toArray())
            listed = listed || slot.toObject().value("holder_id").toString() == org.zjmgr.userId;
    QVERIFY(listed);
    QCOMPARE(zjmgr.decide(request, 1, "approve", "已超时，由分行审批").outcome,
             sync::Outcome::Applied);
    QCOMPARE(storedRequest(db, request).value("status").toString(), QString("approved"));
}

void TestApprovalEscalation::readingOrDecidingEscalatesFirst()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    Database &db = fixture.database();
    SyncService sync(db);
    const ApprovalService late(later(30));

    // Read: the answer already lists the escalated manager.
    const QString read = ask(sync, org);
    ApprovalReads reads(db, late);
    QCOMPARE(reads.get(org.rep2, read).status, 404);
    const RecordOutcome outcome = reads.get(org.rep, read);
    QCOMPARE(outcome.status, 200);
    QCOMPARE(outcome.body.value("request").toObject().value("status").toString(),
             QString("pending"));
    const QJsonArray steps = outcome.body.value("steps").toArray();
    QCOMPARE(steps.size(), 1);
    QCOMPARE(steps[0].toObject().value("escalations").toInt(), 1);
    QCOMPARE(steps[0].toObject().value("approvers").toArray().last().toObject().value("user_id"),
             QJsonValue(org.zjmgr.userId));

    // Decide: the region manager decides an overdue step nobody has escalated yet.
    Device rep(sync, org.rep);
    const QString decided = newId();
    QCOMPARE(rep.insert("approval_requests", decided,
                        { { "flow_code", "merchant_onboarding" },
                          { "record_id", org.merchant },
                          { "reason", "资料齐全" } })
                     .outcome,
             sync::Outcome::Applied);
    QString requestId;
    std::optional<ApprovalRefusal> refusal;
    QVERIFY2(db.inTransaction(
                     [&](QSqlDatabase &tx, QString *txError) {
                         DataScope scope;
                         return DataScope::resolve(tx, org.zjmgr, &scope, txError)
                                 && late.decide(tx, org.zjmgr, scope, newId(),
                                                { { "request_id", decided },
                                                  { "expected_step", 1 },
                                                  { "decision", "approve" } },
                                                &requestId, &refusal, txError);
                     },
                     &error),
             qPrintable(error));
    QVERIFY2(!refusal, qPrintable(refusal ? refusal->message : QString()));
    QCOMPARE(storedRequest(db, decided).value("status").toString(), QString("approved"));
    QCOMPARE(auditActions(db, decided),
             (QStringList{ "approval.request", "approval.escalate", "approval.decide" }));
    QCOMPARE(scalar(db, "SELECT status FROM customers WHERE id = ?", { org.merchant }).toString(),
             QString("active"));
}

void TestApprovalEscalation::periodicCheckEscalates()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    Database &db = fixture.database();
    SyncService sync(db);
    const QString request = ask(sync, org);
    const ApprovalService late(later(25));
    ApprovalEscalator escalator(db, late, std::chrono::milliseconds(20));
    escalator.start();
    QTRY_COMPARE(escalator.escalated(), 1);
    escalator.stop();
    escalator.stop();
    QCOMPARE(approversOf(db, request, 1).last(), org.zjmgr.userId + "/escalation");
}

void TestApprovalEscalation::requestsAndDecisionsPokeClients()
{
    SERVER_FIXTURE(fixture);
    ApprovalOrg org;
    QString error;
    QVERIFY2(makeApprovalOrg(fixture.database(), &org, &error), qPrintable(error));
    Database &db = fixture.database();
    SyncService sync(db);
    std::atomic<qint64> announced{ 0 };
    SyncNotifier notifier(
            db, [&announced](qint64 head) { announced = head; }, std::chrono::milliseconds(20));
    notifier.start();
    const QString request = ask(sync, org);
    const qint64 afterRequest = scalar(db, "SELECT last_seq FROM sync_state").toLongLong();
    QTRY_COMPARE(announced.load(), afterRequest);
    // The approver's device, poked, pulls the request waiting for them.
    Device xmgr(sync, org.xmgr);
    QVERIFY(xmgr.pullAll()["approval_requests"].contains(request));
    QCOMPARE(xmgr.decide(request, 1, "approve").outcome, sync::Outcome::Applied);
    const qint64 afterDecision = scalar(db, "SELECT last_seq FROM sync_state").toLongLong();
    QVERIFY(afterDecision > afterRequest);
    QTRY_COMPARE(announced.load(), afterDecision);
    // The requester's device, poked, pulls the decision on their request and its effect.
    Device rep(sync, org.rep);
    const auto pulled = rep.pullAll();
    QCOMPARE(pulled["approval_requests"][request].value("status").toString(), QString("approved"));
    QCOMPARE(pulled["approval_decisions"].size(), 1);
    QCOMPARE(pulled["customers"][org.merchant].value("fee_rate_debit").toInt(), 3800);
    notifier.stop();
}

QTEST_GUILESS_MAIN(TestApprovalEscalation)
#include "tst_approvalescalation.moc"
