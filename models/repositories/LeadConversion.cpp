// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadConversion.h"

#include "CustomerRepository.h"
#include "Directory.h"
#include "LeadRepository.h"
#include "domain/rules/FieldPolicy.h"
#include "domain/rules/MobileNumber.h"
#include "store/LocalTransaction.h"

#include <QRegularExpression>

namespace branchline {

namespace {

bool editable(Role role, RecordType type, const char *field)
{
    return FieldPolicy::permission(role, type, QLatin1String(field)) == FieldPermission::Editable;
}

// Words of a product interest that point to a loan rather than acquiring (收单, 扫码收款).
bool wantsCredit(const QString &productInterest)
{
    static const QRegularExpression credit(QStringLiteral("贷|借|授信|loan|credit"),
                                           QRegularExpression::CaseInsensitiveOption);
    return credit.match(productInterest).hasMatch();
}

} // namespace

LeadConversion::LeadConversion(const QSqlDatabase &db, Role role, const QString &userId)
    : m_db(db)
    , m_role(role)
    , m_userId(userId)
{
}

bool LeadConversion::mayConvert(Role role)
{
    return editable(role, RecordType::Lead, "status")
            && editable(role, RecordType::Lead, "converted_customer_id")
            && editable(role, RecordType::Customer, "kind")
            && editable(role, RecordType::Customer, "legal_name")
            && editable(role, RecordType::Customer, "credit_code")
            && editable(role, RecordType::Customer, "id_number")
            && editable(role, RecordType::Customer, "phone");
}

Customer LeadConversion::draft(const Lead &lead) const
{
    Customer customer;
    const QString company = lead.company.trimmed();
    customer.legalName = company.isEmpty() ? lead.name.trimmed() : company;
    if (wantsCredit(lead.productInterest))
        customer.kind = company.isEmpty() ? CustomerKind::Individual : CustomerKind::Corporate;
    else
        customer.kind = company.isEmpty() ? CustomerKind::Individual : CustomerKind::Merchant;
    customer.city = lead.city;
    // A lead pulled from the server holds its phone masked (138****5678): only a number that
    // is here in full is carried over; the person types the rest.
    if (MobileNumber::check(lead.phone).ok())
        customer.phone = lead.phone;
    customer.status = CustomerStatus::Prospect;

    Directory directory(m_db);
    if (editable(m_role, RecordType::Customer, "owner_id") && !lead.ownerId.isEmpty()) {
        customer.ownerId = lead.ownerId;
        customer.branchId = lead.branchId;
    } else {
        customer.ownerId = m_userId;
        customer.branchId = directory.branchOfUser(m_userId);
    }
    if (customer.branchId.isEmpty())
        customer.branchId = directory.branchOfUser(customer.ownerId);
    if (customer.branchId.isEmpty())
        customer.branchId = lead.branchId;
    return customer;
}

SaveResult LeadConversion::convert(const QString &leadId, Customer &customer)
{
    if (!mayConvert(m_role))
        return SaveResult::invalid({ { QStringLiteral("status"),
                                       tr("Your role may not convert leads into customers.") } });
    LeadRepository leads(m_db);
    StoreError error;
    std::optional<Lead> lead = leads.find(leadId, &error);
    if (!lead)
        return SaveResult::failed(error);
    if (lead->status == LeadStatus::Converted)
        return SaveResult::invalid({ { QStringLiteral("status"),
                                       tr("This lead was converted into a customer already.") } });

    LocalTransaction transaction(m_db);
    if (!transaction.begin(&error))
        return SaveResult::failed(error);
    const SyncMeta before = customer.meta;
    customer.meta = SyncMeta();
    SaveResult result = CustomerRepository(m_db).insert(customer);
    if (result) {
        lead->status = LeadStatus::Converted;
        lead->convertedCustomerId = customer.meta.id;
        result = leads.update(*lead);
    }
    if (result && !transaction.commit(&error))
        result = SaveResult::failed(error);
    if (!result)
        customer.meta = before; // rolled back: the customer has no id yet
    return result;
}

} // namespace branchline
