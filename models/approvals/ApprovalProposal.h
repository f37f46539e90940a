// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/Customer.h"
#include "domain/rules/FieldIssue.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

namespace branchline {

// What a built-in flow may ask for a customer, checked here before it is queued (the
// server checks again): which flows apply to a customer's kind and status, the values a
// proposal carries, and the reason it needs. Messages are in the interface's language and
// name the field they are about ("reason", "fee_rate_debit", …).
class ApprovalProposal
{
    Q_DECLARE_TR_FUNCTIONS(ApprovalProposal)

public:
    // Fee rates are whole millionths: 1 (0.0001 %) to 100000 (10 %), as the server takes.
    static constexpr qint64 maxFeeRate = 100000;
    // Credit limits in fen, up to ten billion yuan.
    static constexpr qint64 maxCreditLimitFen = 1000000000000;

    // The built-in flows that apply to the customer as it is now, in a sensible order.
    static QStringList flowsFor(const Customer &customer);
    // The fields a flow's proposal sets.
    static QStringList fieldsOf(const QString &flowCode);
    // The customer's current value of a field a proposal sets (null when it has none).
    static QJsonValue currentValue(const Customer &customer, const QString &field);
    // Every problem with asking `flowCode` for `customer` with `proposed` and `reason`;
    // empty when it may be queued. Status flows get their fixed proposal filled in.
    static FieldIssues check(const QString &flowCode, const Customer &customer,
                             QJsonObject *proposed, const QString &reason);
};

} // namespace branchline
