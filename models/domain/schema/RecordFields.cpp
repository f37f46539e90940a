// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/schema/RecordFields.h"

#include "domain/records/MerchantEnums.h"
#include "domain/records/RecordEnums.h"

namespace branchline {

namespace {

QLatin1String key(const char *name)
{
    return QLatin1String(name);
}

} // namespace

const FieldMap<Customer> &FieldsOf<Customer>::map()
{
    using R = Customer;
    static const FieldMap<R> map{
        fields::choice<RecordEnums, R>(key("kind"), &R::kind),
        fields::text<R>(key("legal_name"), &R::legalName),
        fields::text<R>(key("credit_code"), &R::creditCode),
        fields::text<R>(key("id_number"), &R::idNumber),
        fields::text<R>(key("phone"), &R::phone),
        fields::text<R>(key("address"), &R::address),
        fields::text<R>(key("city"), &R::city),
        fields::text<R>(key("industry"), &R::industry),
        fields::text<R>(key("mcc"), &R::mcc),
        fields::text<R>(key("branch_id"), &R::branchId),
        fields::text<R>(key("owner_id"), &R::ownerId),
        fields::choice<RecordEnums, R>(key("status"), &R::status),
        fields::optionalChoice<RecordEnums, R>(key("risk_level"), &R::riskLevel),
        fields::choice<RecordEnums, R>(key("kyc_status"), &R::kycStatus),
        fields::list<R>(key("tags"), &R::tags),
        fields::text<R>(key("notes"), &R::notes),
        fields::optionalNumber<R>(key("fee_rate_debit"), &R::feeRateDebit),
        fields::optionalNumber<R>(key("fee_rate_credit"), &R::feeRateCredit),
        fields::optionalNumber<R>(key("fee_rate_qr"), &R::feeRateQr),
        fields::optionalNumber<R>(key("credit_limit_fen"), &R::creditLimitFen),
        fields::text<R>(key("settlement_account"), &R::settlementAccount),
    };
    return map;
}

const FieldMap<Contact> &FieldsOf<Contact>::map()
{
    using R = Contact;
    static const FieldMap<R> map{
        fields::text<R>(key("customer_id"), &R::customerId),
        fields::text<R>(key("name"), &R::name),
        fields::text<R>(key("title"), &R::title),
        fields::text<R>(key("phone"), &R::phone),
        fields::text<R>(key("email"), &R::email),
        fields::flag<R>(key("is_primary"), &R::isPrimary),
        fields::text<R>(key("notes"), &R::notes),
    };
    return map;
}

const FieldMap<Lead> &FieldsOf<Lead>::map()
{
    using R = Lead;
    static const FieldMap<R> map{
        fields::text<R>(key("name"), &R::name),
        fields::text<R>(key("company"), &R::company),
        fields::text<R>(key("phone"), &R::phone),
        fields::text<R>(key("email"), &R::email),
        fields::choice<RecordEnums, R>(key("source"), &R::source),
        fields::choice<RecordEnums, R>(key("status"), &R::status),
        fields::number<R>(key("score"), &R::score),
        fields::text<R>(key("owner_id"), &R::ownerId),
        fields::text<R>(key("branch_id"), &R::branchId),
        fields::text<R>(key("product_interest"), &R::productInterest),
        fields::text<R>(key("city"), &R::city),
        fields::text<R>(key("notes"), &R::notes),
        fields::text<R>(key("converted_customer_id"), &R::convertedCustomerId),
    };
    return map;
}

// The client's task has no branch: the server sets it (ServerTask adds the field).
const FieldMap<Task> &FieldsOf<Task>::map()
{
    using R = Task;
    static const FieldMap<R> map{
        fields::text<R>(key("title"), &R::title),
        fields::dateTime<R>(key("due_at"), &R::dueAt),
        fields::text<R>(key("owner_id"), &R::ownerId),
        fields::text<R>(key("related_table"), &R::relatedTable),
        fields::text<R>(key("related_id"), &R::relatedId),
        fields::choice<RecordEnums, R>(key("priority"), &R::priority),
        fields::choice<RecordEnums, R>(key("status"), &R::status),
        fields::dateTime<R>(key("reminder_at"), &R::reminderAt),
        fields::dateTime<R>(key("completed_at"), &R::completedAt),
        fields::text<R>(key("notes"), &R::notes),
    };
    return map;
}

const FieldMap<Activity> &FieldsOf<Activity>::map()
{
    using R = Activity;
    static const FieldMap<R> map{
        fields::choice<RecordEnums, R>(key("kind"), &R::kind),
        fields::text<R>(key("related_table"), &R::relatedTable),
        fields::text<R>(key("related_id"), &R::relatedId),
        fields::text<R>(key("author_id"), &R::authorId),
        fields::dateTime<R>(key("occurred_at"), &R::occurredAt),
        fields::text<R>(key("subject"), &R::subject),
        fields::text<R>(key("body"), &R::body),
        fields::text<R>(key("attachment_name"), &R::attachmentName),
        // A size belongs to an attachment: none without one.
        FieldAccess<R>{ key("attachment_size"),
                        [](const R &a) {
                            return a.attachmentName.isEmpty() ? QVariant()
                                                              : QVariant(a.attachmentSize);
                        },
                        [](R &a, const QVariant &v) {
                            a.attachmentSize = v.toLongLong();
                            return true;
                        } },
        fields::text<R>(key("attachment_sha256"), &R::attachmentSha256),
    };
    return map;
}

const FieldMap<Terminal> &FieldsOf<Terminal>::map()
{
    using R = Terminal;
    static const FieldMap<R> map{
        fields::text<R>(key("customer_id"), &R::customerId),
        fields::text<R>(key("serial"), &R::serial),
        fields::text<R>(key("model"), &R::model),
        fields::choice<MerchantEnums, R>(key("kind"), &R::kind),
        fields::choice<MerchantEnums, R>(key("status"), &R::status),
        fields::date<R>(key("installed_at"), &R::installedAt),
        fields::date<R>(key("last_active_day"), &R::lastActiveDay),
    };
    return map;
}

const FieldMap<MerchantVolume> &FieldsOf<MerchantVolume>::map()
{
    using R = MerchantVolume;
    static const FieldMap<R> map{
        fields::text<R>(key("customer_id"), &R::customerId),
        fields::text<R>(key("month"), &R::month),
        fields::number<R>(key("volume_fen"), &R::volumeFen),
        fields::number<R>(key("tx_count"), &R::txCount),
        fields::number<R>(key("refund_fen"), &R::refundFen),
        fields::number<R>(key("chargeback_count"), &R::chargebackCount),
    };
    return map;
}

const FieldMap<KycItem> &FieldsOf<KycItem>::map()
{
    using R = KycItem;
    static const FieldMap<R> map{
        fields::text<R>(key("customer_id"), &R::customerId),
        fields::choice<MerchantEnums, R>(key("item"), &R::item),
        fields::choice<MerchantEnums, R>(key("state"), &R::state),
        fields::text<R>(key("note"), &R::note),
        fields::text<R>(key("updated_by"), &R::updatedBy),
    };
    return map;
}

} // namespace branchline
