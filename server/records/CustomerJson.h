// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OwnedRecordKind.h"
#include "SchemaRecordKind.h"
#include "domain/records/Customer.h"
#include "domain/rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>

#include <optional>

namespace branchline::server {

// A customer on the wire and in the server's table, and what RecordService needs to know
// of the kind. JSON keys are the column names, so field permissions (FieldPolicy) apply to
// the wire as they do to the store.
class CustomerJson : public OwnedRecordKind<Customer>,
                     public SchemaRecordKind<CustomerJson, Customer>
{
    Q_DECLARE_TR_FUNCTIONS(CustomerJson)

public:
    using Record = Customer;
    static constexpr RecordType type = RecordType::Customer;
    static QString nameColumn() { return QStringLiteral("legal_name"); }
    static QStringList filterColumns();
    // A full, valid 统一社会信用代码, 身份证号 or mobile number in the search box.
    static bool exactMatch(const QString &text, QString *column, QString *value);
    static QString notFound(const QString &id);
    static std::optional<QString> deleteRefusal(Role role);

    // Copies the fields present in `object` onto `customer`; lists them in `set`. Unknown
    // fields and values of the wrong type are refused with a reason.
};

} // namespace branchline::server
