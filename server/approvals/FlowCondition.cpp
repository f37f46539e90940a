// SPDX-License-Identifier: GPL-3.0-or-later
#include "FlowCondition.h"

#include <QJsonArray>

#include <array>

namespace branchline::server {

namespace {

constexpr int maxDepth = 8;

struct OpName
{
    FlowCondition::Op op;
    const char *name;
};

constexpr std::array<OpName, 8> opNames{ { { FlowCondition::Op::Eq, "eq" },
                                           { FlowCondition::Op::Ne, "ne" },
                                           { FlowCondition::Op::Gt, "gt" },
                                           { FlowCondition::Op::Gte, "gte" },
                                           { FlowCondition::Op::Lt, "lt" },
                                           { FlowCondition::Op::Lte, "lte" },
                                           { FlowCondition::Op::In, "in" },
                                           { FlowCondition::Op::NotIn, "not_in" } } };

QString nameOf(FlowCondition::Op op)
{
    for (const OpName &entry : opNames)
        if (entry.op == op)
            return QString::fromLatin1(entry.name);
    return QString();
}

bool isOrdering(FlowCondition::Op op)
{
    return op == FlowCondition::Op::Gt || op == FlowCondition::Op::Gte
            || op == FlowCondition::Op::Lt || op == FlowCondition::Op::Lte;
}

// Equal as the request's values go: numbers by value, everything else exactly.
bool same(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

} // namespace

QJsonValue FlowCondition::factValue(const RequestFacts &facts, const QString &fact)
{
    const qsizetype dot = fact.indexOf(QLatin1Char('.'));
    const QString source = fact.left(dot);
    const QString field = fact.mid(dot + 1);
    if (source == QLatin1String("record"))
        return facts.record.contains(field) ? facts.record.value(field) : QJsonValue::Undefined;
    if (source == QLatin1String("proposed"))
        return facts.proposed.contains(field) ? facts.proposed.value(field) : QJsonValue::Undefined;
    if (source == QLatin1String("delta")) {
        // A field not proposed did not change; a number never set counts from zero (a first
        // credit limit is an increase from nothing).
        const QJsonValue proposed = facts.proposed.value(field);
        if (!proposed.isDouble())
            return QJsonValue::Undefined;
        const QJsonValue current = facts.record.value(field);
        return proposed.toDouble() - (current.isDouble() ? current.toDouble() : 0.0);
    }
    return QJsonValue::Undefined;
}

bool FlowCondition::holds(const RequestFacts &facts) const
{
    switch (kind) {
    case Kind::All:
        for (const FlowCondition &child : children)
            if (!child.holds(facts))
                return false;
        return true;
    case Kind::Any:
        for (const FlowCondition &child : children)
            if (child.holds(facts))
                return true;
        return false;
    case Kind::Not:
        return !children.isEmpty() && !children.first().holds(facts);
    case Kind::Compare:
        break;
    }
    const QJsonValue actual = factValue(facts, fact);
    switch (op) {
    case Op::Eq:
        return same(actual, value);
    case Op::Ne:
        return !same(actual, value);
    case Op::In:
    case Op::NotIn: {
        bool found = false;
        for (const QJsonValue &item : value.toArray())
            found = found || same(actual, item);
        return op == Op::In ? found : !found;
    }
    case Op::Gt:
    case Op::Gte:
    case Op::Lt:
    case Op::Lte:
        break;
    }
    // An ordering holds only between two numbers: a missing amount is never "over".
    if (!actual.isDouble())
        return false;
    const double a = actual.toDouble();
    const double b = value.toDouble();
    switch (op) {
    case Op::Gt:
        return a > b;
    case Op::Gte:
        return a >= b;
    case Op::Lt:
        return a < b;
    case Op::Lte:
        return a <= b;
    default:
        return false;
    }
}

QJsonObject FlowCondition::toJson() const
{
    auto list = [this]() {
        QJsonArray items;
        for (const FlowCondition &child : children)
            items.append(child.toJson());
        return items;
    };
    switch (kind) {
    case Kind::All:
        return { { QStringLiteral("all"), list() } };
    case Kind::Any:
        return { { QStringLiteral("any"), list() } };
    case Kind::Not:
        return { { QStringLiteral("not"),
                   children.isEmpty() ? QJsonObject() : children.first().toJson() } };
    case Kind::Compare:
        break;
    }
    return { { QStringLiteral("fact"), fact },
             { QStringLiteral("op"), nameOf(op) },
             { QStringLiteral("value"), value } };
}

std::optional<FlowCondition> FlowCondition::fromJson(const QJsonValue &json, const QString &where,
                                                     QString *problem, int depth)
{
    const QJsonObject object = json.toObject();
    if (!json.isObject() || object.size() == 0) {
        *problem = tr("%1: a condition is a JSON object.").arg(where);
        return std::nullopt;
    }
    if (depth >= maxDepth) {
        *problem = tr("%1: conditions are nested too deeply.").arg(where);
        return std::nullopt;
    }
    FlowCondition condition;
    for (const char *group : { "all", "any" }) {
        const QString key = QString::fromLatin1(group);
        if (!object.contains(key))
            continue;
        if (object.size() != 1 || !object.value(key).isArray()
            || object.value(key).toArray().isEmpty()) {
            *problem = tr("%1: \"%2\" takes a non-empty list of conditions and nothing else.")
                               .arg(where, key);
            return std::nullopt;
        }
        condition.kind = key == QLatin1String("all") ? Kind::All : Kind::Any;
        for (const QJsonValue &item : object.value(key).toArray()) {
            auto child = fromJson(item, where, problem, depth + 1);
            if (!child)
                return std::nullopt;
            condition.children << *child;
        }
        return condition;
    }
    if (object.contains(QStringLiteral("not"))) {
        if (object.size() != 1) {
            *problem = tr("%1: \"not\" takes one condition and nothing else.").arg(where);
            return std::nullopt;
        }
        auto child = fromJson(object.value(QStringLiteral("not")), where, problem, depth + 1);
        if (!child)
            return std::nullopt;
        condition.kind = Kind::Not;
        condition.children << *child;
        return condition;
    }
    condition.kind = Kind::Compare;
    condition.fact = object.value(QStringLiteral("fact")).toString();
    const QString source = condition.fact.section(QLatin1Char('.'), 0, 0);
    const QString field = condition.fact.section(QLatin1Char('.'), 1);
    if (object.size() != 3 || field.isEmpty()
        || !(source == QLatin1String("record") || source == QLatin1String("proposed")
             || source == QLatin1String("delta"))) {
        *problem = tr("%1: a comparison has \"fact\" (record.<field>, proposed.<field> or "
                      "delta.<field>), \"op\" and \"value\".")
                           .arg(where);
        return std::nullopt;
    }
    const QString opText = object.value(QStringLiteral("op")).toString();
    bool known = false;
    for (const OpName &entry : opNames) {
        if (opText == QLatin1String(entry.name)) {
            condition.op = entry.op;
            known = true;
        }
    }
    if (!known) {
        *problem = tr("%1: \"%2\" is not a comparison (eq, ne, gt, gte, lt, lte, in, not_in).")
                           .arg(where, opText);
        return std::nullopt;
    }
    condition.value = object.value(QStringLiteral("value"));
    const bool listOp = condition.op == Op::In || condition.op == Op::NotIn;
    if ((listOp && !condition.value.isArray())
        || (isOrdering(condition.op) && !condition.value.isDouble())
        || (!listOp && !isOrdering(condition.op)
            && !(condition.value.isString() || condition.value.isDouble()
                 || condition.value.isBool() || condition.value.isNull()))) {
        *problem = tr("%1: the value does not suit \"%2\" (a list for in and not_in, a number "
                      "for gt, gte, lt and lte).")
                           .arg(where, opText);
        return std::nullopt;
    }
    return condition;
}

} // namespace branchline::server
