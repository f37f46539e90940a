// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadJson.h"

#include "domain/rules/MobileNumber.h"

#include <QSqlError>

namespace branchline::server {

QStringList LeadJson::filterColumns()
{
    return { QStringLiteral("status"), QStringLiteral("source") };
}

bool LeadJson::exactMatch(const QString &text, QString *column, QString *value)
{
    const IdentifierCheck phone = MobileNumber::check(text);
    if (!phone.ok())
        return false;
    // Stored sealed: found through the column's blind index.
    return PiiTable::of<LeadJson>().lookup(QStringLiteral("phone"), phone.normalized, column,
                                           value);
}

std::optional<QString> LeadJson::checkWrite(const Caller &, const Lead *before, Lead &lead,
                                            QStringList *)
{
    if (before && !before->convertedCustomerId.isEmpty()
        && lead.convertedCustomerId != before->convertedCustomerId)
        return tr("A converted lead keeps the customer it was converted into.");
    return std::nullopt;
}

QString LeadJson::notFound(const QString &id)
{
    return tr("There is no lead %1 that you may see.").arg(id);
}

std::optional<QString> LeadJson::deleteRefusal(Role role)
{
    if (role == Role::RiskOfficer || role == Role::Admin)
        return tr("Only the sales staff who work leads delete them.");
    return std::nullopt;
}

bool LeadJson::inScope(QSqlDatabase &db, const DataScope &scope, const Lead &lead, bool *inside,
                       QString *error)
{
    if (!OwnedRecordKind<Lead>::inScope(db, scope, lead, inside, error))
        return false;
    if (!*inside || lead.convertedCustomerId.isEmpty())
        return true;
    // Converted into a customer: one that exists and that the caller may see, as a
    // contact's customer must be (the client inserts it earlier in the same push). Checked
    // when the link is made only: a customer handed to someone else later must not stop
    // the lead's owner from editing their lead.
    QSqlQuery linked(db);
    linked.prepare(
            QStringLiteral("SELECT 1 FROM leads WHERE id = ? AND converted_customer_id = ?"));
    linked.addBindValue(lead.meta.id);
    linked.addBindValue(lead.convertedCustomerId);
    if (!linked.exec()) {
        *error = linked.lastError().text();
        return false;
    }
    if (linked.next())
        return true;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT owner_id, branch_id FROM customers WHERE id = ? AND "
                                 "deleted = 0"));
    query.addBindValue(lead.convertedCustomerId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    *inside = query.next()
            && scope.contains(
                    ScopeKeys{ query.value(0).toString(), query.value(1).toString(), false });
    return true;
}

} // namespace branchline::server
