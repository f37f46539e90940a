// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SchemaRecordKind.h"
#include "core/Authenticator.h"
#include "core/DataScope.h"
#include "domain/records/Contact.h"
#include "domain/rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>

#include <optional>

namespace branchline::server {

// A contact on the wire and in the server's table, for RecordService. Contacts are scoped
// through their customer: whoever may see the customer may see and edit its contacts.
class ContactJson : public SchemaRecordKind<ContactJson, Contact>
{
    Q_DECLARE_TR_FUNCTIONS(ContactJson)

public:
    using Record = Contact;
    static constexpr RecordType type = RecordType::Contact;
    static QString nameColumn() { return QStringLiteral("name"); }
    static QStringList filterColumns();
    static bool exactMatch(const QString &text, QString *column, QString *value);
    static QString notFound(const QString &id);
    static std::optional<QString> deleteRefusal(Role role);

    static QString scopeCondition(const DataScope &scope, QVariantList *values);
    // The keys of the record it belongs to; none when that record is gone.
    static bool scopeKeys(QSqlDatabase &db, const Contact &contact, ScopeKeys *keys,
                          QString *error);
    static bool inScope(QSqlDatabase &db, const DataScope &scope, const Contact &contact,
                        bool *inside, QString *error);
    static void applyDefaults(Contact &, const Caller &) { }
    static std::optional<QString> updateRefusal() { return std::nullopt; }
};

} // namespace branchline::server
