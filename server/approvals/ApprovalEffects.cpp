// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalEffects.h"

#include "ApprovalMessages.h"
#include "gate/WriteGate.h"
#include "records/CustomerJson.h"
#include "domain/rules/RecordValidator.h"

#include <QJsonArray>

namespace branchline::server {

namespace {

// Fee rates are millionths of the amount: up to 10 %, above which a rate is surely a typo.
constexpr qint64 maxFeeRate = 100000;
// A credit limit up to ten billion yuan, in fen.
constexpr qint64 maxCreditLimitFen = 1000000000000;

ApprovalRefusal refusal(const QString &message,
                        const QString &code = QStringLiteral("not_applicable"))
{
    return ApprovalRefusal{ code, message };
}

QStringList fieldsOf(FlowEffect effect)
{
    switch (effect) {
    case FlowEffect::ActivateMerchant:
    case FlowEffect::TerminateMerchant:
        return { QStringLiteral("status") };
    case FlowEffect::SetFeeRates:
        return { QStringLiteral("fee_rate_debit"), QStringLiteral("fee_rate_credit"),
                 QStringLiteral("fee_rate_qr") };
    case FlowEffect::SetCreditLimit:
    case FlowEffect::RaiseCreditLimit:
        return { QStringLiteral("credit_limit_fen") };
    case FlowEffect::KycException:
        return { QStringLiteral("kyc_status") };
    }
    return {};
}

bool wholeNumberIn(const QJsonValue &value, qint64 low, qint64 high)
{
    const double number = value.toDouble(-1);
    return value.isDouble() && number == double(qint64(number)) && qint64(number) >= low
            && qint64(number) <= high;
}

// A status change proposes nothing but may name the status it sets.
std::optional<ApprovalRefusal> fixedStatus(QJsonObject *proposed, const QString &status)
{
    const QJsonValue named = proposed->value(QStringLiteral("status"));
    if (proposed->size() > 1 || (proposed->size() == 1 && named != QJsonValue(status)))
        return refusal(ApprovalMessages::otherFieldsProposed(QStringLiteral("status: ") + status),
                       QStringLiteral("bad_proposal"));
    *proposed = { { QStringLiteral("status"), status } };
    return std::nullopt;
}

std::optional<ApprovalRefusal> checkFields(FlowEffect effect, const Customer &customer,
                                           QJsonObject *proposed)
{
    const QStringList allowed = fieldsOf(effect);
    for (auto it = proposed->constBegin(); it != proposed->constEnd(); ++it)
        if (!allowed.contains(it.key()) && effect != FlowEffect::ActivateMerchant
            && effect != FlowEffect::TerminateMerchant)
            return refusal(
                    ApprovalMessages::otherFieldsProposed(allowed.join(QStringLiteral(", "))),
                    QStringLiteral("bad_proposal"));
    const bool merchant = customer.kind == CustomerKind::Merchant;
    switch (effect) {
    case FlowEffect::ActivateMerchant:
        if (!merchant)
            return refusal(ApprovalMessages::merchantsOnly());
        if (customer.status != CustomerStatus::Prospect
            && customer.status != CustomerStatus::Onboarding)
            return refusal(ApprovalMessages::onboardingNotApplicable());
        return fixedStatus(proposed, QStringLiteral("active"));
    case FlowEffect::TerminateMerchant:
        if (!merchant)
            return refusal(ApprovalMessages::merchantsOnly());
        if (customer.status == CustomerStatus::Terminated)
            return refusal(ApprovalMessages::alreadyTerminated());
        return fixedStatus(proposed, QStringLiteral("terminated"));
    case FlowEffect::SetFeeRates:
        if (!merchant)
            return refusal(ApprovalMessages::merchantsOnly());
        if (proposed->isEmpty())
            return refusal(ApprovalMessages::noChange(), QStringLiteral("bad_proposal"));
        for (auto it = proposed->constBegin(); it != proposed->constEnd(); ++it)
            if (!wholeNumberIn(it.value(), 1, maxFeeRate))
                return refusal(ApprovalMessages::wholeNumberRange(it.key(), 1, maxFeeRate),
                               QStringLiteral("bad_proposal"));
        return std::nullopt;
    case FlowEffect::SetCreditLimit:
    case FlowEffect::RaiseCreditLimit: {
        if (merchant)
            return refusal(ApprovalMessages::borrowersOnly());
        const QJsonValue limit = proposed->value(QStringLiteral("credit_limit_fen"));
        if (!wholeNumberIn(limit, 1, maxCreditLimitFen))
            return refusal(ApprovalMessages::wholeNumberRange(QStringLiteral("credit_limit_fen"), 1,
                                                              maxCreditLimitFen),
                           QStringLiteral("bad_proposal"));
        const qint64 current = customer.creditLimitFen.value_or(0);
        if (effect == FlowEffect::RaiseCreditLimit && qint64(limit.toDouble()) <= current)
            return refusal(ApprovalMessages::raiseNotHigher(current),
                           QStringLiteral("bad_proposal"));
        return std::nullopt;
    }
    case FlowEffect::KycException: {
        const QString status = proposed->value(QStringLiteral("kyc_status")).toString();
        if (status != QLatin1String("verified") && status != QLatin1String("in_progress"))
            return refusal(ApprovalMessages::kycExceptionStatus(), QStringLiteral("bad_proposal"));
        return std::nullopt;
    }
    }
    return std::nullopt;
}

} // namespace

std::optional<ApprovalRefusal> ApprovalEffects::prepare(FlowEffect effect, const Customer &customer,
                                                        QJsonObject *proposed, QJsonObject *before)
{
    if (auto refused = checkFields(effect, customer, proposed))
        return refused;
    const QJsonObject current = CustomerJson::toJson(customer);
    *before = QJsonObject();
    bool differs = false;
    for (auto it = proposed->constBegin(); it != proposed->constEnd(); ++it) {
        before->insert(it.key(), current.value(it.key()));
        differs = differs || current.value(it.key()) != it.value();
    }
    if (!differs)
        return refusal(ApprovalMessages::noChange(), QStringLiteral("bad_proposal"));
    // The customer as the approval would leave it must be valid (an onboarded merchant has
    // a credit code, say): refused now, not after every approver has decided.
    Customer next = customer;
    QStringList set;
    QString problem;
    if (!CustomerJson::apply(*proposed, &next, &set, &problem))
        return refusal(problem, QStringLiteral("bad_proposal"));
    RecordValidator::normalize(next);
    if (const FieldIssues issues = RecordValidator::validate(next); !issues.isEmpty()) {
        QStringList parts;
        for (const FieldIssue &issue : issues)
            parts << issue.field + QStringLiteral(": ") + issue.message;
        return refusal(ApprovalMessages::invalidAfter(parts.join(QStringLiteral("; "))),
                       QStringLiteral("invalid"));
    }
    return std::nullopt;
}

bool ApprovalEffects::apply(QSqlDatabase &db, const RequestState &request, FlowEffect effect,
                            const QString &actorId, std::optional<ApprovalRefusal> *refused,
                            QString *error)
{
    Customer current;
    bool found = false;
    if (!RecordRows<CustomerJson>::load(db, request.recordId, &current, &found, error))
        return false;
    if (!found || current.meta.deleted) {
        *refused = refusal(ApprovalMessages::recordDeleted(), QStringLiteral("record_deleted"));
        return true;
    }
    // The approvers saw `before`; a value changed since (another approval, a risk officer's
    // command) means they decided on something that is no longer there.
    const QJsonObject now = CustomerJson::toJson(current);
    QStringList stale;
    for (auto it = request.before.constBegin(); it != request.before.constEnd(); ++it)
        if (now.value(it.key()) != it.value())
            stale << it.key();
    if (!stale.isEmpty()) {
        *refused = refusal(ApprovalMessages::staleRequest(stale.join(QStringLiteral(", "))),
                           QStringLiteral("stale_request"));
        return true;
    }
    QJsonObject proposed = request.proposed;
    QJsonObject ignored;
    if (auto again = prepare(effect, current, &proposed, &ignored)) {
        *refused = again;
        return true;
    }
    // prepare() checked the result is valid; the gate writes it as a command of the flow:
    // only the effect's own fields, never the owner or the branch.
    Customer record = current;
    QStringList set;
    QString problem;
    CustomerJson::apply(proposed, &record, &set, &problem);
    WriteActor actor;
    actor.caller.userId = actorId;
    actor.channel = WriteChannel::Approval;
    actor.commandFields = fieldsOf(effect);
    actor.auditAction = QStringLiteral("approval.apply");
    actor.auditDetail = { { QStringLiteral("request"), request.id },
                          { QStringLiteral("flow"), request.flowCode } };
    std::optional<WriteRefusal> gateRefusal;
    QStringList changed;
    if (!WriteGate<CustomerJson>::update(db, actor, current, record, set, &gateRefusal, &changed,
                                         error))
        return false;
    if (gateRefusal)
        *refused = refusal(gateRefusal->message, gateRefusal->code);
    return true;
}

} // namespace branchline::server
