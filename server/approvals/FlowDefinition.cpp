// SPDX-License-Identifier: GPL-3.0-or-later
#include "FlowDefinition.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <array>

namespace branchline::server {

namespace {

struct EffectName
{
    FlowEffect effect;
    const char *code;
};

constexpr std::array<EffectName, 6> effectNames{
    { { FlowEffect::ActivateMerchant, "activate_merchant" },
      { FlowEffect::SetFeeRates, "set_fee_rates" },
      { FlowEffect::SetCreditLimit, "set_credit_limit" },
      { FlowEffect::RaiseCreditLimit, "raise_credit_limit" },
      { FlowEffect::TerminateMerchant, "terminate_merchant" },
      { FlowEffect::KycException, "kyc_exception" } }
};

struct StartName
{
    ApproverRule::Start start;
    const char *code;
};

constexpr std::array<StartName, 5> startNames{ { { ApproverRule::Start::Own, "own" },
                                                 { ApproverRule::Start::Parent, "parent" },
                                                 { ApproverRule::Start::Region, "region" },
                                                 { ApproverRule::Start::HeadOffice, "head_office" },
                                                 { ApproverRule::Start::Anywhere, "anywhere" } } };

QString startCode(ApproverRule::Start start)
{
    for (const StartName &entry : startNames)
        if (entry.start == start)
            return QString::fromLatin1(entry.code);
    return QString();
}

bool isKey(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9_]{0,63}$"));
    return pattern.match(text).hasMatch();
}

// {"en": "...", "zh_CN": "..."}: both languages, since the inbox shows the step's name.
bool readNames(const QJsonValue &json, QString *en, QString *zh)
{
    const QJsonObject names = json.toObject();
    *en = names.value(QStringLiteral("en")).toString().trimmed();
    *zh = names.value(QStringLiteral("zh_CN")).toString().trimmed();
    return !en->isEmpty() && !zh->isEmpty() && en->size() <= 200 && zh->size() <= 200;
}

QJsonObject names(const QString &en, const QString &zh)
{
    return { { QStringLiteral("en"), en }, { QStringLiteral("zh_CN"), zh } };
}

std::optional<ApproverRule> readRule(const QJsonValue &json, const QString &where, QString *problem)
{
    const QJsonObject object = json.toObject();
    const QString kind = object.value(QStringLiteral("rule")).toString();
    ApproverRule rule;
    if (kind == QLatin1String("role")) {
        rule.kind = ApproverRule::Kind::Role;
        const std::optional<Role> role =
                roleFromCode(object.value(QStringLiteral("role")).toString());
        if (!role) {
            *problem = FlowDefinition::tr("%1: \"%2\" is not a role.")
                               .arg(where, object.value(QStringLiteral("role")).toString());
            return std::nullopt;
        }
        rule.role = *role;
        const QString start = object.value(QStringLiteral("from")).toString(QStringLiteral("own"));
        bool known = false;
        for (const StartName &entry : startNames) {
            if (start == QLatin1String(entry.code)) {
                rule.start = entry.start;
                known = true;
            }
        }
        if (!known) {
            *problem = FlowDefinition::tr("%1: \"from\" is own, parent, region, head_office or "
                                          "anywhere.")
                               .arg(where);
            return std::nullopt;
        }
    } else if (kind == QLatin1String("manager")) {
        rule.kind = ApproverRule::Kind::Manager;
    } else if (kind == QLatin1String("users")) {
        rule.kind = ApproverRule::Kind::Users;
        for (const QJsonValue &user : object.value(QStringLiteral("users")).toArray())
            if (!user.toString().isEmpty())
                rule.userIds << user.toString();
        if (rule.userIds.isEmpty()
            || rule.userIds.size() != object.value(QStringLiteral("users")).toArray().size()) {
            *problem = FlowDefinition::tr("%1: \"users\" lists user ids.").arg(where);
            return std::nullopt;
        }
    } else if (kind == QLatin1String("record_field")) {
        rule.kind = ApproverRule::Kind::RecordField;
        rule.field = object.value(QStringLiteral("field")).toString();
        if (!isKey(rule.field)) {
            *problem = FlowDefinition::tr("%1: \"field\" names a field of the record.").arg(where);
            return std::nullopt;
        }
    } else {
        *problem = FlowDefinition::tr("%1: an approver rule is role, manager, users or "
                                      "record_field.")
                           .arg(where);
        return std::nullopt;
    }
    return rule;
}

} // namespace

QString effectCode(FlowEffect effect)
{
    for (const EffectName &entry : effectNames)
        if (entry.effect == effect)
            return QString::fromLatin1(entry.code);
    return QString();
}

std::optional<FlowEffect> effectFromCode(const QString &code)
{
    for (const EffectName &entry : effectNames)
        if (code == QLatin1String(entry.code))
            return entry.effect;
    return std::nullopt;
}

QJsonObject ApproverRule::toJson() const
{
    switch (kind) {
    case Kind::Role:
        return { { QStringLiteral("rule"), QStringLiteral("role") },
                 { QStringLiteral("role"), roleCode(role) },
                 { QStringLiteral("from"), startCode(start) } };
    case Kind::Manager:
        return { { QStringLiteral("rule"), QStringLiteral("manager") } };
    case Kind::Users:
        return { { QStringLiteral("rule"), QStringLiteral("users") },
                 { QStringLiteral("users"), QJsonArray::fromStringList(userIds) } };
    case Kind::RecordField:
        return { { QStringLiteral("rule"), QStringLiteral("record_field") },
                 { QStringLiteral("field"), field } };
    }
    return {};
}

QJsonObject Escalation::toJson() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::ParentRole:
        return { { QStringLiteral("to"), QStringLiteral("parent_role") },
                 { QStringLiteral("role"), roleCode(role) } };
    case Kind::User:
        return { { QStringLiteral("to"), QStringLiteral("user") },
                 { QStringLiteral("user"), userId } };
    }
    return {};
}

std::optional<Escalation> Escalation::fromJson(const QJsonValue &json, const QString &where,
                                               QString *problem)
{
    Escalation escalation;
    const QJsonObject object = json.toObject();
    if (json.isUndefined() || json.isNull() || object.isEmpty())
        return escalation;
    const QString to = object.value(QStringLiteral("to")).toString();
    if (to == QLatin1String("parent_role")) {
        const std::optional<Role> role =
                roleFromCode(object.value(QStringLiteral("role")).toString());
        if (role) {
            escalation.kind = Kind::ParentRole;
            escalation.role = *role;
            return escalation;
        }
    } else if (to == QLatin1String("user")) {
        escalation.userId = object.value(QStringLiteral("user")).toString();
        if (!escalation.userId.isEmpty()) {
            escalation.kind = Kind::User;
            return escalation;
        }
    }
    *problem = FlowDefinition::tr("%1: \"escalate\" is {\"to\": \"parent_role\", \"role\": ...} "
                                  "or {\"to\": \"user\", \"user\": ...}.")
                       .arg(where);
    return std::nullopt;
}

bool FlowDefinition::isValidCode(const QString &code)
{
    return isKey(code);
}

QJsonObject FlowDefinition::toJson() const
{
    QJsonArray stepList;
    for (const StepDefinition &step : steps) {
        QJsonArray rules;
        for (const ApproverRule &rule : step.approvers)
            rules.append(rule.toJson());
        QJsonObject object{ { QStringLiteral("key"), step.key },
                            { QStringLiteral("name"), names(step.nameEn, step.nameZh) },
                            { QStringLiteral("mode"),
                              step.countersign ? QStringLiteral("all") : QStringLiteral("any") },
                            { QStringLiteral("approvers"), rules },
                            { QStringLiteral("due_hours"), step.dueHours } };
        if (step.escalation.kind != Escalation::Kind::None)
            object.insert(QStringLiteral("escalate"), step.escalation.toJson());
        if (step.when)
            object.insert(QStringLiteral("when"), step.when->toJson());
        if (step.skipIf)
            object.insert(QStringLiteral("skip_if"), step.skipIf->toJson());
        stepList.append(object);
    }
    return { { QStringLiteral("name"), names(nameEn, nameZh) },
             { QStringLiteral("record"), recordTable },
             { QStringLiteral("effect"), effectCode(effect) },
             { QStringLiteral("steps"), stepList } };
}

std::optional<FlowDefinition> FlowDefinition::fromJson(const QJsonObject &json, const QString &code,
                                                       int version, QString *problem)
{
    FlowDefinition flow;
    flow.code = code;
    flow.version = version;
    if (!isValidCode(code)) {
        *problem = tr("A flow code is lower-case letters, digits and underscores.");
        return std::nullopt;
    }
    if (!readNames(json.value(QStringLiteral("name")), &flow.nameEn, &flow.nameZh)) {
        *problem = tr("The flow needs a name in English and in Chinese "
                      "({\"en\": ..., \"zh_CN\": ...}).");
        return std::nullopt;
    }
    flow.recordTable = json.value(QStringLiteral("record")).toString();
    if (flow.recordTable != QLatin1String("customers")) {
        *problem = tr("Flows are about customers for now (\"record\": \"customers\").");
        return std::nullopt;
    }
    const std::optional<FlowEffect> effect =
            effectFromCode(json.value(QStringLiteral("effect")).toString());
    if (!effect) {
        *problem = tr("\"effect\" is one of activate_merchant, set_fee_rates, set_credit_limit, "
                      "raise_credit_limit, terminate_merchant, kyc_exception.");
        return std::nullopt;
    }
    flow.effect = *effect;
    const QJsonArray steps = json.value(QStringLiteral("steps")).toArray();
    if (steps.isEmpty() || steps.size() > maxSteps) {
        *problem = tr("A flow has from 1 to %1 steps.").arg(maxSteps);
        return std::nullopt;
    }
    QSet<QString> keys;
    for (const QJsonValue &item : steps) {
        const QJsonObject object = item.toObject();
        StepDefinition step;
        step.key = object.value(QStringLiteral("key")).toString();
        const QString where = tr("Step \"%1\"").arg(step.key);
        if (!isKey(step.key) || keys.contains(step.key)) {
            *problem = tr("Every step has its own key: lower-case letters, digits and "
                          "underscores (\"%1\").")
                               .arg(step.key);
            return std::nullopt;
        }
        keys.insert(step.key);
        if (!readNames(object.value(QStringLiteral("name")), &step.nameEn, &step.nameZh)) {
            *problem = tr("%1: the step needs a name in English and in Chinese.").arg(where);
            return std::nullopt;
        }
        const QString mode = object.value(QStringLiteral("mode")).toString(QStringLiteral("any"));
        if (mode != QLatin1String("any") && mode != QLatin1String("all")) {
            *problem = tr("%1: \"mode\" is any (or-sign) or all (countersign).").arg(where);
            return std::nullopt;
        }
        step.countersign = mode == QLatin1String("all");
        const QJsonArray rules = object.value(QStringLiteral("approvers")).toArray();
        if (rules.isEmpty()) {
            *problem = tr("%1: the step needs at least one approver rule.").arg(where);
            return std::nullopt;
        }
        for (const QJsonValue &ruleJson : rules) {
            const std::optional<ApproverRule> rule = readRule(ruleJson, where, problem);
            if (!rule)
                return std::nullopt;
            step.approvers << *rule;
        }
        const QJsonValue due = object.value(QStringLiteral("due_hours"));
        step.dueHours = due.toInt(-1);
        if (due.isUndefined())
            step.dueHours = 0;
        if (step.dueHours < 0 || step.dueHours > maxDueHours
            || (!due.isUndefined() && due.toDouble() != double(step.dueHours))) {
            *problem = tr("%1: \"due_hours\" is a whole number from 0 to %2.")
                               .arg(where)
                               .arg(maxDueHours);
            return std::nullopt;
        }
        const std::optional<Escalation> escalation =
                Escalation::fromJson(object.value(QStringLiteral("escalate")), where, problem);
        if (!escalation)
            return std::nullopt;
        step.escalation = *escalation;
        if (step.escalation.kind != Escalation::Kind::None && step.dueHours == 0) {
            *problem = tr("%1: a step that escalates needs a due time.").arg(where);
            return std::nullopt;
        }
        for (const char *name : { "when", "skip_if" }) {
            const QString key = QString::fromLatin1(name);
            if (!object.contains(key))
                continue;
            auto condition = FlowCondition::fromJson(object.value(key), where, problem);
            if (!condition)
                return std::nullopt;
            (key == QLatin1String("when") ? step.when : step.skipIf) = *condition;
        }
        flow.steps << step;
    }
    return flow;
}

} // namespace branchline::server
