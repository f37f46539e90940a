// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactJson.h"

#include "PiiRow.h"
#include "core/SqlValues.h"
#include "rules/MobileNumber.h"

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

QStringList ContactJson::fields()
{
    return { QStringLiteral("customer_id"), QStringLiteral("name"),  QStringLiteral("title"),
             QStringLiteral("phone"),       QStringLiteral("email"), QStringLiteral("is_primary"),
             QStringLiteral("notes") };
}

QJsonObject ContactJson::toJson(const Contact &c)
{
    return {
        { QStringLiteral("id"), c.meta.id },
        { QStringLiteral("version"), c.meta.version },
        { QStringLiteral("customer_id"), c.customerId },
        { QStringLiteral("name"), c.name },
        { QStringLiteral("title"), c.title },
        { QStringLiteral("phone"), c.phone },
        { QStringLiteral("email"), c.email },
        { QStringLiteral("is_primary"), c.isPrimary },
        { QStringLiteral("notes"), c.notes },
        { QStringLiteral("created_at"), c.meta.createdAt.toString(Qt::ISODateWithMs) },
        { QStringLiteral("updated_at"), c.meta.updatedAt.toString(Qt::ISODateWithMs) },
    };
}

bool ContactJson::apply(const QJsonObject &object, Contact *c, QStringList *set, QString *problem)
{
    const QStringList known = fields();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        if (key == QLatin1String("id") || key == QLatin1String("version"))
            continue;
        if (!known.contains(key)) {
            *problem = tr("\"%1\" is not a field of a contact.").arg(key);
            return false;
        }
        const bool isFlag = key == QLatin1String("is_primary");
        if (isFlag ? !it.value().isBool() : !it.value().isString()) {
            *problem = tr("The field \"%1\" has a value of the wrong type.").arg(key);
            return false;
        }
        const QString text = it.value().toString();
        if (isFlag)
            c->isPrimary = it.value().toBool();
        else if (key == QLatin1String("customer_id"))
            c->customerId = text;
        else if (key == QLatin1String("name"))
            c->name = text;
        else if (key == QLatin1String("title"))
            c->title = text;
        else if (key == QLatin1String("phone"))
            c->phone = text;
        else if (key == QLatin1String("email"))
            c->email = text;
        else if (key == QLatin1String("notes"))
            c->notes = text;
        set->append(key);
    }
    return true;
}

QString ContactJson::selectColumns()
{
    return QStringLiteral("id, version, deleted, created_at, updated_at, ")
            + fields().join(QStringLiteral(", "));
}

Contact ContactJson::read(const QSqlQuery &query)
{
    const PiiRow q(query, PiiTable::of<ContactJson>());
    Contact c;
    c.meta.id = q.value(0).toString();
    c.meta.version = q.value(1).toLongLong();
    c.meta.deleted = q.value(2).toInt() != 0;
    c.meta.createdAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    c.meta.updatedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    c.customerId = q.value(5).toString();
    c.name = q.value(6).toString();
    c.title = q.value(7).toString();
    c.phone = q.value(8).toString();
    c.email = q.value(9).toString();
    c.isPrimary = q.value(10).toInt() != 0;
    c.notes = q.value(11).toString();
    return c;
}

void ContactJson::bindAll(QSqlQuery &query, const Contact &c)
{
    query.addBindValue(textValue(c.customerId));
    query.addBindValue(textValue(c.name));
    query.addBindValue(textValue(c.title));
    query.addBindValue(nullableText(c.phone));
    query.addBindValue(nullableText(c.email));
    query.addBindValue(c.isPrimary ? 1 : 0);
    query.addBindValue(textValue(c.notes));
}

} // namespace branchline::server
