// SPDX-License-Identifier: GPL-3.0-or-later
// The data sets fed by the server and other systems: approval requests and the monthly
// merchant volumes. The others are in DataSetSchema.cpp.
#include "dashboards/DataSetSchema.h"

namespace branchline::schema {

namespace {

using A = Aggregate;
using K = ValueKind;
using L = Labeler;
using R = RecordType;

FieldDef field(const QString &name, const QString &sql, std::optional<RecordType> type,
               const QString &table, const QString &columnName, ValueKind kind, Labeler labeler,
               const char *ownLabel = nullptr)
{
    FieldDef def;
    def.name = name;
    def.sql = sql;
    def.kind = kind;
    def.recordType = type;
    def.labelTable = table;
    def.column = columnName;
    def.labeler = labeler;
    def.ownLabel = ownLabel;
    return def;
}

FieldDef amount(FieldDef def, QList<Aggregate> aggregates)
{
    def.aggregates = std::move(aggregates);
    return def;
}

FieldDef onCustomer(FieldDef def)
{
    def.join = Join::Customer;
    return def;
}

} // namespace

DataSetDef approvalsDataSet()
{
    const QString table = QStringLiteral("approval_requests");
    DataSetDef set;
    set.id = QStringLiteral("approvals");
    set.label = QT_TRANSLATE_NOOP("DataSetCatalog", "Approvals");
    set.from = QStringLiteral("approval_requests t");
    // Approval requests have no field rules: their rows reach a store only for the people
    // concerned, and none of the offered columns holds personal information.
    set.dimensions = {
        field(QStringLiteral("branch"), QStringLiteral("t.branch_id"), std::nullopt, table,
              QStringLiteral("branch_id"), K::Reference, L::Branch),
        field(QStringLiteral("owner"), QStringLiteral("t.requester_id"), std::nullopt, table,
              QStringLiteral("requester_id"), K::Reference, L::User,
              QT_TRANSLATE_NOOP("DataSetCatalog", "Requested by")),
        field(QStringLiteral("status"), QStringLiteral("t.status"), std::nullopt, table,
              QStringLiteral("status"), K::Code, L::ApprovalStatus),
        field(QStringLiteral("flow"), QStringLiteral("t.flow_code"), std::nullopt, table,
              QStringLiteral("flow_code"), K::Code, L::ApprovalFlow,
              QT_TRANSLATE_NOOP("DataSetCatalog", "Approval flow")),
        field(QStringLiteral("date"), QStringLiteral("t.created_at"), std::nullopt, table,
              QStringLiteral("created_at"), K::Date, L::Date,
              QT_TRANSLATE_NOOP("DataSetCatalog", "Date requested")),
    };
    set.dimensions.last().isDate = true;
    set.measures = {
        // Undecided requests have no decided_at, so they drop out of the average.
        amount(field(QStringLiteral("hours_to_decision"),
                     QStringLiteral("(julianday(t.decided_at) - julianday(t.created_at)) * 24.0"),
                     std::nullopt, table, QStringLiteral("decided_at"), K::Decimal, L::Plain,
                     QT_TRANSLATE_NOOP("DataSetCatalog", "Hours to decision")),
               { A::Avg, A::Min, A::Max }),
        amount(field(QStringLiteral("round"), QStringLiteral("t.round"), std::nullopt, table,
                     QStringLiteral("round"), K::Integer, L::Plain,
                     QT_TRANSLATE_NOOP("DataSetCatalog", "Rounds")),
               { A::Avg, A::Max }),
        amount(field(QStringLiteral("record"), QStringLiteral("t.record_id"), std::nullopt, table,
                     QStringLiteral("record_id"), K::Integer, L::Plain,
                     QT_TRANSLATE_NOOP("DataSetCatalog", "Records concerned")),
               { A::DistinctCount }),
    };
    set.dateSql = QStringLiteral("t.created_at");
    set.ownerSql = QStringLiteral("t.requester_id");
    set.branchSql = QStringLiteral("t.branch_id");
    set.drillId = QStringLiteral("t.id");
    set.drillCustomer =
            QStringLiteral("CASE WHEN t.record_table = 'customers' THEN t.record_id END");
    set.drillTitle = QStringLiteral("t.record_label");
    return set;
}

DataSetDef merchantVolumesDataSet()
{
    const QString table = QStringLiteral("merchant_volumes");
    const QString customers = QStringLiteral("customers");
    DataSetDef set;
    set.id = table;
    set.label = QT_TRANSLATE_NOOP("DataSetCatalog", "Merchant volumes");
    set.from = QStringLiteral("merchant_volumes t");
    set.recordType = R::MerchantVolume;
    // Everything but the month and the sums describes the merchant: its customer row.
    set.dimensions = {
        onCustomer(field(QStringLiteral("branch"), QStringLiteral("c.branch_id"), R::Customer,
                         customers, QStringLiteral("branch_id"), K::Reference, L::Branch)),
        onCustomer(field(QStringLiteral("owner"), QStringLiteral("c.owner_id"), R::Customer,
                         customers, QStringLiteral("owner_id"), K::Reference, L::User)),
        field(QStringLiteral("merchant"), QStringLiteral("t.customer_id"), R::MerchantVolume, table,
              QStringLiteral("customer_id"), K::Reference, L::Customer,
              QT_TRANSLATE_NOOP("DataSetCatalog", "Merchant")),
        onCustomer(field(QStringLiteral("city"), QStringLiteral("c.city"), R::Customer, customers,
                         QStringLiteral("city"), K::Text, L::Plain)),
        onCustomer(field(QStringLiteral("mcc"), QStringLiteral("c.mcc"), R::Customer, customers,
                         QStringLiteral("mcc"), K::Code, L::Mcc)),
        onCustomer(field(QStringLiteral("risk_level"), QStringLiteral("c.risk_level"), R::Customer,
                         customers, QStringLiteral("risk_level"), K::Code, L::FieldCode)),
        field(QStringLiteral("date"), QStringLiteral("t.month"), R::MerchantVolume, table,
              QStringLiteral("month"), K::Date, L::Date,
              QT_TRANSLATE_NOOP("DataSetCatalog", "Month")),
    };
    set.dimensions.last().isDate = true;
    const QList<Aggregate> amounts{ A::Sum, A::Avg, A::Min, A::Max };
    set.measures = {
        amount(field(QStringLiteral("volume"), QStringLiteral("t.volume_fen"), R::MerchantVolume,
                     table, QStringLiteral("volume_fen"), K::Money, L::Plain,
                     QT_TRANSLATE_NOOP("DataSetCatalog", "Volume")),
               amounts),
        amount(field(QStringLiteral("transactions"), QStringLiteral("t.tx_count"),
                     R::MerchantVolume, table, QStringLiteral("tx_count"), K::Integer, L::Plain,
                     QT_TRANSLATE_NOOP("DataSetCatalog", "Transactions")),
               amounts),
        amount(field(QStringLiteral("refunds"), QStringLiteral("t.refund_fen"), R::MerchantVolume,
                     table, QStringLiteral("refund_fen"), K::Money, L::Plain,
                     QT_TRANSLATE_NOOP("DataSetCatalog", "Refunds")),
               amounts),
        amount(field(QStringLiteral("chargebacks"), QStringLiteral("t.chargeback_count"),
                     R::MerchantVolume, table, QStringLiteral("chargeback_count"), K::Integer,
                     L::Plain, QT_TRANSLATE_NOOP("DataSetCatalog", "Chargebacks")),
               amounts),
        amount(field(QStringLiteral("merchant"), QStringLiteral("t.customer_id"), R::MerchantVolume,
                     table, QStringLiteral("customer_id"), K::Integer, L::Plain,
                     QT_TRANSLATE_NOOP("DataSetCatalog", "Merchants")),
               { A::DistinctCount }),
    };
    set.dateSql = QStringLiteral("t.month");
    set.dateStorage = DateStorage::Month;
    set.ownerSql = QStringLiteral("c.owner_id");
    set.ownerJoin = Join::Customer;
    set.branchSql = QStringLiteral("c.branch_id");
    set.branchJoin = Join::Customer;
    set.customerJoinSql = QStringLiteral("LEFT JOIN customers c ON c.id = t.customer_id");
    set.customerInnerJoinSql =
            QStringLiteral("JOIN customers c ON c.id = t.customer_id AND c.deleted = 0");
    set.drillId = QStringLiteral("t.id");
    set.drillCustomer = QStringLiteral("t.customer_id");
    set.drillTitle = QStringLiteral("c.legal_name");
    set.drillJoin = Join::Customer;
    return set;
}

} // namespace branchline::schema
