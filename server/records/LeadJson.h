// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OwnedRecordKind.h"
#include "SchemaRecordKind.h"
#include "domain/records/Lead.h"
#include "domain/rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>

#include <optional>

namespace branchline::server {

// A lead on the wire and in the server's table, for RecordService. Leads are scoped like
// customers (owner and branch); a lead is marked converted only by converting it: the
// status comes with the id of the new customer (RecordValidator), which must be in scope.
class LeadJson : public OwnedRecordKind<Lead>, public SchemaRecordKind<LeadJson, Lead>
{
    Q_DECLARE_TR_FUNCTIONS(LeadJson)

public:
    using Record = Lead;
    static constexpr RecordType type = RecordType::Lead;
    static QString nameColumn() { return QStringLiteral("name"); }
    static QStringList filterColumns();
    static bool exactMatch(const QString &text, QString *column, QString *value);
    static QString notFound(const QString &id);
    static std::optional<QString> deleteRefusal(Role role);
    // As for any owned record, and a converted lead's customer must be one the caller sees.
    static bool inScope(QSqlDatabase &db, const DataScope &scope, const Lead &lead, bool *inside,
                        QString *error);
    // Once converted, a lead stays linked to the customer it was converted into.
    static std::optional<QString> checkWrite(const Caller &caller, const Lead *before, Lead &lead,
                                             QStringList *set);
};

} // namespace branchline::server
