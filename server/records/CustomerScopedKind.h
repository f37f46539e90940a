// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Authenticator.h"
#include "core/DataScope.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

#include <optional>

namespace branchline::server {

// How a kind that belongs to a customer (its `customerId`) is scoped: whoever may see the
// customer may see it, exactly as contacts (ContactJson). `Derived` names the table. Used by
// the merchant detail: terminals, monthly volumes and KYC checklist items.
template<typename Derived, typename Record>
struct CustomerScopedKind
{
    // Correlated EXISTS for the reason given at ActivityJson::scopeCondition.
    static QString scopeCondition(const DataScope &scope, QVariantList *values)
    {
        return QStringLiteral("EXISTS (SELECT 1 FROM customers c WHERE c.id = %1.customer_id "
                              "AND c.deleted = 0 AND %2)")
                .arg(Derived::table(), scope.condition(QStringLiteral("c"), values));
    }

    // The keys of its customer; none when the customer is gone.
    static bool scopeKeys(QSqlDatabase &db, const Record &record, ScopeKeys *keys, QString *error)
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral(
                "SELECT owner_id, branch_id FROM customers WHERE id = ? AND deleted = 0"));
        query.addBindValue(record.customerId);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        *keys = query.next()
                ? ScopeKeys{ query.value(0).toString(), query.value(1).toString(), false }
                : ScopeKeys{};
        return true;
    }

    static bool inScope(QSqlDatabase &db, const DataScope &scope, const Record &record,
                        bool *inside, QString *error)
    {
        ScopeKeys keys;
        if (!scopeKeys(db, record, &keys, error))
            return false;
        *inside = scope.contains(keys);
        return true;
    }

    static QString notFound(const QString &id)
    {
        return QCoreApplication::translate("CustomerScopedKind",
                                           "There is no record %1 that you may see.")
                .arg(id);
    }
    static void applyDefaults(Record &, const Caller &) { }
    static std::optional<QString> updateRefusal() { return std::nullopt; }
};

} // namespace branchline::server
