// SPDX-License-Identifier: GPL-3.0-or-later
#include "rules/FieldPolicy.h"

#include <QLatin1String>

#include <array>

namespace branchline {

namespace {

// Fields fall into a few classes that share their permissions; the matrix below gives
// each class's permission per role, and the field table after it puts each column in a
// class.
enum class FieldClass {
    Pii, // personal information
    SettlementAccount, // PII that branch managers have no need to see
    RiskRating, // set by risk and compliance
    ApprovalControlled, // changes only through an approval
    Assignment, // who owns the record and where
    Ordinary, // any other field of a customer, contact or lead
    Work, // fields of tasks and activities
    KycReview, // the state of a KYC checklist item
    KycWork, // the rest of a KYC checklist item
    SystemFed, // fed by the institution's other systems or stamped by the server
    Unknown, // a name not in the table
};

constexpr FieldPermission Hidden = FieldPermission::Hidden;
constexpr FieldPermission Masked = FieldPermission::Masked;
constexpr FieldPermission Visible = FieldPermission::Visible;
constexpr FieldPermission Editable = FieldPermission::Editable;

// The permission matrix. Rows follow FieldClass, columns follow Role.
//
// - PII: reps capture KYC data, so they edit it (seeing the clear value still needs a
//   reason and is audited); managers and risk officers review it; admins run the system,
//   not customers, so least privilege leaves them the mask.
// - The settlement account is needed by the rep who onboards and by risk (fraud and
//   money-laundering checks), not by the branch manager. Where a merchant's money goes is
//   changed only through an approval (a swapped account is the classic fraud), so nobody
//   edits it in place either.
// - Only risk and compliance set a risk level or a KYC status: a rep cannot rate the
//   customers they are paid to sign up.
// - Fee rates, credit limit, lifecycle status and approval state change through approvals
//   only, so nobody edits them in place.
// - Managers and admins assign records to reps and branches.
// - The KYC checklist is worked by the rep (who hands documents in) and by risk (who
//   verifies or rejects them); which moves each may make is KycRules' business, checked
//   by the server as well. Managers and admins read it.
// - Terminals and monthly volumes come from the acquiring and transaction systems; the
//   server stamps who moved a checklist item. Nobody edits these on a client.
// - Risk officers and admins read business data but do not do the branch's work.
// - An unknown field is shown but never editable: what is not in the table is not granted.
//
// clang-format off
//                             sales rep branch mgr risk       admin
constexpr std::array<std::array<FieldPermission, 4>, 11> kMatrix{{
    /* Pii                */ {{Editable, Visible,   Visible,   Masked  }},
    /* SettlementAccount  */ {{Visible,  Masked,    Visible,   Masked  }},
    /* RiskRating         */ {{Visible,  Visible,   Editable,  Visible }},
    /* ApprovalControlled */ {{Visible,  Visible,   Visible,   Visible }},
    /* Assignment         */ {{Visible,  Editable,  Visible,   Editable}},
    /* Ordinary           */ {{Editable, Editable,  Visible,   Visible }},
    /* Work               */ {{Editable, Editable,  Visible,   Visible }},
    /* KycReview          */ {{Editable, Visible,   Editable,  Visible }},
    /* KycWork            */ {{Editable, Visible,   Editable,  Visible }},
    /* SystemFed          */ {{Visible,  Visible,   Visible,   Visible }},
    /* Unknown            */ {{Visible,  Visible,   Visible,   Visible }},
}};
// clang-format on
static_assert(kMatrix.size() == static_cast<std::size_t>(FieldClass::Unknown) + 1,
              "one row per field class");
static_assert(kMatrix[0].size() == static_cast<std::size_t>(Role::Admin) + 1,
              "one column per role");

// No class is hidden from any role today; Hidden exists for custom fields whose form
// definition hides them (see FieldPolicy::present(FieldPermission, ...)).
static_assert(Hidden < Masked && Masked < Visible && Visible < Editable);

struct FieldRule
{
    RecordType type;
    QLatin1String field;
    FieldClass fieldClass;
    std::optional<PiiKind> pii;
    int maxLength; // characters of its text form (numbers and dates included)
};

using C = FieldClass;
using R = RecordType;
constexpr std::optional<PiiKind> kNoPii;

// Every known column. Bookkeeping columns (id, version, created_at, ...) and derived ones
// (attachment_sha256) are left out on purpose: they are written by the system, so they fall
// to Unknown and are shown read-only.
constexpr FieldRule kFields[] = {
    { R::Customer, QLatin1String("kind"), C::Ordinary, kNoPii, 32 },
    { R::Customer, QLatin1String("legal_name"), C::Ordinary, kNoPii, 200 },
    { R::Customer, QLatin1String("credit_code"), C::Pii, PiiKind::CreditCode, 32 },
    { R::Customer, QLatin1String("id_number"), C::Pii, PiiKind::ResidentId, 32 },
    { R::Customer, QLatin1String("phone"), C::Pii, PiiKind::Phone, 32 },
    { R::Customer, QLatin1String("address"), C::Ordinary, kNoPii, 500 },
    { R::Customer, QLatin1String("city"), C::Ordinary, kNoPii, 50 },
    { R::Customer, QLatin1String("industry"), C::Ordinary, kNoPii, 100 },
    { R::Customer, QLatin1String("mcc"), C::Ordinary, kNoPii, 8 },
    { R::Customer, QLatin1String("branch_id"), C::Assignment, kNoPii, 64 },
    { R::Customer, QLatin1String("owner_id"), C::Assignment, kNoPii, 64 },
    { R::Customer, QLatin1String("status"), C::ApprovalControlled, kNoPii, 32 },
    { R::Customer, QLatin1String("risk_level"), C::RiskRating, kNoPii, 32 },
    { R::Customer, QLatin1String("kyc_status"), C::RiskRating, kNoPii, 32 },
    { R::Customer, QLatin1String("tags"), C::Ordinary, kNoPii, 500 },
    { R::Customer, QLatin1String("notes"), C::Ordinary, kNoPii, 20000 },
    { R::Customer, QLatin1String("settlement_account"), C::SettlementAccount, PiiKind::Account,
      64 },
    { R::Customer, QLatin1String("fee_rate_debit"), C::ApprovalControlled, kNoPii, 20 },
    { R::Customer, QLatin1String("fee_rate_credit"), C::ApprovalControlled, kNoPii, 20 },
    { R::Customer, QLatin1String("fee_rate_qr"), C::ApprovalControlled, kNoPii, 20 },
    // Whole fen (分); the fee rates are millionths of the amount (FeeRate).
    { R::Customer, QLatin1String("credit_limit_fen"), C::ApprovalControlled, kNoPii, 20 },
    { R::Customer, QLatin1String("approval_state"), C::ApprovalControlled, kNoPii, 32 },

    { R::Contact, QLatin1String("customer_id"), C::Ordinary, kNoPii, 64 },
    { R::Contact, QLatin1String("name"), C::Ordinary, kNoPii, 200 },
    { R::Contact, QLatin1String("title"), C::Ordinary, kNoPii, 200 },
    { R::Contact, QLatin1String("phone"), C::Pii, PiiKind::Phone, 32 },
    { R::Contact, QLatin1String("email"), C::Pii, PiiKind::Email, 254 },
    { R::Contact, QLatin1String("is_primary"), C::Ordinary, kNoPii, 8 },
    { R::Contact, QLatin1String("notes"), C::Ordinary, kNoPii, 20000 },

    { R::Lead, QLatin1String("name"), C::Ordinary, kNoPii, 200 },
    { R::Lead, QLatin1String("company"), C::Ordinary, kNoPii, 200 },
    { R::Lead, QLatin1String("phone"), C::Pii, PiiKind::Phone, 32 },
    { R::Lead, QLatin1String("email"), C::Pii, PiiKind::Email, 254 },
    { R::Lead, QLatin1String("source"), C::Ordinary, kNoPii, 32 },
    // A lead's status is the rep's own pipeline stage, not a customer lifecycle status.
    { R::Lead, QLatin1String("status"), C::Ordinary, kNoPii, 32 },
    { R::Lead, QLatin1String("score"), C::Ordinary, kNoPii, 8 },
    { R::Lead, QLatin1String("owner_id"), C::Assignment, kNoPii, 64 },
    { R::Lead, QLatin1String("branch_id"), C::Assignment, kNoPii, 64 },
    { R::Lead, QLatin1String("product_interest"), C::Ordinary, kNoPii, 100 },
    { R::Lead, QLatin1String("city"), C::Ordinary, kNoPii, 50 },
    { R::Lead, QLatin1String("notes"), C::Ordinary, kNoPii, 20000 },
    // Set by converting the lead, with the status, by whoever works the lead. The rules keep
    // it honest: it comes only with "converted" (RecordValidator), never changes once set,
    // and names a customer the converter may see (the server's LeadJson).
    { R::Lead, QLatin1String("converted_customer_id"), C::Ordinary, kNoPii, 64 },

    { R::Task, QLatin1String("title"), C::Work, kNoPii, 200 },
    { R::Task, QLatin1String("due_at"), C::Work, kNoPii, 40 },
    { R::Task, QLatin1String("owner_id"), C::Work, kNoPii, 64 },
    { R::Task, QLatin1String("related_table"), C::Work, kNoPii, 32 },
    { R::Task, QLatin1String("related_id"), C::Work, kNoPii, 64 },
    { R::Task, QLatin1String("priority"), C::Work, kNoPii, 32 },
    { R::Task, QLatin1String("status"), C::Work, kNoPii, 32 },
    { R::Task, QLatin1String("reminder_at"), C::Work, kNoPii, 40 },
    { R::Task, QLatin1String("completed_at"), C::Work, kNoPii, 40 },
    { R::Task, QLatin1String("notes"), C::Work, kNoPii, 20000 },

    { R::Activity, QLatin1String("kind"), C::Work, kNoPii, 32 },
    { R::Activity, QLatin1String("related_table"), C::Work, kNoPii, 32 },
    { R::Activity, QLatin1String("related_id"), C::Work, kNoPii, 64 },
    { R::Activity, QLatin1String("author_id"), C::Work, kNoPii, 64 },
    { R::Activity, QLatin1String("occurred_at"), C::Work, kNoPii, 40 },
    { R::Activity, QLatin1String("subject"), C::Work, kNoPii, 200 },
    { R::Activity, QLatin1String("body"), C::Work, kNoPii, 20000 },
    { R::Activity, QLatin1String("attachment_name"), C::Work, kNoPii, 255 },

    { R::Terminal, QLatin1String("customer_id"), C::SystemFed, kNoPii, 64 },
    { R::Terminal, QLatin1String("serial"), C::SystemFed, kNoPii, 64 },
    { R::Terminal, QLatin1String("model"), C::SystemFed, kNoPii, 100 },
    { R::Terminal, QLatin1String("kind"), C::SystemFed, kNoPii, 32 },
    { R::Terminal, QLatin1String("status"), C::SystemFed, kNoPii, 32 },
    { R::Terminal, QLatin1String("installed_at"), C::SystemFed, kNoPii, 40 },
    { R::Terminal, QLatin1String("last_active_day"), C::SystemFed, kNoPii, 40 },

    { R::MerchantVolume, QLatin1String("customer_id"), C::SystemFed, kNoPii, 64 },
    { R::MerchantVolume, QLatin1String("month"), C::SystemFed, kNoPii, 16 },
    { R::MerchantVolume, QLatin1String("volume_fen"), C::SystemFed, kNoPii, 20 },
    { R::MerchantVolume, QLatin1String("tx_count"), C::SystemFed, kNoPii, 20 },
    { R::MerchantVolume, QLatin1String("refund_fen"), C::SystemFed, kNoPii, 20 },
    { R::MerchantVolume, QLatin1String("chargeback_count"), C::SystemFed, kNoPii, 20 },

    // customer_id and item name the row (its id follows from them, KycRules::itemId): set
    // when the row is first made and never changed, which the server checks.
    { R::KycItem, QLatin1String("customer_id"), C::KycWork, kNoPii, 64 },
    { R::KycItem, QLatin1String("item"), C::KycWork, kNoPii, 64 },
    { R::KycItem, QLatin1String("state"), C::KycReview, kNoPii, 32 },
    { R::KycItem, QLatin1String("note"), C::KycWork, kNoPii, 2000 },
    { R::KycItem, QLatin1String("updated_by"), C::SystemFed, kNoPii, 64 },
};

const FieldRule *find(RecordType type, const QString &field)
{
    for (const FieldRule &rule : kFields) {
        if (rule.type == type && rule.field == field)
            return &rule;
    }
    return nullptr;
}

FieldClass classOf(RecordType type, const QString &field)
{
    const FieldRule *rule = find(type, field);
    return rule ? rule->fieldClass : FieldClass::Unknown;
}

} // namespace

FieldPermission FieldPolicy::permission(Role role, RecordType type, const QString &field)
{
    const auto row = static_cast<std::size_t>(classOf(type, field));
    const auto column = static_cast<std::size_t>(role);
    if (row >= kMatrix.size() || column >= kMatrix[row].size())
        return FieldPermission::Hidden; // a role or class with no row is granted nothing
    return kMatrix[row][column];
}

std::optional<PiiKind> FieldPolicy::piiKind(RecordType type, const QString &field)
{
    const FieldRule *rule = find(type, field);
    return rule ? rule->pii : std::nullopt;
}

bool FieldPolicy::isSensitive(RecordType type, const QString &field)
{
    const FieldClass fieldClass = classOf(type, field);
    return fieldClass == FieldClass::RiskRating || fieldClass == FieldClass::ApprovalControlled
            || fieldClass == FieldClass::SettlementAccount || fieldClass == FieldClass::KycReview;
}

int FieldPolicy::maxLength(RecordType type, const QString &field)
{
    const FieldRule *rule = find(type, field);
    // Bookkeeping columns (ids, versions, stamps) are short; a long one is an attack.
    return rule ? rule->maxLength : 64;
}

bool FieldPolicy::mayReveal(Role role, RecordType type, const QString &field)
{
    return piiKind(type, field).has_value()
            && permission(role, type, field) >= FieldPermission::Visible;
}

QString FieldPolicy::present(Role role, RecordType type, const QString &field, const QString &value,
                             bool revealed)
{
    return present(permission(role, type, field), piiKind(type, field), value, revealed);
}

QString FieldPolicy::present(FieldPermission permission, std::optional<PiiKind> kind,
                             const QString &value, bool revealed)
{
    if (permission == FieldPermission::Hidden)
        return {};
    if (kind) {
        if (revealed && permission >= FieldPermission::Visible)
            return value;
        return Masking::mask(*kind, value);
    }
    // Masked without a PII kind to mask by: say that there is a value, never what it is.
    if (permission == FieldPermission::Masked)
        return value.isEmpty() ? QString() : QStringLiteral("****");
    return value;
}

} // namespace branchline
