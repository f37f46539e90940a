// SPDX-License-Identifier: GPL-3.0-or-later
// Decisions against a request, as the server re-checks them on arrival (no SQL): or-sign
// and countersign steps, reject and return, delegation that gives no more than the
// delegator had, separation of duties, an approver who lost the role, and requests that
// were withdrawn or finished before the decision arrived.
#include "FlowTestOrg.h"
#include "approvals/DecisionRules.h"

using namespace branchline;
using namespace branchline::server;
using namespace branchline::server::test;

namespace {

const QDateTime t0 = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);

// Branch managers (or-sign), then the two risk officers (countersign).
const char *const twoSteps = R"({"name": {"en": "Fees", "zh_CN": "费率"},
    "record": "customers", "effect": "set_fee_rates",
    "steps": [
      {"key": "branch", "name": {"en": "Branch", "zh_CN": "支行"}, "mode": "any",
       "approvers": [{"rule": "role", "role": "branch_manager", "from": "own"}]},
      {"key": "risk", "name": {"en": "Risk", "zh_CN": "风控"}, "mode": "all",
       "approvers": [{"rule": "role", "role": "risk_officer", "from": "anywhere"}],
       "due_hours": 8, "escalate": {"to": "user", "user": "hqmgr"}}
    ]})";

DecisionInput decision(const QString &who, const QString &what, int step,
                       const QString &comment = QString(), const QString &delegateTo = QString())
{
    return DecisionInput{ who, what, step, delegateTo, comment };
}

} // namespace

class TestFlowDecisions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void orSignEndsAtTheFirstApproval();
    void countersignNeedsEveryApprover();
    void rejectAndReturnEndTheRequest();
    void nobodyDecidesTheirOwnRequest();
    void onlyApproversOfTheStepDecide();
    void delegationGivesNoMoreThanTheDelegatorHad();
    void approverWhoLostTheRoleIsRefused();
    void withdrawnOrFinishedRequestsTakeNoDecision();
    void escalatedApproverDecidesForTheLateOnes();

private:
    Verdict decide(const DecisionInput &input, int minutes = 1)
    {
        return m_rules->apply(m_request, input, t0.addSecs(60 * minutes));
    }
    // The refusal leaves the request exactly as it was.
    void refused(const DecisionInput &input, const QString &code, const QString &says = QString())
    {
        const RequestState before = m_request;
        const Verdict verdict = decide(input);
        QVERIFY(!verdict.accepted);
        QCOMPARE(verdict.code, code);
        QVERIFY2(verdict.message.contains(says), qPrintable(verdict.message));
        QCOMPARE(m_request.status, before.status);
        QCOMPARE(m_request.currentStep, before.currentStep);
        for (int i = 0; i < before.steps.size(); ++i) {
            QCOMPARE(m_request.steps[i].state, before.steps[i].state);
            QCOMPARE(StepState::approversToJson(m_request.steps[i].approvers),
                     StepState::approversToJson(before.steps[i].approvers));
        }
    }

    MemoryDirectory m_directory;
    std::unique_ptr<FlowEngine> m_engine;
    std::unique_ptr<DecisionRules> m_rules;
    RequestState m_request;
};

void TestFlowDecisions::init()
{
    m_directory = MemoryDirectory();
    makeFlowOrg(m_directory);
    m_engine = std::make_unique<FlowEngine>(m_directory);
    m_rules = std::make_unique<DecisionRules>(*m_engine, m_directory);
    m_request = RequestState();
    m_request.id = "req";
    m_request.requesterId = "rep";
    m_request.branchId = "xihu";
    const Resolution resolution =
            m_engine->resolve(flowFrom(twoSteps), "rep", "xihu", RequestFacts{}, 1, 1);
    QVERIFY2(resolution.code.isEmpty(), qPrintable(resolution.message));
    m_request.steps = resolution.steps;
    FlowEngine::start(m_request.steps[0], t0);
    m_request.currentStep = 1;
}

void TestFlowDecisions::orSignEndsAtTheFirstApproval()
{
    const Verdict first = decide(decision("xmgr", "approve", 1));
    QVERIFY2(first.accepted, qPrintable(first.message));
    QVERIFY(!first.approved);
    QCOMPARE(m_request.steps[0].state, QString("approved"));
    QCOMPARE(m_request.currentStep, 2);
    QCOMPARE(m_request.steps[1].state, QString("pending"));
    QCOMPARE(m_request.steps[1].dueAt, t0.addSecs(60 + 8 * 3600));
    QCOMPARE(first.newAudience, (QStringList{ "risk", "risk2" }));
    // The co-approver decided offline on the same step: told exactly who was first.
    refused(decision("xmgr2", "approve", 1), "already_decided", "XMGR already approved");
    refused(decision("xmgr2", "reject", 1, "too low"), "already_decided", "XMGR already approved");
    // The one who approved, deciding again from another device.
    refused(decision("xmgr", "approve", 1), "already_decided_by_you");
}

void TestFlowDecisions::countersignNeedsEveryApprover()
{
    QVERIFY(decide(decision("xmgr", "approve", 1)).accepted);
    const Verdict one = decide(decision("risk", "approve", 2));
    QVERIFY(one.accepted);
    QVERIFY(!one.approved);
    QCOMPARE(m_request.steps[1].state, QString("pending"));
    QCOMPARE(m_request.steps[1].openHolders(), QStringList{ "risk2" });
    refused(decision("risk", "approve", 2), "already_decided_by_you");
    const Verdict both = decide(decision("risk2", "approve", 2));
    QVERIFY(both.accepted);
    QVERIFY(both.approved);
    QCOMPARE(m_request.status, QString("approved"));
    QCOMPARE(m_request.currentStep, 0);
    QCOMPARE(m_request.steps[1].state, QString("approved"));
    QVERIFY(m_request.decidedAt.isValid());
}

void TestFlowDecisions::rejectAndReturnEndTheRequest()
{
    refused(decision("xmgr", "reject", 1, "   "), "comment_required");
    refused(decision("xmgr", "return", 1), "comment_required");
    RequestState start = m_request;
    // A reject by one countersigner ends it.
    QVERIFY(decide(decision("xmgr", "approve", 1)).accepted);
    const Verdict rejected = decide(decision("risk2", "reject", 2, "Sanctions hit"));
    QVERIFY(rejected.accepted);
    QCOMPARE(m_request.status, QString("rejected"));
    QCOMPARE(m_request.steps[1].state, QString("rejected"));
    // Told who ended it, when they were an approver of that step; otherwise that it ended.
    refused(decision("risk", "approve", 2), "already_decided", "RISK2 already rejected");
    refused(decision("xmgr2", "approve", 1), "request_finished", "already rejected");

    m_request = start;
    QVERIFY(decide(decision("xmgr2", "return", 1, "Attach the contract")).accepted);
    QCOMPARE(m_request.status, QString("returned"));
    QCOMPARE(m_request.currentStep, 0);
    QCOMPARE(m_request.steps[0].state, QString("returned"));
    QCOMPARE(m_request.steps[1].state, QString("cancelled"));
    refused(decision("xmgr", "approve", 1), "already_decided",
            "XMGR2 already returned this request");
    refused(decision("risk", "approve", 2), "request_returned", "returned to the requester");
}

void TestFlowDecisions::nobodyDecidesTheirOwnRequest()
{
    // Even were the requester among the approvers (a flow edited by hand), they decide
    // nothing of their own request.
    m_request.steps[0].approvers.append(ApproverSlot{ "rep", "user", "", "", "rep", "", "", "" });
    refused(decision("rep", "approve", 1), "own_request", "their own request");
    refused(decision("rep", "delegate", 1, QString(), "zjmgr"), "own_request");
    // Delegating to the requester is refused as well.
    refused(decision("xmgr", "delegate", 1, QString(), "rep"), "bad_delegate");
    // The requester withdraws; nobody else may.
    refused(decision("xmgr", "withdraw", 1), "not_requester");
    QVERIFY(decide(decision("rep", "withdraw", 0)).accepted);
    QCOMPARE(m_request.status, QString("withdrawn"));
}

void TestFlowDecisions::onlyApproversOfTheStepDecide()
{
    refused(decision("risk", "approve", 1), "not_approver");
    refused(decision("zjmgr", "approve", 1), "not_approver");
    refused(decision("xmgr", "approve", 2), "not_approver");
    refused(decision("xmgr", "approve", 7), "step_unknown", "no step 7");
    refused(decision("xmgr", "sign", 1), "bad_decision");
}

void TestFlowDecisions::delegationGivesNoMoreThanTheDelegatorHad()
{
    refused(decision("xmgr", "delegate", 1, QString(), "xmgr2"), "delegate_already_approver",
            "XMGR2 is already");
    refused(decision("xmgr", "delegate", 1, QString(), "nbmgr"), "bad_delegate");
    refused(decision("xmgr", "delegate", 1, QString(), "xmgr"), "bad_delegate");
    const Verdict delegated = decide(decision("xmgr", "delegate", 1, "away", "njrep"));
    QVERIFY(delegated.accepted);
    QCOMPARE(delegated.newAudience, QStringList{ "njrep" });
    QCOMPARE(m_request.currentStep, 1);
    QCOMPARE(m_request.steps[0].approvers[0].holderId, QString("njrep"));
    // The delegator has handed the place over.
    refused(decision("xmgr", "approve", 1), "delegated", "delegated this step to NJREP");
    // The delegate has this one place on this one step: not the next step.
    const RequestState delegatedState = m_request;
    QVERIFY(decide(decision("xmgr2", "approve", 1)).accepted);
    refused(decision("njrep", "approve", 2), "not_approver");
    refused(decision("njrep", "approve", 1), "already_decided", "XMGR2 already approved");

    // The delegator demoted: the delegate's right ends with theirs.
    m_request = delegatedState;
    m_directory.user("xmgr", true).role = Role::SalesRep;
    refused(decision("njrep", "approve", 1), "approver_lost_right", "XMGR, who delegated");
    m_directory.user("xmgr", true).role = Role::BranchManager;
    const Verdict approved = decide(decision("njrep", "approve", 1));
    QVERIFY(approved.accepted);
    QCOMPARE(approved.onBehalfOf, QString("xmgr"));
    QCOMPARE(m_request.steps[0].approvers[0].decidedBy, QString("njrep"));
    QCOMPARE(m_request.steps[0].approvers[0].userId, QString("xmgr"));
}

void TestFlowDecisions::approverWhoLostTheRoleIsRefused()
{
    m_directory.user("xmgr", true).role = Role::SalesRep;
    refused(decision("xmgr", "approve", 1), "approver_lost_right", "no longer an approver");
    m_directory.user("xmgr", true).role = Role::BranchManager;
    m_directory.user("xmgr", true).branchId = "ningbo";
    refused(decision("xmgr", "approve", 1), "approver_lost_right");
    m_directory.user("xmgr", true).branchId = "xihu";
    m_directory.user("xmgr", true).active = false;
    refused(decision("xmgr", "approve", 1), "approver_lost_right");
    // The co-approver still may.
    QVERIFY(decide(decision("xmgr2", "approve", 1)).accepted);
}

void TestFlowDecisions::withdrawnOrFinishedRequestsTakeNoDecision()
{
    QVERIFY(decide(decision("rep", "withdraw", 0)).accepted);
    QCOMPARE(m_request.steps[0].state, QString("cancelled"));
    QCOMPARE(m_request.steps[1].state, QString("cancelled"));
    refused(decision("xmgr", "approve", 1), "request_withdrawn", "withdrew this request");
    refused(decision("rep", "withdraw", 0), "request_withdrawn");
    // A returned request may still be withdrawn.
    init();
    QVERIFY(decide(decision("xmgr", "return", 1, "more")).accepted);
    QVERIFY(decide(decision("rep", "withdraw", 0)).accepted);
    // An approved one may not.
    init();
    QVERIFY(decide(decision("xmgr", "approve", 1)).accepted);
    QVERIFY(decide(decision("risk", "approve", 2)).accepted);
    QVERIFY(decide(decision("risk2", "approve", 2)).accepted);
    refused(decision("rep", "withdraw", 0), "request_finished", "already approved");
    refused(decision("risk2", "approve", 2), "already_decided_by_you");
    refused(decision("xmgr2", "approve", 2), "request_finished", "already approved");
}

void TestFlowDecisions::escalatedApproverDecidesForTheLateOnes()
{
    QVERIFY(decide(decision("xmgr", "approve", 1)).accepted);
    QVERIFY(decide(decision("risk", "approve", 2)).accepted);
    // risk2 lets the countersign step run late: hqmgr is brought in and decides for them.
    QCOMPARE(m_engine->escalate(m_request, t0.addSecs(9 * 3600)), QStringList{ "hqmgr" });
    const Verdict verdict = decide(decision("hqmgr", "approve", 2), 9 * 60 + 1);
    QVERIFY(verdict.accepted);
    QVERIFY(verdict.approved);
    QCOMPARE(m_request.status, QString("approved"));
    refused(decision("risk2", "approve", 2), "already_decided", "HQMGR already approved");
}

QTEST_GUILESS_MAIN(TestFlowDecisions)
#include "tst_flowdecisions.moc"
