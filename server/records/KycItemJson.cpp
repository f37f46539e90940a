// SPDX-License-Identifier: GPL-3.0-or-later
#include "KycItemJson.h"

#include "PiiRow.h"
#include "core/SqlValues.h"
#include "records/MerchantEnums.h"
#include "rules/KycRules.h"

namespace branchline::server {

std::optional<QString> KycItemJson::deleteRefusal(Role)
{
    return tr("Checklist items are not deleted; a risk officer rejects one instead.");
}

std::optional<QString> KycItemJson::checkWrite(const Caller &caller, const KycItem *before,
                                               KycItem &item, QStringList *set)
{
    set->removeAll(QStringLiteral("updated_by"));
    item.updatedBy = before ? before->updatedBy : QString();
    if (before) {
        if (before->customerId != item.customerId || before->item != item.item)
            return tr("The customer and the item of a checklist entry never change.");
    } else if (item.meta.id != KycRules::itemId(item.customerId, item.item)) {
        return tr("This checklist entry's id does not match its customer and item.");
    }
    if (!set->contains(QStringLiteral("state")) && !set->contains(QStringLiteral("note")))
        return std::nullopt;
    return KycRules::refuseChange(caller.role, before ? before->state : KycItemState::Missing,
                                  item.state);
}

QStringList KycItemJson::fields()
{
    return { QStringLiteral("customer_id"), QStringLiteral("item"), QStringLiteral("state"),
             QStringLiteral("note"), QStringLiteral("updated_by") };
}

QJsonObject KycItemJson::toJson(const KycItem &k)
{
    return {
        { QStringLiteral("id"), k.meta.id },
        { QStringLiteral("version"), k.meta.version },
        { QStringLiteral("customer_id"), k.customerId },
        { QStringLiteral("item"), MerchantEnums::code(k.item) },
        { QStringLiteral("state"), MerchantEnums::code(k.state) },
        { QStringLiteral("note"), k.note },
        { QStringLiteral("updated_by"), k.updatedBy },
        { QStringLiteral("created_at"), k.meta.createdAt.toString(Qt::ISODateWithMs) },
        { QStringLiteral("updated_at"), k.meta.updatedAt.toString(Qt::ISODateWithMs) },
    };
}

bool KycItemJson::apply(const QJsonObject &object, KycItem *k, QStringList *set, QString *problem)
{
    const QStringList known = fields();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        if (key == QLatin1String("id") || key == QLatin1String("version"))
            continue;
        if (!known.contains(key) || !it.value().isString()) {
            *problem = tr("\"%1\" is not a field of a checklist item, or its value is not text.")
                               .arg(key);
            return false;
        }
        const QString text = it.value().toString();
        bool valid = true;
        if (key == QLatin1String("customer_id")) {
            k->customerId = text;
        } else if (key == QLatin1String("item")) {
            const auto item = MerchantEnums::parse<KycItemKind>(text);
            valid = item.has_value();
            k->item = item.value_or(k->item);
        } else if (key == QLatin1String("state")) {
            const auto state = MerchantEnums::parse<KycItemState>(text);
            valid = state.has_value();
            k->state = state.value_or(k->state);
        } else if (key == QLatin1String("note")) {
            k->note = text;
        } else {
            k->updatedBy = text;
        }
        if (!valid) {
            *problem = tr("\"%1\" is not a valid value for \"%2\".").arg(text, key);
            return false;
        }
        set->append(key);
    }
    return true;
}

QString KycItemJson::selectColumns()
{
    return QStringLiteral("id, version, deleted, created_at, updated_at, ")
            + fields().join(QStringLiteral(", "));
}

KycItem KycItemJson::read(const QSqlQuery &query)
{
    const PiiRow q(query, PiiTable::of<KycItemJson>());
    KycItem k;
    k.meta.id = q.value(0).toString();
    k.meta.version = q.value(1).toLongLong();
    k.meta.deleted = q.value(2).toInt() != 0;
    k.meta.createdAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    k.meta.updatedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    k.customerId = q.value(5).toString();
    k.item = MerchantEnums::parse<KycItemKind>(q.value(6).toString())
                     .value_or(KycItemKind::BusinessLicence);
    k.state = MerchantEnums::parse<KycItemState>(q.value(7).toString())
                      .value_or(KycItemState::Missing);
    k.note = q.value(8).toString();
    k.updatedBy = q.value(9).toString();
    return k;
}

void KycItemJson::bindAll(QSqlQuery &query, const KycItem &k)
{
    query.addBindValue(textValue(k.customerId));
    query.addBindValue(MerchantEnums::code(k.item));
    query.addBindValue(MerchantEnums::code(k.state));
    query.addBindValue(textValue(k.note));
    query.addBindValue(nullableText(k.updatedBy));
}

} // namespace branchline::server
