// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/DataSetSchema.h"

#include "domain/rules/FieldLabels.h"

namespace branchline::schema {

namespace {

using A = Aggregate;
using K = ValueKind;
using L = Labeler;
using R = RecordType;

const QList<Aggregate> kAmounts{ A::Sum, A::Avg, A::Min, A::Max };
const QList<Aggregate> kDistinct{ A::DistinctCount };

// A dimension or measure over one column of the data set's own table (alias t).
FieldDef column(const QString &name, std::optional<RecordType> type, const QString &table,
                const QString &columnName, ValueKind kind, Labeler labeler)
{
    FieldDef field;
    field.name = name;
    field.sql = QStringLiteral("t.") + columnName;
    field.kind = kind;
    field.recordType = type;
    field.labelTable = table;
    field.column = columnName;
    field.labeler = labeler;
    return field;
}

FieldDef date(const QString &sql, std::optional<RecordType> type, const QString &table,
              const QString &columnName)
{
    FieldDef field = column(QStringLiteral("date"), type, table, columnName, K::Date, L::Date);
    field.sql = sql;
    field.ownLabel = QT_TRANSLATE_NOOP("DataSetCatalog", "Date");
    field.isDate = true;
    return field;
}

FieldDef measure(const QString &name, const QString &sql, std::optional<RecordType> type,
                 const QString &table, const QString &columnName, ValueKind kind,
                 const char *ownLabel, QList<Aggregate> aggregates)
{
    FieldDef field = column(name, type, table, columnName, kind, L::Plain);
    field.sql = sql;
    field.ownLabel = ownLabel;
    field.aggregates = std::move(aggregates);
    return field;
}

// A measure whose SQL is a comparison, 0 or 1 in SQLite: its average is a rate.
FieldDef flag(FieldDef field)
{
    field.isFlag = true;
    return field;
}

FieldDef joined(FieldDef field, const QString &sql, Join join)
{
    field.sql = sql;
    field.join = join;
    return field;
}

DataSetDef customers()
{
    const QString table = QStringLiteral("customers");
    DataSetDef set;
    set.id = table;
    set.label = QT_TRANSLATE_NOOP("DataSetCatalog", "Customers");
    set.from = QStringLiteral("customers t");
    set.recordType = R::Customer;
    set.dimensions = {
        column(QStringLiteral("branch"), R::Customer, table, QStringLiteral("branch_id"),
               K::Reference, L::Branch),
        column(QStringLiteral("owner"), R::Customer, table, QStringLiteral("owner_id"),
               K::Reference, L::User),
        column(QStringLiteral("city"), R::Customer, table, QStringLiteral("city"), K::Text,
               L::Plain),
        column(QStringLiteral("kind"), R::Customer, table, QStringLiteral("kind"), K::Code,
               L::FieldCode),
        column(QStringLiteral("status"), R::Customer, table, QStringLiteral("status"), K::Code,
               L::FieldCode),
        column(QStringLiteral("risk_level"), R::Customer, table, QStringLiteral("risk_level"),
               K::Code, L::FieldCode),
        column(QStringLiteral("kyc_status"), R::Customer, table, QStringLiteral("kyc_status"),
               K::Code, L::FieldCode),
        column(QStringLiteral("mcc"), R::Customer, table, QStringLiteral("mcc"), K::Code, L::Mcc),
        column(QStringLiteral("industry"), R::Customer, table, QStringLiteral("industry"), K::Text,
               L::Plain),
        date(QStringLiteral("t.created_at"), std::nullopt, table, QStringLiteral("created_at")),
    };
    set.measures = {
        measure(QStringLiteral("credit_limit"), QStringLiteral("t.credit_limit_fen"), R::Customer,
                table, QStringLiteral("credit_limit_fen"), K::Money, nullptr, kAmounts),
        measure(QStringLiteral("owner"), QStringLiteral("t.owner_id"), R::Customer, table,
                QStringLiteral("owner_id"), K::Integer, QT_TRANSLATE_NOOP("DataSetCatalog", "Reps"),
                kDistinct),
        measure(QStringLiteral("settlement_account"), QStringLiteral("t.settlement_account"),
                R::Customer, table, QStringLiteral("settlement_account"), K::Integer,
                QT_TRANSLATE_NOOP("DataSetCatalog", "Settlement accounts"), kDistinct),
    };
    set.dateSql = QStringLiteral("t.created_at");
    set.ownerSql = QStringLiteral("t.owner_id");
    set.branchSql = QStringLiteral("t.branch_id");
    set.drillId = QStringLiteral("t.id");
    set.drillCustomer = QStringLiteral("t.id");
    set.drillTitle = QStringLiteral("t.legal_name");
    return set;
}

DataSetDef leads()
{
    const QString table = QStringLiteral("leads");
    DataSetDef set;
    set.id = table;
    set.label = QT_TRANSLATE_NOOP("DataSetCatalog", "Leads");
    set.from = QStringLiteral("leads t");
    set.recordType = R::Lead;
    FieldDef channel = column(QStringLiteral("channel"), R::Lead, table, QStringLiteral("source"),
                              K::Code, L::FieldCode);
    channel.ownLabel = QT_TRANSLATE_NOOP("DataSetCatalog", "Channel");
    set.dimensions = {
        column(QStringLiteral("branch"), R::Lead, table, QStringLiteral("branch_id"), K::Reference,
               L::Branch),
        column(QStringLiteral("owner"), R::Lead, table, QStringLiteral("owner_id"), K::Reference,
               L::User),
        column(QStringLiteral("city"), R::Lead, table, QStringLiteral("city"), K::Text, L::Plain),
        column(QStringLiteral("status"), R::Lead, table, QStringLiteral("status"), K::Code,
               L::FieldCode),
        channel,
        column(QStringLiteral("product_interest"), R::Lead, table,
               QStringLiteral("product_interest"), K::Text, L::Plain),
        date(QStringLiteral("t.created_at"), std::nullopt, table, QStringLiteral("created_at")),
    };
    set.measures = {
        measure(QStringLiteral("score"), QStringLiteral("t.score"), R::Lead, table,
                QStringLiteral("score"), K::Integer, nullptr, kAmounts),
        // 1 for a converted lead: its average is the conversion rate.
        flag(measure(QStringLiteral("converted"), QStringLiteral("(t.status = 'converted')"),
                     R::Lead, table, QStringLiteral("status"), K::Integer,
                     QT_TRANSLATE_NOOP("DataSetCatalog", "Converted"), { A::Sum, A::Avg })),
        measure(QStringLiteral("owner"), QStringLiteral("t.owner_id"), R::Lead, table,
                QStringLiteral("owner_id"), K::Integer, QT_TRANSLATE_NOOP("DataSetCatalog", "Reps"),
                kDistinct),
    };
    set.dateSql = QStringLiteral("t.created_at");
    set.ownerSql = QStringLiteral("t.owner_id");
    set.branchSql = QStringLiteral("t.branch_id");
    set.drillId = QStringLiteral("t.id");
    set.drillCustomer = QStringLiteral("t.converted_customer_id");
    set.drillTitle = QStringLiteral("t.name");
    return set;
}

// Activities carry no branch: theirs is their author's (tasks override it, see tasks()).
DataSetDef personal(const QString &table, R type, const QString &ownerColumn,
                    const QString &dateColumn)
{
    DataSetDef set;
    set.id = table;
    set.from = table + QStringLiteral(" t");
    set.recordType = type;
    FieldDef branch = joined(column(QStringLiteral("branch"), std::nullopt, QStringLiteral("users"),
                                    QStringLiteral("branch_id"), K::Reference, L::Branch),
                             QStringLiteral("u.branch_id"), Join::OwnerUser);
    set.dimensions = {
        branch,
        column(QStringLiteral("owner"), type, table, ownerColumn, K::Reference, L::User),
        column(QStringLiteral("status"), type, table, QStringLiteral("status"), K::Code,
               L::FieldCode),
        column(QStringLiteral("related"), type, table, QStringLiteral("related_table"), K::Code,
               L::RecordKind),
        date(QStringLiteral("t.") + dateColumn, type, table, dateColumn),
    };
    set.dimensions[1].ownLabel = QT_TRANSLATE_NOOP("DataSetCatalog", "Owner");
    set.dimensions[3].ownLabel = QT_TRANSLATE_NOOP("DataSetCatalog", "Related to");
    set.measures = {
        measure(QStringLiteral("owner"), QStringLiteral("t.") + ownerColumn, type, table,
                ownerColumn, K::Integer, QT_TRANSLATE_NOOP("DataSetCatalog", "People"), kDistinct),
        measure(QStringLiteral("related"), QStringLiteral("t.related_id"), type, table,
                QStringLiteral("related_id"), K::Integer,
                QT_TRANSLATE_NOOP("DataSetCatalog", "Records concerned"), kDistinct),
    };
    set.dateSql = QStringLiteral("t.") + dateColumn;
    set.ownerSql = QStringLiteral("t.") + ownerColumn;
    set.branchSql = QStringLiteral("u.branch_id");
    set.branchJoin = Join::OwnerUser;
    set.userJoinSql = QStringLiteral("LEFT JOIN users u ON u.id = t.") + ownerColumn;
    set.drillId = QStringLiteral("t.id");
    set.drillCustomer =
            QStringLiteral("CASE WHEN t.related_table = 'customers' THEN t.related_id END");
    return set;
}

DataSetDef tasks()
{
    DataSetDef set = personal(QStringLiteral("tasks"), R::Task, QStringLiteral("owner_id"),
                              QStringLiteral("due_at"));
    set.label = QT_TRANSLATE_NOOP("DataSetCatalog", "Tasks");
    // Tasks carry the branch the server scopes them by (local migration 2): no join.
    set.dimensions[0] = column(QStringLiteral("branch"), R::Task, set.id,
                               QStringLiteral("branch_id"), K::Reference, L::Branch);
    set.branchSql = QStringLiteral("t.branch_id");
    set.branchJoin = Join::None;
    set.dimensions[4].ownLabel = QT_TRANSLATE_NOOP("DataSetCatalog", "Due date");
    set.dimensions.insert(3,
                          column(QStringLiteral("priority"), R::Task, set.id,
                                 QStringLiteral("priority"), K::Code, L::FieldCode));
    // 1 for a task done: its average is the completion rate.
    set.measures.append(flag(measure(QStringLiteral("done"), QStringLiteral("(t.status = 'done')"),
                                     R::Task, set.id, QStringLiteral("status"), K::Integer,
                                     QT_TRANSLATE_NOOP("DataSetCatalog", "Done"),
                                     { A::Sum, A::Avg })));
    set.drillTitle = QStringLiteral("t.title");
    return set;
}

DataSetDef activities()
{
    DataSetDef set = personal(QStringLiteral("activities"), R::Activity,
                              QStringLiteral("author_id"), QStringLiteral("occurred_at"));
    set.label = QT_TRANSLATE_NOOP("DataSetCatalog", "Activities");
    set.dimensions[2] = column(QStringLiteral("kind"), R::Activity, set.id, QStringLiteral("kind"),
                               K::Code, L::FieldCode);
    set.measures.append(
            measure(QStringLiteral("attachment_size"), QStringLiteral("t.attachment_size"),
                    R::Activity, set.id, QStringLiteral("attachment_size"), K::Integer,
                    QT_TRANSLATE_NOOP("DataSetCatalog", "Attachment size (bytes)"), kAmounts));
    set.dimensions[1].ownLabel = QT_TRANSLATE_NOOP("DataSetCatalog", "Author");
    set.drillTitle = QStringLiteral("t.subject");
    return set;
}

} // namespace

DataSetDef approvalsDataSet();
DataSetDef merchantVolumesDataSet();

const QList<DataSetDef> &dataSets()
{
    static const QList<DataSetDef> sets{
        customers(), leads(), tasks(), activities(), approvalsDataSet(), merchantVolumesDataSet()
    };
    return sets;
}

const DataSetDef *dataSet(const QString &id)
{
    for (const DataSetDef &set : dataSets()) {
        if (set.id == id)
            return &set;
    }
    return nullptr;
}

const FieldDef *dimension(const DataSetDef &set, const QString &name)
{
    for (const FieldDef &field : set.dimensions) {
        if (field.name == name)
            return &field;
    }
    return nullptr;
}

const FieldDef *measure(const DataSetDef &set, const QString &name)
{
    for (const FieldDef &field : set.measures) {
        if (field.name == name)
            return &field;
    }
    return nullptr;
}

namespace {
FieldPermission permissionOf(const FieldDef &field, Role role)
{
    return field.recordType ? FieldPolicy::permission(role, *field.recordType, field.column)
                            : FieldPermission::Visible;
}
} // namespace

bool offersDimension(const FieldDef &field, Role role)
{
    if (field.recordType && FieldPolicy::piiKind(*field.recordType, field.column))
        return false;
    return permissionOf(field, role) >= FieldPermission::Visible;
}

bool offersMeasure(const FieldDef &field, Role role)
{
    return permissionOf(field, role) >= FieldPermission::Visible;
}

QString fieldLabel(const FieldDef &field)
{
    if (field.ownLabel)
        return QCoreApplication::translate("DataSetCatalog", field.ownLabel);
    return FieldLabels::field(field.labelTable, field.column);
}

} // namespace branchline::schema
