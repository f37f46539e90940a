// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/schema/RecordSchema.h"
#include "domain/rules/Masking.h"
#include "domain/rules/Role.h"

#include <QString>

#include <optional>

namespace branchline {

// What a role may do with one field. Ordered: each permission implies the ones before it,
// so "at least Visible" is `permission >= FieldPermission::Visible`.
enum class FieldPermission { Hidden, Masked, Visible, Editable };

// Field-level permissions (DOMAIN.md: "permissions must go down to role, department,
// record and field"), shared by the client, which shows and edits, and the server, which
// enforces. Fields are named by their database column. The matrix of permissions per class
// is in FieldPolicy.cpp; each field's class is in the record schema (RecordSchema.cpp).
class FieldPolicy
{
public:
    static FieldPermission permission(Role role, RecordType type, const QString &field);

    // The kind of personal information a field holds; std::nullopt if it holds none.
    static std::optional<PiiKind> piiKind(RecordType type, const QString &field);

    // Fields that change only through a validated command or an approval, never by a
    // plain edit or a silent sync merge: risk level, KYC status, fee rates, credit limit,
    // settlement account, approval state, the customer's lifecycle status and the state of
    // a KYC checklist item.
    static bool isSensitive(RecordType type, const QString &field);

    // The most characters the field's text may hold, checked on both ends (a longer value is
    // refused, never cut). Fields not in the table (ids, stamps) get a short default.
    static int maxLength(RecordType type, const QString &field);

    // Whether the role may see the clear value of a PII field on request. The request
    // still needs a reason and is audited by the caller; false for fields that hold no PII.
    static bool mayReveal(Role role, RecordType type, const QString &field);

    // The text to show: empty for a hidden field; a PII field masked unless `revealed`
    // and the role may reveal it; any other field as it is.
    static QString present(Role role, RecordType type, const QString &field, const QString &value,
                           bool revealed);

    // The same for a permission and PII kind known by other means, such as a custom field
    // whose visibility comes from its form definition.
    static QString present(FieldPermission permission, std::optional<PiiKind> kind,
                           const QString &value, bool revealed);
};

} // namespace branchline
