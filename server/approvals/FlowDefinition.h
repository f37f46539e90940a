// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FlowCondition.h"
#include "domain/rules/Role.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace branchline::server {

// What an approved request does to its record (ApprovalEffects). The set is closed: a flow
// an administrator defines picks one of these, so the effects stay code that is reviewed.
enum class FlowEffect {
    ActivateMerchant, // status -> active
    SetFeeRates, // fee_rate_debit / fee_rate_credit / fee_rate_qr
    SetCreditLimit, // credit_limit_fen
    RaiseCreditLimit, // credit_limit_fen, higher than it is
    TerminateMerchant, // status -> terminated
    KycException, // kyc_status set although the checklist is not complete
};
QString effectCode(FlowEffect effect);
std::optional<FlowEffect> effectFromCode(const QString &code);

// Who may decide a step, as a rule resolved when the step is made (FlowEngine).
struct ApproverRule
{
    enum class Kind {
        Role, // holders of a role, looked for from a branch up the tree
        Manager, // the requester's manager: users.manager_id, else the nearest branch manager
        Users, // named users
        RecordField, // the user a field of the record names (e.g. owner_id)
    };
    // Where a role rule starts looking; it goes on up the branch tree until it finds someone
    // other than the requester (nobody decides their own request).
    enum class Start { Own, Parent, Region, HeadOffice, Anywhere };

    Kind kind = Kind::Role;
    Role role = Role::BranchManager;
    Start start = Start::Own;
    QStringList userIds;
    QString field;

    QJsonObject toJson() const;
};

// What happens to a step still open at its due time.
struct Escalation
{
    enum class Kind {
        None, // it stays open, shown overdue
        ParentRole, // holders of a role one level further up than the step's approvers
        User, // a named user
    };
    Kind kind = Kind::None;
    Role role = Role::BranchManager;
    QString userId;

    QJsonObject toJson() const;
    static std::optional<Escalation> fromJson(const QJsonValue &json, const QString &where,
                                              QString *problem);
};

struct StepDefinition
{
    QString key;
    QString nameEn;
    QString nameZh;
    QList<ApproverRule> approvers;
    bool countersign = false; // "all" (会签): every approver; otherwise "any" (或签): the first
    int dueHours = 0; // 0: no due time
    Escalation escalation;
    std::optional<FlowCondition> when; // the step is in the flow only when this holds
    std::optional<FlowCondition> skipIf; // and is left out when this holds
};

// One version of a flow. Stored as JSON in approval_flows.definition; code and version are
// the row's. Versions are never edited: a change is a new version, and a request keeps the
// version it started with.
struct FlowDefinition
{
    Q_DECLARE_TR_FUNCTIONS(FlowDefinition)

public:
    QString code;
    int version = 0;
    QString nameEn;
    QString nameZh;
    QString recordTable = QStringLiteral("customers");
    FlowEffect effect = FlowEffect::ActivateMerchant;
    QList<StepDefinition> steps;

    // The definition without code and version, as stored.
    QJsonObject toJson() const;
    // Checks everything an administrator may get wrong; the reason is translated and names
    // the step. `code` and `version` are set from the arguments.
    static std::optional<FlowDefinition> fromJson(const QJsonObject &json, const QString &code,
                                                  int version, QString *problem);
    // A flow code: lower-case letters, digits and underscores, up to 64.
    static bool isValidCode(const QString &code);

    static constexpr int maxSteps = 20;
    static constexpr int maxDueHours = 24 * 365;
};

} // namespace branchline::server
