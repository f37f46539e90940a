// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/schema/RecordSchema.h"

#include "domain/records/MerchantEnums.h"
#include "domain/records/RecordEnums.h"
#include "domain/rules/KycRules.h"

#include <QCoreApplication>

namespace branchline {

namespace {

using F = FieldSchema;
using T = FieldType;
using C = FieldClass;
using R = RecordType;

// Labels are translated in the context of FieldLabels, which shows them.

F plain(QLatin1String key, T type, C access, std::optional<PiiKind> pii, int maxLength,
        unsigned flags, const char *label)
{
    F field;
    field.key = key;
    field.type = type;
    field.access = access;
    field.pii = pii;
    field.maxLength = maxLength;
    field.flags = flags;
    field.label = label;
    return field;
}

template<typename Enum, typename Enums>
QStringList codesOf()
{
    QStringList codes;
    for (const Enum value : Enums::template all<Enum>())
        codes << Enums::code(value);
    return codes;
}

template<typename Enum, typename Enums>
std::optional<QString> labelOf(const QString &code)
{
    if (const std::optional<Enum> value = Enums::template parse<Enum>(code))
        return Enums::label(*value);
    return std::nullopt;
}

template<typename Enum>
F recordChoice(QLatin1String key, C access, int maxLength, unsigned flags, const char *label)
{
    F field = plain(key, T::Choice, access, std::nullopt, maxLength, flags, label);
    field.vocabulary = &codesOf<Enum, RecordEnums>;
    field.choiceLabel = &labelOf<Enum, RecordEnums>;
    return field;
}

template<typename Enum>
F merchantChoice(QLatin1String key, C access, int maxLength, unsigned flags, const char *label)
{
    F field = plain(key, T::Choice, access, std::nullopt, maxLength, flags, label);
    field.vocabulary = &codesOf<Enum, MerchantEnums>;
    field.choiceLabel = &labelOf<Enum, MerchantEnums>;
    return field;
}

// A KYC item's name depends on the customer's kind; the merchant's wording is the label
// of the code itself.
std::optional<QString> kycItemLabel(const QString &code)
{
    if (const std::optional<KycItemKind> item = MerchantEnums::parse<KycItemKind>(code))
        return KycRules::label(*item, CustomerKind::Merchant);
    return std::nullopt;
}

QStringList relatedTables()
{
    return { QStringLiteral("customers"), QStringLiteral("contacts"), QStringLiteral("leads") };
}

F relatedTable(unsigned flags)
{
    F field = plain(QLatin1String("related_table"), T::Choice, C::Work, std::nullopt, 32, flags,
                    QT_TRANSLATE_NOOP("FieldLabels", "Related record kind"));
    field.vocabulary = &relatedTables;
    return field;
}

F reference(QLatin1String key, C access, QList<R> kinds, unsigned flags, const char *label)
{
    F field = plain(key, T::Reference, access, std::nullopt, 64, flags, label);
    field.references = std::move(kinds);
    return field;
}

// The users and branches a record is assigned to are not record kinds: no references.
F assignment(QLatin1String key, C access, unsigned flags, const char *label)
{
    return plain(key, T::Text, access, std::nullopt, 64, flags, label);
}

QList<KindSchema> describeKinds()
{
    const unsigned req = F::Required;
    const unsigned nul = F::Nullable;
    const unsigned search = F::Searchable;
    const unsigned fromServer = F::ClientReadOnly;
    const std::optional<PiiKind> none;
    QList<KindSchema> kinds;

    kinds.append(KindSchema{
            R::Customer,
            QLatin1String("customers"),
            QT_TRANSLATE_NOOP("FieldLabels", "Customer"),
            {
                    recordChoice<CustomerKind>(QLatin1String("kind"), C::Ordinary, 32, req,
                                               QT_TRANSLATE_NOOP("FieldLabels", "Customer kind")),
                    plain(QLatin1String("legal_name"), T::Text, C::Ordinary, none, 200,
                          req | search, QT_TRANSLATE_NOOP("FieldLabels", "Legal name")),
                    plain(QLatin1String("credit_code"), T::Text, C::Pii, PiiKind::CreditCode, 32,
                          nul, QT_TRANSLATE_NOOP("FieldLabels", "Unified social credit code")),
                    plain(QLatin1String("id_number"), T::Text, C::Pii, PiiKind::ResidentId, 32, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Resident ID number")),
                    plain(QLatin1String("phone"), T::Text, C::Pii, PiiKind::Phone, 32, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Mobile")),
                    plain(QLatin1String("address"), T::Text, C::Ordinary, none, 500, search,
                          QT_TRANSLATE_NOOP("FieldLabels", "Address")),
                    plain(QLatin1String("city"), T::Text, C::Ordinary, none, 50, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "City")),
                    plain(QLatin1String("industry"), T::Text, C::Ordinary, none, 100, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Industry")),
                    plain(QLatin1String("mcc"), T::Text, C::Ordinary, none, 8, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "MCC")),
                    assignment(QLatin1String("branch_id"), C::Assignment, nul,
                               QT_TRANSLATE_NOOP("FieldLabels", "Branch")),
                    assignment(QLatin1String("owner_id"), C::Assignment, nul,
                               QT_TRANSLATE_NOOP("FieldLabels", "Owner")),
                    recordChoice<CustomerStatus>(QLatin1String("status"), C::ApprovalControlled, 32,
                                                 req, QT_TRANSLATE_NOOP("FieldLabels", "Status")),
                    recordChoice<RiskLevel>(QLatin1String("risk_level"), C::RiskRating, 32, nul,
                                            QT_TRANSLATE_NOOP("FieldLabels", "Risk level")),
                    recordChoice<KycStatus>(QLatin1String("kyc_status"), C::RiskRating, 32, req,
                                            QT_TRANSLATE_NOOP("FieldLabels", "KYC status")),
                    plain(QLatin1String("tags"), T::TextList, C::Ordinary, none, 500, search,
                          QT_TRANSLATE_NOOP("FieldLabels", "Tags")),
                    plain(QLatin1String("notes"), T::LongText, C::Ordinary, none, 20000, search,
                          QT_TRANSLATE_NOOP("FieldLabels", "Notes")),
                    // Millionths of the amount (FeeRate) and whole fen: set only through
                    // approvals, and by the server.
                    plain(QLatin1String("fee_rate_debit"), T::Rate, C::ApprovalControlled, none, 20,
                          nul | fromServer,
                          QT_TRANSLATE_NOOP("FieldLabels", "Debit card fee rate")),
                    plain(QLatin1String("fee_rate_credit"), T::Rate, C::ApprovalControlled, none,
                          20, nul | fromServer,
                          QT_TRANSLATE_NOOP("FieldLabels", "Credit card fee rate")),
                    plain(QLatin1String("fee_rate_qr"), T::Rate, C::ApprovalControlled, none, 20,
                          nul | fromServer, QT_TRANSLATE_NOOP("FieldLabels", "QR code fee rate")),
                    plain(QLatin1String("credit_limit_fen"), T::Money, C::ApprovalControlled, none,
                          20, nul | fromServer, QT_TRANSLATE_NOOP("FieldLabels", "Credit limit")),
                    plain(QLatin1String("settlement_account"), T::Text, C::SettlementAccount,
                          PiiKind::Account, 64, nul | fromServer,
                          QT_TRANSLATE_NOOP("FieldLabels", "Settlement account")),
            },
            { QStringLiteral("owner_id"), QStringLiteral("branch_id") },
            QLatin1String(),
            false,
            false,
            {},
    });

    kinds.append(KindSchema{
            R::Contact,
            QLatin1String("contacts"),
            QT_TRANSLATE_NOOP("FieldLabels", "Contact"),
            {
                    reference(QLatin1String("customer_id"), C::Ordinary, { R::Customer }, req,
                              QT_TRANSLATE_NOOP("FieldLabels", "Customer")),
                    plain(QLatin1String("name"), T::Text, C::Ordinary, none, 200, req,
                          QT_TRANSLATE_NOOP("FieldLabels", "Name")),
                    plain(QLatin1String("title"), T::Text, C::Ordinary, none, 200, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Title")),
                    plain(QLatin1String("phone"), T::Text, C::Pii, PiiKind::Phone, 32, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Mobile")),
                    plain(QLatin1String("email"), T::Text, C::Pii, PiiKind::Email, 254, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Email")),
                    plain(QLatin1String("is_primary"), T::Bool, C::Ordinary, none, 8, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Primary contact")),
                    plain(QLatin1String("notes"), T::LongText, C::Ordinary, none, 20000, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Notes")),
            },
            {},
            QLatin1String("customer_id"),
            false,
            false,
            {},
    });

    kinds.append(KindSchema{
            R::Lead,
            QLatin1String("leads"),
            QT_TRANSLATE_NOOP("FieldLabels", "Lead"),
            {
                    plain(QLatin1String("name"), T::Text, C::Ordinary, none, 200, req | search,
                          QT_TRANSLATE_NOOP("FieldLabels", "Name")),
                    plain(QLatin1String("company"), T::Text, C::Ordinary, none, 200, search,
                          QT_TRANSLATE_NOOP("FieldLabels", "Company")),
                    plain(QLatin1String("phone"), T::Text, C::Pii, PiiKind::Phone, 32, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Mobile")),
                    plain(QLatin1String("email"), T::Text, C::Pii, PiiKind::Email, 254, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Email")),
                    recordChoice<LeadSource>(QLatin1String("source"), C::Ordinary, 32, req,
                                             QT_TRANSLATE_NOOP("FieldLabels", "Source")),
                    // The rep's own pipeline stage, not a customer lifecycle status.
                    recordChoice<LeadStatus>(QLatin1String("status"), C::Ordinary, 32, req,
                                             QT_TRANSLATE_NOOP("FieldLabels", "Status")),
                    plain(QLatin1String("score"), T::Integer, C::Ordinary, none, 8, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Score")),
                    assignment(QLatin1String("owner_id"), C::Assignment, nul,
                               QT_TRANSLATE_NOOP("FieldLabels", "Owner")),
                    assignment(QLatin1String("branch_id"), C::Assignment, nul,
                               QT_TRANSLATE_NOOP("FieldLabels", "Branch")),
                    plain(QLatin1String("product_interest"), T::Text, C::Ordinary, none, 100,
                          F::None, QT_TRANSLATE_NOOP("FieldLabels", "Product interest")),
                    plain(QLatin1String("city"), T::Text, C::Ordinary, none, 50, search,
                          QT_TRANSLATE_NOOP("FieldLabels", "City")),
                    plain(QLatin1String("notes"), T::LongText, C::Ordinary, none, 20000, search,
                          QT_TRANSLATE_NOOP("FieldLabels", "Notes")),
                    // Set by converting the lead, with the status, by whoever works the lead.
                    // The rules keep it honest: it comes only with "converted"
                    // (RecordValidator), never changes once set, and names a customer the
                    // converter may see (the server's LeadJson).
                    reference(QLatin1String("converted_customer_id"), C::Ordinary, { R::Customer },
                              nul, QT_TRANSLATE_NOOP("FieldLabels", "Converted to customer")),
            },
            { QStringLiteral("owner_id"), QStringLiteral("branch_id") },
            QLatin1String(),
            false,
            false,
            { QStringLiteral("intake") },
    });

    kinds.append(KindSchema{
            R::Task,
            QLatin1String("tasks"),
            QT_TRANSLATE_NOOP("FieldLabels", "Task"),
            {
                    plain(QLatin1String("title"), T::Text, C::Work, none, 200, req,
                          QT_TRANSLATE_NOOP("FieldLabels", "Title")),
                    plain(QLatin1String("due_at"), T::DateTime, C::Work, none, 40, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Due")),
                    assignment(QLatin1String("owner_id"), C::Work, nul,
                               QT_TRANSLATE_NOOP("FieldLabels", "Owner")),
                    // The server sets it from the owner: the scope key a branch manager's
                    // view is filtered by.
                    assignment(QLatin1String("branch_id"), C::SystemFed, nul | fromServer,
                               QT_TRANSLATE_NOOP("FieldLabels", "Branch")),
                    relatedTable(nul),
                    reference(QLatin1String("related_id"), C::Work,
                              { R::Customer, R::Contact, R::Lead }, nul,
                              QT_TRANSLATE_NOOP("FieldLabels", "Related record")),
                    recordChoice<TaskPriority>(QLatin1String("priority"), C::Work, 32, req,
                                               QT_TRANSLATE_NOOP("FieldLabels", "Priority")),
                    recordChoice<TaskStatus>(QLatin1String("status"), C::Work, 32, req,
                                             QT_TRANSLATE_NOOP("FieldLabels", "Status")),
                    plain(QLatin1String("reminder_at"), T::DateTime, C::Work, none, 40, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Reminder")),
                    plain(QLatin1String("completed_at"), T::DateTime, C::Work, none, 40, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Completed")),
                    plain(QLatin1String("notes"), T::LongText, C::Work, none, 20000, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Notes")),
            },
            { QStringLiteral("owner_id"), QStringLiteral("branch_id") },
            QLatin1String(),
            false,
            false,
            {},
    });

    kinds.append(KindSchema{
            R::Activity,
            QLatin1String("activities"),
            QT_TRANSLATE_NOOP("FieldLabels", "Activity"),
            {
                    recordChoice<ActivityKind>(QLatin1String("kind"), C::Work, 32, req,
                                               QT_TRANSLATE_NOOP("FieldLabels", "Kind")),
                    relatedTable(req),
                    reference(QLatin1String("related_id"), C::Work,
                              { R::Customer, R::Contact, R::Lead }, req,
                              QT_TRANSLATE_NOOP("FieldLabels", "Related record")),
                    assignment(QLatin1String("author_id"), C::Work, nul,
                               QT_TRANSLATE_NOOP("FieldLabels", "Author")),
                    plain(QLatin1String("occurred_at"), T::DateTime, C::Work, none, 40, req,
                          QT_TRANSLATE_NOOP("FieldLabels", "When")),
                    plain(QLatin1String("subject"), T::Text, C::Work, none, 200, search,
                          QT_TRANSLATE_NOOP("FieldLabels", "Subject")),
                    plain(QLatin1String("body"), T::LongText, C::Work, none, 20000, search,
                          QT_TRANSLATE_NOOP("FieldLabels", "Text")),
                    plain(QLatin1String("attachment_name"), T::Text, C::Work, none, 255,
                          nul | search, QT_TRANSLATE_NOOP("FieldLabels", "Attachment")),
                    // Derived from the attached file, never typed.
                    plain(QLatin1String("attachment_size"), T::Integer, C::SystemFed, none, 20, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Attachment size")),
                    plain(QLatin1String("attachment_sha256"), T::Text, C::SystemFed, none, 64, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Attachment checksum")),
            },
            {},
            QLatin1String("related_id"),
            true,
            false,
            {},
    });

    kinds.append(KindSchema{
            R::Terminal,
            QLatin1String("terminals"),
            QT_TRANSLATE_NOOP("FieldLabels", "Terminal"),
            {
                    reference(QLatin1String("customer_id"), C::SystemFed, { R::Customer }, req,
                              QT_TRANSLATE_NOOP("FieldLabels", "Customer")),
                    plain(QLatin1String("serial"), T::Text, C::SystemFed, none, 64, req,
                          QT_TRANSLATE_NOOP("FieldLabels", "Serial number")),
                    plain(QLatin1String("model"), T::Text, C::SystemFed, none, 100, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Model")),
                    merchantChoice<TerminalKind>(QLatin1String("kind"), C::SystemFed, 32, req,
                                                 QT_TRANSLATE_NOOP("FieldLabels", "Kind")),
                    merchantChoice<TerminalStatus>(QLatin1String("status"), C::SystemFed, 32, req,
                                                   QT_TRANSLATE_NOOP("FieldLabels", "Status")),
                    plain(QLatin1String("installed_at"), T::Date, C::SystemFed, none, 40, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Installed")),
                    plain(QLatin1String("last_active_day"), T::Date, C::SystemFed, none, 40, nul,
                          QT_TRANSLATE_NOOP("FieldLabels", "Last active")),
            },
            {},
            QLatin1String("customer_id"),
            false,
            true,
            {},
    });

    kinds.append(KindSchema{
            R::MerchantVolume,
            QLatin1String("merchant_volumes"),
            QT_TRANSLATE_NOOP("FieldLabels", "Monthly volume"),
            {
                    reference(QLatin1String("customer_id"), C::SystemFed, { R::Customer }, req,
                              QT_TRANSLATE_NOOP("FieldLabels", "Customer")),
                    plain(QLatin1String("month"), T::Text, C::SystemFed, none, 16, req,
                          QT_TRANSLATE_NOOP("FieldLabels", "Month")),
                    plain(QLatin1String("volume_fen"), T::Money, C::SystemFed, none, 20, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Volume")),
                    plain(QLatin1String("tx_count"), T::Integer, C::SystemFed, none, 20, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Transactions")),
                    plain(QLatin1String("refund_fen"), T::Money, C::SystemFed, none, 20, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Refunds")),
                    plain(QLatin1String("chargeback_count"), T::Integer, C::SystemFed, none, 20,
                          F::None, QT_TRANSLATE_NOOP("FieldLabels", "Chargebacks")),
            },
            {},
            QLatin1String("customer_id"),
            false,
            true,
            {},
    });

    F kycItem = plain(QLatin1String("item"), T::Choice, C::KycWork, none, 64, req,
                      QT_TRANSLATE_NOOP("FieldLabels", "Item"));
    kycItem.vocabulary = &codesOf<KycItemKind, MerchantEnums>;
    kycItem.choiceLabel = &kycItemLabel;
    kinds.append(KindSchema{
            R::KycItem,
            QLatin1String("kyc_items"),
            QT_TRANSLATE_NOOP("FieldLabels", "KYC checklist item"),
            {
                    // customer_id and item name the row (its id follows from them,
                    // KycRules::itemId): set when the row is first made and never changed,
                    // which the server checks.
                    reference(QLatin1String("customer_id"), C::KycWork, { R::Customer }, req,
                              QT_TRANSLATE_NOOP("FieldLabels", "Customer")),
                    kycItem,
                    merchantChoice<KycItemState>(QLatin1String("state"), C::KycReview, 32, req,
                                                 QT_TRANSLATE_NOOP("FieldLabels", "State")),
                    plain(QLatin1String("note"), T::Text, C::KycWork, none, 2000, F::None,
                          QT_TRANSLATE_NOOP("FieldLabels", "Note")),
                    assignment(QLatin1String("updated_by"), C::SystemFed, nul,
                               QT_TRANSLATE_NOOP("FieldLabels", "Changed by")),
            },
            {},
            QLatin1String("customer_id"),
            false,
            false,
            {},
    });
    return kinds;
}

} // namespace

const FieldSchema *KindSchema::field(const QString &key) const
{
    for (const FieldSchema &candidate : fields) {
        if (candidate.key == key)
            return &candidate;
    }
    return nullptr;
}

QStringList KindSchema::keys() const
{
    QStringList result;
    for (const FieldSchema &field : fields)
        result << QString(field.key);
    return result;
}

const QList<KindSchema> &RecordSchema::kinds()
{
    static const QList<KindSchema> all = describeKinds();
    return all;
}

const KindSchema &RecordSchema::kind(RecordType type)
{
    // describeKinds() appends the kinds in RecordType's order; tests/schema checks it.
    return kinds().at(static_cast<qsizetype>(type));
}

const KindSchema *RecordSchema::kind(const QString &table)
{
    for (const KindSchema &candidate : kinds()) {
        if (candidate.table == table)
            return &candidate;
    }
    return nullptr;
}

const FieldSchema *RecordSchema::field(RecordType type, const QString &key)
{
    return kind(type).field(key);
}

} // namespace branchline
