// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerJson.h"

#include "domain/rules/CreditCode.h"
#include "domain/rules/MobileNumber.h"
#include "domain/rules/ResidentIdNumber.h"

namespace branchline::server {

QStringList CustomerJson::filterColumns()
{
    return { QStringLiteral("kind"), QStringLiteral("status"), QStringLiteral("risk_level") };
}

bool CustomerJson::exactMatch(const QString &text, QString *column, QString *value)
{
    // Stored sealed: found through the column's blind index.
    const PiiTable &pii = PiiTable::of<CustomerJson>();
    if (const IdentifierCheck code = CreditCode::check(text); code.ok())
        return pii.lookup(QStringLiteral("credit_code"), code.normalized, column, value);
    if (const IdentifierCheck id = ResidentIdNumber::check(text); id.ok())
        return pii.lookup(QStringLiteral("id_number"), id.normalized, column, value);
    if (const IdentifierCheck phone = MobileNumber::check(text); phone.ok())
        return pii.lookup(QStringLiteral("phone"), phone.normalized, column, value);
    return false;
}

QString CustomerJson::notFound(const QString &id)
{
    return tr("There is no customer %1 that you may see.").arg(id);
}

std::optional<QString> CustomerJson::deleteRefusal(Role role)
{
    if (role == Role::RiskOfficer)
        return tr("Risk officers review customers; they do not delete them.");
    return std::nullopt;
}

} // namespace branchline::server
