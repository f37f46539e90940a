// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The engine's own description of each data set: the SQL behind every catalogue name.
// Only DataSetCatalog and QueryCompiler read it; nothing here comes from a user.

#include "dashboards/DataSetCatalog.h"
#include "domain/rules/FieldPolicy.h"

#include <QList>
#include <QString>

#include <optional>

namespace branchline::schema {

// The tables a data set may join, each under a fixed alias: "u" the owner's user row (for
// the branch of records that carry none), "c" the customer of a monthly volume.
enum class Join { None, OwnerUser, Customer };

// How the data set's date is stored: an ISO timestamp ("2026-03-05T08:00:00.000Z") or a
// month ("2026-03").
enum class DateStorage { Timestamp, Month };

// How a dimension's keys turn into text.
enum class Labeler {
    Plain, // as stored
    FieldCode, // FieldLabels::value over (labelTable, column)
    Branch, // branches.name
    User, // users.display_name
    Customer, // customers.legal_name
    Mcc, // "5812 Restaurants"
    RecordKind, // "customers" → "Customer"
    ApprovalStatus,
    ApprovalFlow,
    Date, // a bucket's first day
};

struct FieldDef
{
    QString name;
    QString sql; // over the aliases t, u and c
    ValueKind kind = ValueKind::Text;
    Join join = Join::None;
    // What FieldPolicy decides by (std::nullopt: no rule, shown to every role) and what
    // FieldLabels names it by.
    std::optional<RecordType> recordType;
    QString labelTable;
    QString column;
    const char *ownLabel = nullptr; // when FieldLabels has no word for it
    Labeler labeler = Labeler::Plain;
    bool isDate = false;
    // A 0/1 measure (a lead converted, a task done): its average is a rate, read as a
    // percentage.
    bool isFlag = false;
    QList<Aggregate> aggregates; // measures only
};

struct DataSetDef
{
    QString id;
    const char *label = nullptr;
    QString from; // "customers t"
    std::optional<RecordType> recordType;
    QList<FieldDef> dimensions;
    QList<FieldDef> measures;
    QString dateSql;
    DateStorage dateStorage = DateStorage::Timestamp;
    QString ownerSql; // the person CurrentUser compares with
    QString branchSql; // what the dashboard's branch filter narrows
    Join branchJoin = Join::None;
    Join ownerJoin = Join::None;
    QString userJoinSql; // "LEFT JOIN users u ON u.id = t.owner_id"
    QString customerJoinSql;
    // The same join when a WHERE condition reads the customer (a branch, an owner): inner,
    // and to live customers only, which lets customers_by_owner serve "my merchants".
    QString customerInnerJoinSql;
    // Drill-down: the record's id, its customer, its title and its date.
    QString drillId;
    QString drillCustomer;
    QString drillTitle;
    Join drillJoin = Join::None;
};

const QList<DataSetDef> &dataSets();
const DataSetDef *dataSet(const QString &id);
const FieldDef *dimension(const DataSetDef &dataSet, const QString &name);
const FieldDef *measure(const DataSetDef &dataSet, const QString &name);

// Whether `role` is offered the field: never when FieldPolicy hides it; a dimension
// never over PII (even visible, grouping prints every value) and only when at least
// Visible; a measure only when at least Visible (a masked field gives no counts).
bool offersDimension(const FieldDef &field, Role role);
bool offersMeasure(const FieldDef &field, Role role);

QString fieldLabel(const FieldDef &field);

} // namespace branchline::schema
