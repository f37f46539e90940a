// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace branchline {

// What people call the tables and columns that sync and the conflict journal name by
// their database names, and how a value travelling as JSON reads on screen. Forms have
// their own labels next to their fields; this is for the places that only have the name.
class FieldLabels
{
    Q_DECLARE_TR_FUNCTIONS(FieldLabels)

public:
    // "Customer", "Lead", …; the table name itself when unknown.
    static QString recordKind(const QString &table);
    // "Mobile", "Risk level", …; the column name itself when unknown.
    static QString field(const QString &table, const QString &column);
    static std::optional<RecordType> recordType(const QString &table);

    // A value as the viewer may read it: null as "(empty)", closed-vocabulary codes as
    // their labels, PII masked for a role that sees it masked, a hidden field as "hidden".
    static QString value(Role viewer, const QString &table, const QString &column,
                         const QJsonValue &value);
};

} // namespace branchline
