// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace branchline::server {

// What a condition of a flow step reads (docs/approvals.md): the record as it was when the
// request was made, the proposed values, and their difference for numbers.
struct RequestFacts
{
    QJsonObject record; // the record's fields, as the API writes them
    QJsonObject proposed; // the values the request asks for
};

// A condition that adds a step (`when`) or skips one (`skip_if`): a comparison of one fact
// with a value, or all / any / not of other conditions. Facts are named
// "record.<field>", "proposed.<field>" or "delta.<field>" (proposed minus record, numbers).
struct FlowCondition
{
    Q_DECLARE_TR_FUNCTIONS(FlowCondition)

public:
    enum class Kind { All, Any, Not, Compare };
    enum class Op { Eq, Ne, Gt, Gte, Lt, Lte, In, NotIn };

    Kind kind = Kind::All;
    QString fact;
    Op op = Op::Eq;
    QJsonValue value;
    QList<FlowCondition> children;

    bool holds(const RequestFacts &facts) const;

    QJsonObject toJson() const;
    // Refuses anything it does not understand, with a translated reason naming where.
    static std::optional<FlowCondition> fromJson(const QJsonValue &json, const QString &where,
                                                 QString *problem, int depth = 0);

    // The fact's value, undefined when the request has no such fact.
    static QJsonValue factValue(const RequestFacts &facts, const QString &fact);
};

} // namespace branchline::server
