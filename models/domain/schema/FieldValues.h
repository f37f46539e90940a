// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/schema/RecordSchema.h"

#include <QJsonValue>
#include <QVariant>

namespace branchline {

// A field's canonical value (FieldAccess.h) on the wire and in the stores, by the field's
// type. Both programs write every record field through here: the same field is the same
// JSON and the same SQL value on the client and on the server.
class FieldValues
{
public:
    enum class Fault {
        None,
        WrongType, // a number where text belongs, an array where a number does, ...
        InvalidValue, // the right type, but not a value the field takes
    };

    // JSON: text as strings, numbers as numbers (null when unset), dates and times as ISO
    // 8601 strings (empty when unset), booleans, lists as arrays. An optional choice
    // without a value is null.
    static QJsonValue toJson(const FieldSchema &field, const QVariant &value);
    static Fault fromJson(const FieldSchema &field, const QJsonValue &json, QVariant *value);

    // SQL: empty optional text and unset numbers and dates as NULL, the rest as their text
    // or number; booleans as 0/1; lists comma-joined.
    static QVariant toStored(const FieldSchema &field, const QVariant &value);
    static QVariant fromStored(const FieldSchema &field, const QVariant &stored);

    // The largest whole number a JSON number carries exactly (doubles above 2^53 do not).
    static constexpr double largestNumber = 9.0e15;
};

} // namespace branchline
