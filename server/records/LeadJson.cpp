// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadJson.h"

#include "PiiRow.h"
#include "core/SqlValues.h"
#include "rules/MobileNumber.h"

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

QStringList LeadJson::fields()
{
    return { QStringLiteral("name"),
             QStringLiteral("company"),
             QStringLiteral("phone"),
             QStringLiteral("email"),
             QStringLiteral("source"),
             QStringLiteral("status"),
             QStringLiteral("score"),
             QStringLiteral("owner_id"),
             QStringLiteral("branch_id"),
             QStringLiteral("product_interest"),
             QStringLiteral("city"),
             QStringLiteral("notes"),
             QStringLiteral("converted_customer_id") };
}

QJsonObject LeadJson::toJson(const Lead &l)
{
    return {
        { QStringLiteral("id"), l.meta.id },
        { QStringLiteral("version"), l.meta.version },
        { QStringLiteral("name"), l.name },
        { QStringLiteral("company"), l.company },
        { QStringLiteral("phone"), l.phone },
        { QStringLiteral("email"), l.email },
        { QStringLiteral("source"), RecordEnums::code(l.source) },
        { QStringLiteral("status"), RecordEnums::code(l.status) },
        { QStringLiteral("score"), l.score },
        { QStringLiteral("owner_id"), l.ownerId },
        { QStringLiteral("branch_id"), l.branchId },
        { QStringLiteral("product_interest"), l.productInterest },
        { QStringLiteral("city"), l.city },
        { QStringLiteral("notes"), l.notes },
        { QStringLiteral("converted_customer_id"), l.convertedCustomerId },
        { QStringLiteral("created_at"), l.meta.createdAt.toString(Qt::ISODateWithMs) },
        { QStringLiteral("updated_at"), l.meta.updatedAt.toString(Qt::ISODateWithMs) },
    };
}

bool LeadJson::apply(const QJsonObject &object, Lead *l, QStringList *set, QString *problem)
{
    const QStringList known = fields();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        const QJsonValue value = it.value();
        if (key == QLatin1String("id") || key == QLatin1String("version"))
            continue;
        if (!known.contains(key)) {
            *problem = tr("\"%1\" is not a field of a lead.").arg(key);
            return false;
        }
        if (key == QLatin1String("score")) {
            if (!value.isDouble() || value.toDouble() != double(value.toInt())) {
                *problem = tr("The field \"%1\" has a value of the wrong type.").arg(key);
                return false;
            }
            l->score = value.toInt();
        } else if (!value.isString()) {
            *problem = tr("The field \"%1\" has a value of the wrong type.").arg(key);
            return false;
        } else {
            const QString text = value.toString();
            bool validValue = true;
            if (key == QLatin1String("source")) {
                const auto source = RecordEnums::parse<LeadSource>(text);
                validValue = source.has_value();
                l->source = source.value_or(l->source);
            } else if (key == QLatin1String("status")) {
                const auto status = RecordEnums::parse<LeadStatus>(text);
                validValue = status.has_value();
                l->status = status.value_or(l->status);
            } else if (key == QLatin1String("name")) {
                l->name = text;
            } else if (key == QLatin1String("company")) {
                l->company = text;
            } else if (key == QLatin1String("phone")) {
                l->phone = text;
            } else if (key == QLatin1String("email")) {
                l->email = text;
            } else if (key == QLatin1String("owner_id")) {
                l->ownerId = text;
            } else if (key == QLatin1String("branch_id")) {
                l->branchId = text;
            } else if (key == QLatin1String("product_interest")) {
                l->productInterest = text;
            } else if (key == QLatin1String("city")) {
                l->city = text;
            } else if (key == QLatin1String("notes")) {
                l->notes = text;
            } else if (key == QLatin1String("converted_customer_id")) {
                // `l` holds the stored lead: once converted, it stays linked to its customer.
                if (!l->convertedCustomerId.isEmpty() && text != l->convertedCustomerId) {
                    *problem = tr("A converted lead keeps the customer it was converted into.");
                    return false;
                }
                l->convertedCustomerId = text;
            }
            if (!validValue) {
                *problem = tr("\"%1\" is not a valid value for \"%2\".").arg(text, key);
                return false;
            }
        }
        set->append(key);
    }
    return true;
}

QString LeadJson::selectColumns()
{
    return QStringLiteral("id, version, deleted, created_at, updated_at, ")
            + fields().join(QStringLiteral(", "));
}

Lead LeadJson::read(const QSqlQuery &query)
{
    const PiiRow q(query, PiiTable::of<LeadJson>());
    Lead l;
    l.meta.id = q.value(0).toString();
    l.meta.version = q.value(1).toLongLong();
    l.meta.deleted = q.value(2).toInt() != 0;
    l.meta.createdAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    l.meta.updatedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    int i = 5;
    l.name = q.value(i++).toString();
    l.company = q.value(i++).toString();
    l.phone = q.value(i++).toString();
    l.email = q.value(i++).toString();
    l.source =
            RecordEnums::parse<LeadSource>(q.value(i++).toString()).value_or(LeadSource::WebForm);
    l.status = RecordEnums::parse<LeadStatus>(q.value(i++).toString()).value_or(LeadStatus::New);
    l.score = q.value(i++).toInt();
    l.ownerId = q.value(i++).toString();
    l.branchId = q.value(i++).toString();
    l.productInterest = q.value(i++).toString();
    l.city = q.value(i++).toString();
    l.notes = q.value(i++).toString();
    l.convertedCustomerId = q.value(i++).toString();
    return l;
}

void LeadJson::bindAll(QSqlQuery &query, const Lead &l)
{
    query.addBindValue(textValue(l.name));
    query.addBindValue(textValue(l.company));
    query.addBindValue(nullableText(l.phone));
    query.addBindValue(nullableText(l.email));
    query.addBindValue(RecordEnums::code(l.source));
    query.addBindValue(RecordEnums::code(l.status));
    query.addBindValue(l.score);
    query.addBindValue(nullableText(l.ownerId));
    query.addBindValue(nullableText(l.branchId));
    query.addBindValue(textValue(l.productInterest));
    query.addBindValue(textValue(l.city));
    query.addBindValue(textValue(l.notes));
    query.addBindValue(nullableText(l.convertedCustomerId));
}

} // namespace branchline::server
