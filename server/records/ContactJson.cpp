// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactJson.h"

#include "domain/rules/MobileNumber.h"

#include <QSqlError>

namespace branchline::server {

QStringList ContactJson::filterColumns()
{
    return { QStringLiteral("customer_id") };
}

bool ContactJson::exactMatch(const QString &text, QString *column, QString *value)
{
    const IdentifierCheck phone = MobileNumber::check(text);
    if (!phone.ok())
        return false;
    // Stored sealed: found through the column's blind index.
    return PiiTable::of<ContactJson>().lookup(QStringLiteral("phone"), phone.normalized, column,
                                              value);
}

QString ContactJson::notFound(const QString &id)
{
    return tr("There is no contact %1 that you may see.").arg(id);
}

std::optional<QString> ContactJson::deleteRefusal(Role role)
{
    if (role == Role::RiskOfficer || role == Role::Admin)
        return tr("Contacts are deleted by the people who look after the customer.");
    return std::nullopt;
}

QString ContactJson::scopeCondition(const DataScope &scope, QVariantList *values)
{
    // Correlated EXISTS for the reason given at ActivityJson::scopeCondition.
    return QStringLiteral("EXISTS (SELECT 1 FROM customers c WHERE c.id = contacts.customer_id "
                          "AND c.deleted = 0 AND %1)")
            .arg(scope.condition(QStringLiteral("c"), values));
}

bool ContactJson::scopeKeys(QSqlDatabase &db, const Contact &contact, ScopeKeys *keys,
                            QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT owner_id, branch_id FROM customers WHERE id = ? AND "
                                 "deleted = 0"));
    query.addBindValue(contact.customerId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    *keys = query.next() ? ScopeKeys{ query.value(0).toString(), query.value(1).toString(), false }
                         : ScopeKeys{};
    return true;
}

bool ContactJson::inScope(QSqlDatabase &db, const DataScope &scope, const Contact &contact,
                          bool *inside, QString *error)
{
    ScopeKeys keys;
    if (!scopeKeys(db, contact, &keys, error))
        return false;
    *inside = scope.contains(keys);
    return true;
}

} // namespace branchline::server
