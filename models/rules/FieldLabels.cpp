// SPDX-License-Identifier: GPL-3.0-or-later
#include "FieldLabels.h"

#include "records/MerchantEnums.h"
#include "records/RecordEnums.h"
#include "rules/KycRules.h"

#include <QHash>
#include <QJsonObject>
#include <QLocale>

namespace branchline {

namespace {

QString table(const char *name)
{
    return QString::fromLatin1(name);
}

template<typename Enum>
std::optional<QString> enumLabel(const QString &code)
{
    if (const std::optional<Enum> value = RecordEnums::parse<Enum>(code))
        return RecordEnums::label(*value);
    return std::nullopt;
}

template<typename Enum>
std::optional<QString> merchantLabel(const QString &code)
{
    if (const std::optional<Enum> value = MerchantEnums::parse<Enum>(code))
        return MerchantEnums::label(*value);
    return std::nullopt;
}

// The label of a closed-vocabulary code, by the column that holds it.
std::optional<QString> codeLabel(const QString &tableName, const QString &column,
                                 const QString &code)
{
    if (column == QLatin1String("risk_level"))
        return enumLabel<RiskLevel>(code);
    if (column == QLatin1String("kyc_status"))
        return enumLabel<KycStatus>(code);
    if (column == QLatin1String("priority"))
        return enumLabel<TaskPriority>(code);
    if (column == QLatin1String("source"))
        return enumLabel<LeadSource>(code);
    if (column == QLatin1String("kind")) {
        if (tableName == QLatin1String("customers"))
            return enumLabel<CustomerKind>(code);
        if (tableName == QLatin1String("activities"))
            return enumLabel<ActivityKind>(code);
        if (tableName == QLatin1String("terminals"))
            return merchantLabel<TerminalKind>(code);
    }
    if (tableName == QLatin1String("kyc_items")) {
        if (column == QLatin1String("state"))
            return merchantLabel<KycItemState>(code);
        if (column == QLatin1String("item")) {
            if (const std::optional<KycItemKind> item = MerchantEnums::parse<KycItemKind>(code))
                return KycRules::label(*item, CustomerKind::Merchant);
        }
    }
    if (column == QLatin1String("status")) {
        if (tableName == QLatin1String("customers"))
            return enumLabel<CustomerStatus>(code);
        if (tableName == QLatin1String("leads"))
            return enumLabel<LeadStatus>(code);
        if (tableName == QLatin1String("tasks"))
            return enumLabel<TaskStatus>(code);
        if (tableName == QLatin1String("terminals"))
            return merchantLabel<TerminalStatus>(code);
    }
    return std::nullopt;
}

} // namespace

std::optional<RecordType> FieldLabels::recordType(const QString &name)
{
    static const QHash<QString, RecordType> types{
        { table("customers"), RecordType::Customer },
        { table("contacts"), RecordType::Contact },
        { table("leads"), RecordType::Lead },
        { table("tasks"), RecordType::Task },
        { table("activities"), RecordType::Activity },
        { table("terminals"), RecordType::Terminal },
        { table("merchant_volumes"), RecordType::MerchantVolume },
        { table("kyc_items"), RecordType::KycItem },
    };
    const auto found = types.constFind(name);
    if (found == types.constEnd())
        return std::nullopt;
    return *found;
}

QString FieldLabels::recordKind(const QString &name)
{
    const std::optional<RecordType> type = recordType(name);
    if (!type)
        return name;
    switch (*type) {
    case RecordType::Customer:
        return tr("Customer");
    case RecordType::Contact:
        return tr("Contact");
    case RecordType::Lead:
        return tr("Lead");
    case RecordType::Task:
        return tr("Task");
    case RecordType::Activity:
        return tr("Activity");
    case RecordType::Terminal:
        return tr("Terminal");
    case RecordType::MerchantVolume:
        return tr("Monthly volume");
    case RecordType::KycItem:
        return tr("KYC checklist item");
    }
    return name;
}

QString FieldLabels::field(const QString &tableName, const QString &column)
{
    // Columns with one meaning in every table, then the ones whose word depends on it.
    static const QHash<QString, const char *> common{
        { table("legal_name"), QT_TR_NOOP("Legal name") },
        { table("credit_code"), QT_TR_NOOP("Unified social credit code") },
        { table("id_number"), QT_TR_NOOP("Resident ID number") },
        { table("phone"), QT_TR_NOOP("Mobile") },
        { table("email"), QT_TR_NOOP("Email") },
        { table("address"), QT_TR_NOOP("Address") },
        { table("city"), QT_TR_NOOP("City") },
        { table("industry"), QT_TR_NOOP("Industry") },
        { table("mcc"), QT_TR_NOOP("MCC") },
        { table("branch_id"), QT_TR_NOOP("Branch") },
        { table("owner_id"), QT_TR_NOOP("Owner") },
        { table("status"), QT_TR_NOOP("Status") },
        { table("risk_level"), QT_TR_NOOP("Risk level") },
        { table("kyc_status"), QT_TR_NOOP("KYC status") },
        { table("tags"), QT_TR_NOOP("Tags") },
        { table("notes"), QT_TR_NOOP("Notes") },
        { table("name"), QT_TR_NOOP("Name") },
        { table("title"), QT_TR_NOOP("Title") },
        { table("is_primary"), QT_TR_NOOP("Primary contact") },
        { table("company"), QT_TR_NOOP("Company") },
        { table("source"), QT_TR_NOOP("Source") },
        { table("score"), QT_TR_NOOP("Score") },
        { table("product_interest"), QT_TR_NOOP("Product interest") },
        { table("converted_customer_id"), QT_TR_NOOP("Converted to customer") },
        { table("due_at"), QT_TR_NOOP("Due") },
        { table("priority"), QT_TR_NOOP("Priority") },
        { table("reminder_at"), QT_TR_NOOP("Reminder") },
        { table("completed_at"), QT_TR_NOOP("Completed") },
        { table("occurred_at"), QT_TR_NOOP("When") },
        { table("subject"), QT_TR_NOOP("Subject") },
        { table("body"), QT_TR_NOOP("Text") },
        { table("state"), QT_TR_NOOP("State") },
        { table("note"), QT_TR_NOOP("Note") },
        { table("item"), QT_TR_NOOP("Item") },
        { table("updated_by"), QT_TR_NOOP("Changed by") },
        { table("settlement_account"), QT_TR_NOOP("Settlement account") },
        { table("fee_rate_debit"), QT_TR_NOOP("Debit card fee rate") },
        { table("fee_rate_credit"), QT_TR_NOOP("Credit card fee rate") },
        { table("fee_rate_qr"), QT_TR_NOOP("QR code fee rate") },
        { table("credit_limit_fen"), QT_TR_NOOP("Credit limit") },
    };
    if (column == QLatin1String("kind")) {
        return tableName == QLatin1String("customers") ? tr("Customer kind") : tr("Kind");
    }
    if (column.isEmpty())
        return tr("Whole record");
    if (const char *label = common.value(column))
        return tr(label);
    return column;
}

QString FieldLabels::value(Role viewer, const QString &tableName, const QString &column,
                           const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return tr("(empty)");
    if (value.isBool())
        return value.toBool() ? tr("Yes") : tr("No");
    if (value.isDouble()) {
        // Numbers read the way the interface's language writes them (grouping, decimals).
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return QLocale().toString(qint64(number));
        return QLocale().toString(number, 'g', 15);
    }
    if (value.isObject()) {
        if (value.toObject().value(QLatin1String("deleted")).toBool())
            return tr("Deleted");
        return tr("%n field(s) changed", nullptr, int(value.toObject().size()));
    }
    const QString text = value.toString();
    if (text.isEmpty())
        return tr("(empty)");
    if (const std::optional<QString> label = codeLabel(tableName, column, text))
        return *label;
    const std::optional<RecordType> type = recordType(tableName);
    if (!type)
        return text;
    if (FieldPolicy::permission(viewer, *type, column) < FieldPermission::Masked)
        return tr("(hidden)");
    return FieldPolicy::present(viewer, *type, column, text, false);
}

} // namespace branchline
