// SPDX-License-Identifier: GPL-3.0-or-later
#include "JournalValues.h"

#include <QJsonObject>

namespace branchline::server::JournalValues {

namespace {

constexpr int maxFields = 100;

QJsonValue boundedText(RecordType type, const QString &field, const QJsonValue &value)
{
    if (!value.isString())
        return value.isObject() || value.isArray() ? QJsonValue(QJsonValue::Null) : value;
    const int limit = FieldPolicy::maxLength(type, field);
    const QString text = value.toString();
    return text.size() <= limit ? value : QJsonValue(text.left(limit) + QStringLiteral(" […]"));
}

QJsonValue shownField(Role role, RecordType type, const QString &field, const QJsonValue &value)
{
    if (!value.isString())
        return value;
    return FieldPolicy::present(role, type, field, value.toString(), false);
}

} // namespace

QJsonValue bounded(RecordType type, const QJsonValue &fields)
{
    if (!fields.isObject())
        return boundedText(type, QString(), fields);
    const QJsonObject object = fields.toObject();
    QJsonObject kept;
    for (auto it = object.begin(); it != object.end() && kept.size() < maxFields; ++it)
        kept.insert(it.key().left(64), boundedText(type, it.key(), it.value()));
    return kept;
}

QJsonValue shown(Role role, RecordType type, const QString &field, const QJsonValue &value)
{
    if (!field.isEmpty() || !value.isObject())
        return field.isEmpty() ? value : shownField(role, type, field, value);
    const QJsonObject object = value.toObject();
    QJsonObject visible;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (FieldPolicy::permission(role, type, it.key()) == FieldPermission::Hidden)
            continue;
        visible.insert(it.key(), shownField(role, type, it.key(), it.value()));
    }
    return visible;
}

RecordType typeOfTable(const QString &table)
{
    if (table == QLatin1String("contacts"))
        return RecordType::Contact;
    if (table == QLatin1String("leads"))
        return RecordType::Lead;
    if (table == QLatin1String("tasks"))
        return RecordType::Task;
    if (table == QLatin1String("activities"))
        return RecordType::Activity;
    if (table == QLatin1String("terminals"))
        return RecordType::Terminal;
    if (table == QLatin1String("merchant_volumes"))
        return RecordType::MerchantVolume;
    if (table == QLatin1String("kyc_items"))
        return RecordType::KycItem;
    return RecordType::Customer;
}

} // namespace branchline::server::JournalValues
