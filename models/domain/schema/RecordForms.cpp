// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/schema/RecordForms.h"

namespace branchline {

namespace {

FormField field(const char *key, const char *emptyLabel = nullptr)
{
    return FormField{ QLatin1String(key), emptyLabel };
}

} // namespace

QList<FormSection> RecordForms::profile(RecordType type)
{
    switch (type) {
    case RecordType::Customer:
        return {
            { QLatin1String("identity"),
              QT_TR_NOOP("Identity"),
              { field("legal_name"), field("kind"), field("credit_code"), field("id_number"),
                field("phone"), field("city"), field("address") } },
            // Titled by the customer's kind: merchant or borrower detail.
            { QLatin1String("business"), nullptr, { field("industry"), field("mcc") } },
            { QLatin1String("compliance"),
              QT_TR_NOOP("Compliance"),
              { field("status"), field("risk_level", QT_TR_NOOP("Not rated")),
                field("kyc_status") } },
            { QLatin1String("assignment"),
              QT_TR_NOOP("Assignment"),
              { field("owner_id", QT_TR_NOOP("Unassigned")),
                field("branch_id", QT_TR_NOOP("No branch")) } },
            { QLatin1String("notes"),
              QT_TR_NOOP("Tags and notes"),
              { field("tags"), field("notes") } },
        };
    case RecordType::Contact:
    case RecordType::Lead:
    case RecordType::Task:
    case RecordType::Activity:
    case RecordType::Terminal:
    case RecordType::MerchantVolume:
    case RecordType::KycItem:
        break;
    }
    return {}; // their forms are still laid out by hand
}

QString RecordForms::title(const FormSection &section)
{
    return section.title ? tr(section.title) : QString();
}

QString RecordForms::emptyLabel(const FormField &field)
{
    return field.emptyLabel ? tr(field.emptyLabel) : QString();
}

} // namespace branchline
