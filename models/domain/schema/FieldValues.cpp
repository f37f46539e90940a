// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/schema/FieldValues.h"

#include <QDateTime>
#include <QJsonArray>

namespace branchline {

namespace {

using Fault = FieldValues::Fault;

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString isoDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

Fault textFromJson(const FieldSchema &field, const QJsonValue &json, QVariant *value)
{
    if (json.isNull() && field.has(FieldSchema::Nullable)) {
        *value = QString();
        return Fault::None;
    }
    if (!json.isString())
        return Fault::WrongType;
    const QString text = json.toString();
    *value = text;
    if (field.type != FieldType::Choice)
        return Fault::None;
    if (text.isEmpty())
        return field.has(FieldSchema::Required) ? Fault::InvalidValue : Fault::None;
    return field.vocabulary && !field.vocabulary().contains(text) ? Fault::InvalidValue
                                                                  : Fault::None;
}

Fault timeFromJson(const FieldSchema &field, const QJsonValue &json, QVariant *value)
{
    if (!json.isString())
        return Fault::WrongType;
    const QString text = json.toString();
    if (field.type == FieldType::Date)
        *value = text.isEmpty() ? QDate() : QDate::fromString(text, Qt::ISODate);
    else
        *value = text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
    if (text.isEmpty())
        return field.has(FieldSchema::Required) ? Fault::InvalidValue : Fault::None;
    const bool valid = field.type == FieldType::Date ? value->toDate().isValid()
                                                     : value->toDateTime().isValid();
    return valid ? Fault::None : Fault::InvalidValue;
}

Fault numberFromJson(const FieldSchema &field, const QJsonValue &json, QVariant *value)
{
    if (json.isNull() && field.has(FieldSchema::Nullable)) {
        *value = QVariant();
        return Fault::None;
    }
    if (!json.isDouble())
        return Fault::WrongType;
    const double number = json.toDouble();
    // Amounts and rates are never negative; a plain integer (a score) may be, for the
    // validator to name the range.
    const double lowest = field.type == FieldType::Integer ? -FieldValues::largestNumber : 0;
    if (number < lowest || number > FieldValues::largestNumber || number != double(qint64(number)))
        return Fault::WrongType;
    *value = qint64(number);
    return Fault::None;
}

Fault listFromJson(const QJsonValue &json, QVariant *value)
{
    if (!json.isArray())
        return Fault::WrongType;
    QStringList items;
    for (const QJsonValue &item : json.toArray()) {
        if (!item.isString())
            return Fault::WrongType;
        items << item.toString();
    }
    *value = items;
    return Fault::None;
}

} // namespace

QJsonValue FieldValues::toJson(const FieldSchema &field, const QVariant &value)
{
    switch (field.type) {
    case FieldType::Integer:
    case FieldType::Money:
    case FieldType::Rate:
        return value.isValid() ? QJsonValue(value.toLongLong()) : QJsonValue();
    case FieldType::Date:
        return isoDate(value.toDate());
    case FieldType::DateTime:
        return isoTime(value.toDateTime());
    case FieldType::Bool:
        return value.toBool();
    case FieldType::TextList:
        return QJsonArray::fromStringList(value.toStringList());
    case FieldType::Choice:
        if (value.toString().isEmpty() && field.has(FieldSchema::Nullable))
            return QJsonValue();
        return value.toString();
    case FieldType::Text:
    case FieldType::LongText:
    case FieldType::Reference:
        break;
    }
    return value.toString();
}

FieldValues::Fault FieldValues::fromJson(const FieldSchema &field, const QJsonValue &json,
                                         QVariant *value)
{
    switch (field.type) {
    case FieldType::Integer:
    case FieldType::Money:
    case FieldType::Rate:
        return numberFromJson(field, json, value);
    case FieldType::Date:
    case FieldType::DateTime:
        return timeFromJson(field, json, value);
    case FieldType::Bool:
        if (!json.isBool())
            return Fault::WrongType;
        *value = json.toBool();
        return Fault::None;
    case FieldType::TextList:
        return listFromJson(json, value);
    case FieldType::Text:
    case FieldType::LongText:
    case FieldType::Reference:
    case FieldType::Choice:
        break;
    }
    return textFromJson(field, json, value);
}

QVariant FieldValues::toStored(const FieldSchema &field, const QVariant &value)
{
    switch (field.type) {
    case FieldType::Integer:
    case FieldType::Money:
    case FieldType::Rate:
        if (value.isValid())
            return value.toLongLong();
        return field.has(FieldSchema::Nullable) ? QVariant(QMetaType::fromType<qint64>())
                                                : QVariant(qint64(0));
    case FieldType::Date: {
        const QString text = isoDate(value.toDate());
        return text.isEmpty() ? nullText() : QVariant(text);
    }
    case FieldType::DateTime: {
        const QString text = isoTime(value.toDateTime());
        return text.isEmpty() ? nullText() : QVariant(text);
    }
    case FieldType::Bool:
        return qint64(value.toBool() ? 1 : 0);
    case FieldType::TextList: {
        const QString joined = value.toStringList().join(QLatin1Char(','));
        return joined.isEmpty() ? QStringLiteral("") : joined; // never a null QString: NULL
    }
    case FieldType::Text:
    case FieldType::LongText:
    case FieldType::Reference:
    case FieldType::Choice:
        break;
    }
    if (value.toString().isEmpty())
        return field.has(FieldSchema::Nullable) ? nullText() : QVariant(QStringLiteral(""));
    return value; // already the text: no second copy (a row's worth of them per save)
}

QVariant FieldValues::fromStored(const FieldSchema &field, const QVariant &stored)
{
    switch (field.type) {
    case FieldType::Integer:
    case FieldType::Money:
    case FieldType::Rate:
        return stored.isNull() ? QVariant() : QVariant(stored.toLongLong());
    case FieldType::Date:
        return stored.isNull() ? QDate() : QDate::fromString(stored.toString(), Qt::ISODate);
    case FieldType::DateTime:
        return stored.isNull() ? QDateTime()
                               : QDateTime::fromString(stored.toString(), Qt::ISODateWithMs);
    case FieldType::Bool:
        return stored.toBool();
    case FieldType::TextList:
        return stored.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    case FieldType::Text:
    case FieldType::LongText:
    case FieldType::Reference:
    case FieldType::Choice:
        break;
    }
    // Text as it came; the record's setter takes toString(), which reads NULL as empty.
    return stored;
}

} // namespace branchline
