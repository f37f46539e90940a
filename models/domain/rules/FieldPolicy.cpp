// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/rules/FieldPolicy.h"

#include <QLatin1String>

#include <array>

namespace branchline {

namespace {

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

// A field's class comes from the record schema; what the schema does not name (the
// bookkeeping columns id, version, created_at, ...) is Unknown and shown read-only.
FieldClass classOf(RecordType type, const QString &field)
{
    const FieldSchema *schema = RecordSchema::field(type, field);
    return schema ? schema->access : FieldClass::Unknown;
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
    const FieldSchema *schema = RecordSchema::field(type, field);
    return schema ? schema->pii : std::nullopt;
}

bool FieldPolicy::isSensitive(RecordType type, const QString &field)
{
    const FieldClass fieldClass = classOf(type, field);
    return fieldClass == FieldClass::RiskRating || fieldClass == FieldClass::ApprovalControlled
            || fieldClass == FieldClass::SettlementAccount || fieldClass == FieldClass::KycReview;
}

int FieldPolicy::maxLength(RecordType type, const QString &field)
{
    const FieldSchema *schema = RecordSchema::field(type, field);
    // Bookkeeping columns (ids, versions, stamps) are short; a long one is an attack.
    return schema ? schema->maxLength : 64;
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
