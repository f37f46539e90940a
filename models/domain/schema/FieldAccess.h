// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

namespace branchline {

// How one schema field is read from and written into a record struct, in the field's
// canonical form:
//
// | field type                     | canonical value                               |
// | ------------------------------ | --------------------------------------------- |
// | text, long text, reference     | QString, empty when there is none             |
// | choice                         | QString code, empty when there is none        |
// | integer, money, rate           | qint64, or an invalid QVariant when none      |
// | date / datetime                | QDate / QDateTime, invalid when none          |
// | bool                           | bool                                          |
// | text list                      | QStringList                                   |
//
// The wire (JSON) and both stores (SQL) translate the canonical value by the field's type
// (FieldValues), so a record struct is mapped once, here, and nowhere else.
template<typename Record>
struct FieldAccess
{
    QLatin1String key;
    std::function<QVariant(const Record &)> get;
    // False when `value` is not one the field takes (a code outside its vocabulary).
    std::function<bool(Record &, const QVariant &)> set;

    // The same field of a struct that extends Record (the server's record with its scope
    // key, say).
    template<typename Derived>
    FieldAccess<Derived> lifted() const
    {
        static_assert(std::is_base_of_v<Record, Derived>);
        return FieldAccess<Derived>{ key, get, set };
    }
};

template<typename Record>
using FieldMap = QList<FieldAccess<Record>>;

// Builders for the common members. `Base` is the struct that declares the member, so a
// derived record can name its base's members.
namespace fields {

template<typename Record, typename Base>
FieldAccess<Record> text(QLatin1String key, QString Base::*member)
{
    return { key, [member](const Record &r) { return QVariant(r.*member); },
             [member](Record &r, const QVariant &v) {
                 r.*member = v.toString();
                 return true;
             } };
}

template<typename Record, typename Base>
FieldAccess<Record> dateTime(QLatin1String key, QDateTime Base::*member)
{
    return { key, [member](const Record &r) { return QVariant(r.*member); },
             [member](Record &r, const QVariant &v) {
                 r.*member = v.toDateTime();
                 return true;
             } };
}

template<typename Record, typename Base>
FieldAccess<Record> date(QLatin1String key, QDate Base::*member)
{
    return { key, [member](const Record &r) { return QVariant(r.*member); },
             [member](Record &r, const QVariant &v) {
                 r.*member = v.toDate();
                 return true;
             } };
}

template<typename Record, typename Base>
FieldAccess<Record> flag(QLatin1String key, bool Base::*member)
{
    return { key, [member](const Record &r) { return QVariant(r.*member); },
             [member](Record &r, const QVariant &v) {
                 r.*member = v.toBool();
                 return true;
             } };
}

template<typename Record, typename Base, typename Number>
FieldAccess<Record> number(QLatin1String key, Number Base::*member)
{
    return { key, [member](const Record &r) { return QVariant(qint64(r.*member)); },
             [member](Record &r, const QVariant &v) {
                 r.*member = Number(v.toLongLong());
                 return true;
             } };
}

// A number that may be unset (a fee rate before its approval).
template<typename Record, typename Base>
FieldAccess<Record> optionalNumber(QLatin1String key, std::optional<qint64> Base::*member)
{
    return { key,
             [member](const Record &r) {
                 const std::optional<qint64> &value = r.*member;
                 return value ? QVariant(*value) : QVariant();
             },
             [member](Record &r, const QVariant &v) {
                 r.*member = v.isValid() ? std::optional<qint64>(v.toLongLong()) : std::nullopt;
                 return true;
             } };
}

template<typename Record, typename Base>
FieldAccess<Record> list(QLatin1String key, QStringList Base::*member)
{
    return { key, [member](const Record &r) { return QVariant(r.*member); },
             [member](Record &r, const QVariant &v) {
                 r.*member = v.toStringList();
                 return true;
             } };
}

// An enum member, by its codes in `Enums` (RecordEnums or MerchantEnums).
template<typename Enums, typename Record, typename Base, typename Enum>
FieldAccess<Record> choice(QLatin1String key, Enum Base::*member)
{
    return { key, [member](const Record &r) { return QVariant(Enums::code(r.*member)); },
             [member](Record &r, const QVariant &v) {
                 const std::optional<Enum> value = Enums::template parse<Enum>(v.toString());
                 if (!value)
                     return false;
                 r.*member = *value;
                 return true;
             } };
}

// An enum member that may be unset (a risk level before the first rating).
template<typename Enums, typename Record, typename Base, typename Enum>
FieldAccess<Record> optionalChoice(QLatin1String key, std::optional<Enum> Base::*member)
{
    return { key,
             [member](const Record &r) {
                 const std::optional<Enum> &value = r.*member;
                 return QVariant(value ? Enums::code(*value) : QString());
             },
             [member](Record &r, const QVariant &v) {
                 const QString code = v.toString();
                 if (code.isEmpty()) {
                     r.*member = std::nullopt;
                     return true;
                 }
                 r.*member = Enums::template parse<Enum>(code);
                 return (r.*member).has_value();
             } };
}

} // namespace fields

} // namespace branchline
