// SPDX-License-Identifier: GPL-3.0-or-later
// The flow engine alone (no SQL): flow definitions and their refusals, conditions that add
// and skip steps, approvers by rule (role up the branch tree, manager, named users, a
// record field), nobody approving their own request, and escalation past the due time.
#include "FlowTestOrg.h"
#include "approvals/FlowEngine.h"

#include <QJsonArray>

using namespace branchline;
using namespace branchline::server;
using namespace branchline::server::test;

namespace {

const QDateTime t0 = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);

// One step approved by `rule`, nothing else.
FlowDefinition oneStep(const QString &rule)
{
    const QByteArray json = QStringLiteral(R"({"name": {"en": "One", "zh_CN": "一"},
        "record": "customers", "effect": "set_fee_rates",
        "steps": [{"key": "s", "name": {"en": "S", "zh_CN": "步"}, "approvers": [%1]}]})")
                                    .arg(rule)
                                    .toUtf8();
    return flowFrom(json.constData());
}

QStringList approversOf(const StepState &step)
{
    QStringList ids;
    for (const ApproverSlot &slot : step.approvers)
        ids << slot.userId;
    return ids;
}

// Credit approval with amount tiers, like the built-in flow.
const char *const tiered = R"({"name": {"en": "Credit", "zh_CN": "授信"},
    "record": "customers", "effect": "set_credit_limit",
    "steps": [
      {"key": "branch", "name": {"en": "Branch", "zh_CN": "支行"},
       "approvers": [{"rule": "role", "role": "branch_manager", "from": "own"}],
       "due_hours": 24, "escalate": {"to": "parent_role", "role": "branch_manager"}},
      {"key": "region", "name": {"en": "Region", "zh_CN": "分行"},
       "approvers": [{"rule": "role", "role": "branch_manager", "from": "region"}],
       "when": {"fact": "proposed.credit_limit_fen", "op": "gt", "value": 5000000}},
      {"key": "committee", "name": {"en": "Committee", "zh_CN": "贷审会"}, "mode": "all",
       "approvers": [{"rule": "role", "role": "risk_officer", "from": "anywhere"},
                     {"rule": "role", "role": "branch_manager", "from": "head_office"}],
       "when": {"fact": "proposed.credit_limit_fen", "op": "gt", "value": 50000000},
       "skip_if": {"fact": "record.risk_level", "op": "eq", "value": "prohibited"}}
    ]})";

} // namespace

class TestFlowEngine : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_directory = MemoryDirectory();
        makeFlowOrg(m_directory);
    }

    void definitionRoundTrips();
    void definitionRefusals_data();
    void definitionRefusals();
    void conditions_data();
    void conditions();
    void conditionsAddAndSkipSteps_data();
    void conditionsAddAndSkipSteps();
    void roleRuleWalksUpPastTheRequester();
    void managerRule();
    void namedUsersAndRecordField();
    void nobodyToDecideIsRefused();
    void escalationGoesUpWhenDue();
    void escalationToANamedUser();

private:
    MemoryDirectory m_directory;
};

void TestFlowEngine::definitionRoundTrips()
{
    const FlowDefinition flow = flowFrom(tiered, "credit_approval", 3);
    QCOMPARE(flow.code, QString("credit_approval"));
    QCOMPARE(flow.version, 3);
    QCOMPARE(flow.effect, FlowEffect::SetCreditLimit);
    QCOMPARE(flow.steps.size(), 3);
    QVERIFY(flow.steps[2].countersign);
    QCOMPARE(flow.steps[0].escalation.kind, Escalation::Kind::ParentRole);
    QString problem;
    const auto again = FlowDefinition::fromJson(flow.toJson(), flow.code, 3, &problem);
    QVERIFY2(again, qPrintable(problem));
    QCOMPARE(again->toJson(), flow.toJson());
}

void TestFlowEngine::definitionRefusals_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("says");
    const QByteArray head = R"({"name": {"en": "F", "zh_CN": "流"}, "record": "customers",
        "effect": "set_fee_rates", "steps": )";
    const QByteArray step = R"({"key": "s", "name": {"en": "S", "zh_CN": "步"},
        "approvers": [{"rule": "manager"}])";
    QTest::newRow("no name") << QByteArray(R"({"record": "customers", "effect": "set_fee_rates",
        "steps": []})") << "name in English and in Chinese";
    QTest::newRow("other record") << QByteArray(R"({"name": {"en": "F", "zh_CN": "流"},
        "record": "leads", "effect": "set_fee_rates", "steps": []})")
                                  << "about customers";
    QTest::newRow("unknown effect") << QByteArray(R"({"name": {"en": "F", "zh_CN": "流"},
        "record": "customers", "effect": "print_money", "steps": []})")
                                    << "\"effect\" is one of";
    QTest::newRow("no steps") << head + "[]}"
                              << "from 1 to 20 steps";
    QTest::newRow("same key twice") << head + "[" + step + "}, " + step + "}]}"
                                    << "its own key";
    QTest::newRow("bad mode") << head + "[" + step + R"(, "mode": "most"}]})"
                              << "\"mode\" is any";
    QTest::newRow("no approvers") << head + R"([{"key": "s", "name": {"en": "S", "zh_CN": "步"},
        "approvers": []}]})"
                                  << "at least one approver rule";
    QTest::newRow("unknown role") << head + R"([{"key": "s", "name": {"en": "S", "zh_CN": "步"},
        "approvers": [{"rule": "role", "role": "boss"}]}]})"
                                  << "\"boss\" is not a role";
    QTest::newRow("escalation without due")
            << head + "[" + step + R"(, "escalate": {"to": "user", "user": "x"}}]})"
            << "needs a due time";
    QTest::newRow("fractional due") << head + "[" + step + R"(, "due_hours": 1.5}]})"
                                    << "\"due_hours\" is a whole number";
    QTest::newRow("bad fact") << head + "[" + step
                    + R"(, "when": {"fact": "secret.x", "op": "eq", "value": 1}}]})"
                              << "a comparison has \"fact\"";
    QTest::newRow("bad op") << head + "[" + step
                    + R"(, "when": {"fact": "record.x", "op": "like", "value": 1}}]})"
                            << "\"like\" is not a comparison";
    QTest::newRow("gt a string") << head + "[" + step
                    + R"(, "when": {"fact": "record.x", "op": "gt", "value": "1"}}]})"
                                 << "a number for gt";
    QTest::newRow("in a number") << head + "[" + step
                    + R"(, "when": {"fact": "record.x", "op": "in", "value": 1}}]})"
                                 << "a list for in";
    QTest::newRow("empty any") << head + "[" + step + R"(, "when": {"any": []}}]})"
                               << "non-empty list";
}

void TestFlowEngine::definitionRefusals()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, says);
    QString problem;
    const QJsonDocument document = QJsonDocument::fromJson(json);
    QVERIFY(document.isObject());
    QVERIFY(!FlowDefinition::fromJson(document.object(), "flow", 1, &problem));
    QVERIFY2(problem.contains(says), qPrintable(problem));
    QVERIFY(!FlowDefinition::fromJson(document.object(), "Bad Code", 1, &problem));
}

void TestFlowEngine::conditions_data()
{
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<bool>("holds");
    // The facts: a high-risk merchant with MCC 7995, credit limit 100 yuan, proposed 300.
    QTest::newRow("eq") << QByteArray(R"({"fact": "record.risk_level", "op": "eq",
        "value": "high"})")
                        << true;
    QTest::newRow("ne") << QByteArray(R"({"fact": "record.risk_level", "op": "ne",
        "value": "high"})")
                        << false;
    QTest::newRow("in list") << QByteArray(R"({"fact": "record.mcc", "op": "in",
        "value": ["7995", "5933"]})")
                             << true;
    QTest::newRow("not in list") << QByteArray(R"({"fact": "record.mcc", "op": "not_in",
        "value": ["5812"]})") << true;
    QTest::newRow("gt") << QByteArray(R"({"fact": "proposed.credit_limit_fen", "op": "gt",
        "value": 29999})")
                        << true;
    QTest::newRow("gt at the threshold") << QByteArray(R"({"fact": "proposed.credit_limit_fen",
        "op": "gt", "value": 30000})") << false;
    QTest::newRow("gte at the threshold") << QByteArray(R"({"fact": "proposed.credit_limit_fen",
        "op": "gte", "value": 30000})") << true;
    QTest::newRow("delta") << QByteArray(R"({"fact": "delta.credit_limit_fen", "op": "eq",
        "value": 20000})") << true;
    QTest::newRow("missing is never over") << QByteArray(R"({"fact": "proposed.fee_rate_qr",
        "op": "gt", "value": -1})") << false;
    QTest::newRow("missing is never under") << QByteArray(R"({"fact": "proposed.fee_rate_qr",
        "op": "lt", "value": 1000000})") << false;
    QTest::newRow("a string is not a number") << QByteArray(R"({"fact": "record.mcc", "op": "gt",
        "value": 1})") << false;
    QTest::newRow("all") << QByteArray(R"({"all": [
        {"fact": "record.risk_level", "op": "eq", "value": "high"},
        {"fact": "record.mcc", "op": "eq", "value": "5812"}]})")
                         << false;
    QTest::newRow("any") << QByteArray(R"({"any": [
        {"fact": "record.risk_level", "op": "eq", "value": "low"},
        {"fact": "record.mcc", "op": "eq", "value": "7995"}]})")
                         << true;
    QTest::newRow("not") << QByteArray(R"({"not": {"fact": "record.mcc", "op": "eq",
        "value": "7995"}})")
                         << false;
}

void TestFlowEngine::conditions()
{
    QFETCH(QByteArray, condition);
    QFETCH(bool, holds);
    QString problem;
    const auto parsed =
            FlowCondition::fromJson(QJsonDocument::fromJson(condition).object(), "test", &problem);
    QVERIFY2(parsed, qPrintable(problem));
    const RequestFacts facts{
        { { "risk_level", "high" }, { "mcc", "7995" }, { "credit_limit_fen", 10000 } },
        { { "credit_limit_fen", 30000 } }
    };
    QCOMPARE(parsed->holds(facts), holds);
    QCOMPARE(FlowCondition::fromJson(parsed->toJson(), "test", &problem)->holds(facts), holds);
}

void TestFlowEngine::conditionsAddAndSkipSteps_data()
{
    QTest::addColumn<qint64>("amountFen");
    QTest::addColumn<QString>("risk");
    QTest::addColumn<QStringList>("steps");
    QTest::newRow("small") << qint64(3000000) << "low" << QStringList{ "branch" };
    QTest::newRow("middle") << qint64(30000000) << "low" << QStringList{ "branch", "region" };
    QTest::newRow("large") << qint64(90000000) << "low"
                           << QStringList{ "branch", "region", "committee" };
    QTest::newRow("large, skipped")
            << qint64(90000000) << "prohibited" << QStringList{ "branch", "region" };
}

void TestFlowEngine::conditionsAddAndSkipSteps()
{
    QFETCH(qint64, amountFen);
    QFETCH(QString, risk);
    QFETCH(QStringList, steps);
    const FlowEngine engine(m_directory);
    const Resolution resolution =
            engine.resolve(flowFrom(tiered), "rep", "xihu",
                           RequestFacts{ { { "risk_level", risk } },
                                         { { "credit_limit_fen", double(amountFen) } } },
                           1, 1);
    QVERIFY2(resolution.code.isEmpty(), qPrintable(resolution.message));
    QStringList keys;
    for (const StepState &step : resolution.steps) {
        keys << step.key;
        QCOMPARE(step.position, int(keys.size()));
        QCOMPARE(step.state, QString("waiting"));
    }
    QCOMPARE(keys, steps);
    QCOMPARE(approversOf(resolution.steps[0]), (QStringList{ "xmgr", "xmgr2" }));
    QCOMPARE(resolution.steps[0].anchorBranchId, QString("xihu"));
    if (steps.size() > 1)
        QCOMPARE(approversOf(resolution.steps[1]), QStringList{ "zjmgr" });
    if (steps.size() > 2) {
        QVERIFY(resolution.steps[2].countersign);
        QCOMPARE(approversOf(resolution.steps[2]), (QStringList{ "risk", "risk2", "hqmgr" }));
    }
}

void TestFlowEngine::roleRuleWalksUpPastTheRequester()
{
    const FlowEngine engine(m_directory);
    const FlowDefinition flow =
            oneStep(R"({"rule": "role", "role": "branch_manager", "from": "own"})");
    // Ningbo's manager is disabled: the region's manager decides.
    Resolution resolution = engine.resolve(flow, "nbrep", "ningbo", {}, 1, 1);
    QCOMPARE(approversOf(resolution.steps[0]), QStringList{ "zjmgr" });
    QCOMPARE(resolution.steps[0].anchorBranchId, QString("zj"));
    // A branch manager asking: their co-manager decides, never they themselves.
    resolution = engine.resolve(flow, "xmgr", "xihu", {}, 1, 1);
    QCOMPARE(approversOf(resolution.steps[0]), QStringList{ "xmgr2" });
    m_directory.user("xmgr2", true).active = false;
    resolution = engine.resolve(flow, "xmgr", "xihu", {}, 1, 1);
    QCOMPARE(approversOf(resolution.steps[0]), QStringList{ "zjmgr" });
    // Parent and head office start further up.
    resolution = engine.resolve(
            oneStep(R"({"rule": "role", "role": "branch_manager", "from": "parent"})"), "rep",
            "xihu", {}, 1, 1);
    QCOMPARE(approversOf(resolution.steps[0]), QStringList{ "zjmgr" });
    resolution = engine.resolve(
            oneStep(R"({"rule": "role", "role": "branch_manager", "from": "head_office"})"), "rep",
            "xihu", {}, 1, 1);
    QCOMPARE(approversOf(resolution.steps[0]), QStringList{ "hqmgr" });
    // A region without a manager of its own: the head office's.
    resolution = engine.resolve(
            oneStep(R"({"rule": "role", "role": "branch_manager", "from": "region"})"), "njrep",
            "nanjing", {}, 1, 1);
    QCOMPARE(approversOf(resolution.steps[0]), QStringList{ "hqmgr" });
    // Anywhere: every holder but the requester.
    resolution = engine.resolve(
            oneStep(R"({"rule": "role", "role": "risk_officer", "from": "anywhere"})"), "risk",
            "hq", {}, 1, 1);
    QCOMPARE(approversOf(resolution.steps[0]), QStringList{ "risk2" });
    QCOMPARE(resolution.steps[0].approvers[0].via, QString("role"));
    QCOMPARE(resolution.steps[0].approvers[0].role, QString("risk_officer"));
}

void TestFlowEngine::managerRule()
{
    const FlowEngine engine(m_directory);
    const FlowDefinition flow = oneStep(R"({"rule": "manager"})");
    // rep2's manager is set on the user.
    Resolution resolution = engine.resolve(flow, "rep2", "xihu", {}, 1, 1);
    QCOMPARE(approversOf(resolution.steps[0]), QStringList{ "xmgr" });
    QCOMPARE(resolution.steps[0].approvers[0].via, QString("manager"));
    // rep has none: the branch's managers.
    resolution = engine.resolve(flow, "rep", "xihu", {}, 1, 1);
    QCOMPARE(approversOf(resolution.steps[0]), (QStringList{ "xmgr", "xmgr2" }));
    // A set manager who was disabled does not decide: the branch's managers do.
    m_directory.user("xmgr", true).active = false;
    resolution = engine.resolve(flow, "rep2", "xihu", {}, 1, 1);
    QCOMPARE(approversOf(resolution.steps[0]), QStringList{ "xmgr2" });
}

void TestFlowEngine::namedUsersAndRecordField()
{
    const FlowEngine engine(m_directory);
    Resolution resolution =
            engine.resolve(oneStep(R"({"rule": "users", "users": ["risk", "rep", "nbmgr", "ghost"]},
                       {"rule": "record_field", "field": "owner_id"})"),
                           "rep", "xihu", RequestFacts{ { { "owner_id", "nbrep" } }, {} }, 1, 1);
    // The requester, a disabled user and an unknown id are left out; duplicates once.
    QCOMPARE(approversOf(resolution.steps[0]), (QStringList{ "risk", "nbrep" }));
    QCOMPARE(resolution.steps[0].approvers[1].via, QString("record_field"));
    QVERIFY(resolution.steps[0].approvers[0].role.isEmpty());
}

void TestFlowEngine::nobodyToDecideIsRefused()
{
    const FlowEngine engine(m_directory);
    const Resolution resolution = engine.resolve(
            oneStep(R"({"rule": "users", "users": ["rep", "nbmgr"]})"), "rep", "xihu", {}, 1, 1);
    QCOMPARE(resolution.code, QString("no_approver"));
    QVERIFY(resolution.steps.isEmpty());
    QVERIFY2(resolution.message.contains("\"S\""), qPrintable(resolution.message));
}

void TestFlowEngine::escalationGoesUpWhenDue()
{
    const FlowEngine engine(m_directory);
    RequestState request;
    request.requesterId = "rep";
    request.branchId = "xihu";
    request.steps = engine.resolve(flowFrom(tiered), "rep", "xihu",
                                   RequestFacts{ {}, { { "credit_limit_fen", 100 } } }, 1, 1)
                            .steps;
    FlowEngine::start(request.steps[0], t0);
    request.currentStep = 1;
    QCOMPARE(request.steps[0].dueAt, t0.addSecs(24 * 3600));
    QVERIFY(engine.escalate(request, t0.addSecs(23 * 3600)).isEmpty());
    QCOMPARE(request.steps[0].escalations, 0);

    QCOMPARE(engine.escalate(request, t0.addSecs(25 * 3600)), QStringList{ "zjmgr" });
    StepState &step = request.steps[0];
    QCOMPARE(step.escalations, 1);
    QCOMPARE(step.approvers.last().via, QString("escalation"));
    QCOMPARE(step.anchorBranchId, QString("zj"));
    QCOMPARE(step.dueAt, t0.addSecs(49 * 3600));
    QVERIFY(step.openHolders().contains("zjmgr"));
    // Next time one level further up; never twice the same person.
    QCOMPARE(engine.escalate(request, t0.addSecs(50 * 3600)), QStringList{ "hqmgr" });
    QVERIFY(engine.escalate(request, t0.addSecs(80 * 3600)).isEmpty());
    QCOMPARE(request.steps[0].escalations, 3);
    // A step that is not pending does not escalate.
    request.steps[0].state = "approved";
    QVERIFY(engine.escalate(request, t0.addSecs(200 * 3600)).isEmpty());
    QCOMPARE(request.steps[0].escalations, 3);
}

void TestFlowEngine::escalationToANamedUser()
{
    const FlowEngine engine(m_directory);
    const FlowDefinition flow = flowFrom(R"({"name": {"en": "F", "zh_CN": "流"},
        "record": "customers", "effect": "terminate_merchant",
        "steps": [{"key": "s", "name": {"en": "S", "zh_CN": "步"},
                   "approvers": [{"rule": "manager"}], "due_hours": 2,
                   "escalate": {"to": "user", "user": "risk"}}]})");
    RequestState request;
    request.requesterId = "rep";
    request.steps = engine.resolve(flow, "rep", "xihu", {}, 1, 1).steps;
    FlowEngine::start(request.steps[0], t0);
    request.currentStep = 1;
    QCOMPARE(engine.escalate(request, t0.addSecs(3 * 3600)), QStringList{ "risk" });
    QVERIFY(engine.escalate(request, t0.addSecs(6 * 3600)).isEmpty());
    // Escalation to the requester is no escalation.
    request.requesterId = "risk";
    request.steps = engine.resolve(flow, "risk", "hq", {}, 1, 1).steps;
    FlowEngine::start(request.steps[0], t0);
    QVERIFY(engine.escalate(request, t0.addSecs(3 * 3600)).isEmpty());
}

QTEST_GUILESS_MAIN(TestFlowEngine)
#include "tst_flowengine.moc"
