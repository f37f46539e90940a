// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordValidator.h"

#include "domain/records/Activity.h"
#include "domain/records/Contact.h"
#include "domain/records/Customer.h"
#include "domain/records/Lead.h"
#include "domain/records/Task.h"
#include "domain/rules/CreditCode.h"
#include "domain/rules/MobileNumber.h"
#include "domain/rules/ResidentIdNumber.h"

#include <QRegularExpression>

namespace branchline {

namespace {

// Identifiers are stored in their cleaned form when they are valid; an invalid one is
// kept as typed so the person can see and fix it.
void normalizeIdentifier(QString &value, const IdentifierCheck &check)
{
    if (check.ok())
        value = check.normalized;
}

void requireText(FieldIssues &issues, const QString &field, const QString &value,
                 const QString &message)
{
    if (value.trimmed().isEmpty())
        issues << FieldIssue{ field, message };
}

void limitLength(FieldIssues &issues, const QString &field, const QString &value, int max)
{
    if (value.size() > max)
        issues << FieldIssue{ field,
                              RecordValidator::tr("This text is too long: at most %n "
                                                  "characters.",
                                                  nullptr, max) };
}

void checkPhone(FieldIssues &issues, const QString &field, const QString &phone)
{
    if (phone.isEmpty())
        return;
    const IdentifierCheck check = MobileNumber::check(phone);
    if (!check.ok())
        issues << FieldIssue{ field, check.message() };
}

void checkEmail(FieldIssues &issues, const QString &field, const QString &email)
{
    if (email.isEmpty())
        return;
    static const QRegularExpression shape(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!shape.match(email).hasMatch())
        issues << FieldIssue{ field,
                              RecordValidator::tr("This is not an email address; it "
                                                  "should look like name@example.com.") };
}

} // namespace

void RecordValidator::normalize(Customer &customer)
{
    customer.legalName = customer.legalName.trimmed();
    if (!customer.creditCode.isEmpty())
        normalizeIdentifier(customer.creditCode, CreditCode::check(customer.creditCode));
    if (!customer.idNumber.isEmpty())
        normalizeIdentifier(customer.idNumber, ResidentIdNumber::check(customer.idNumber));
    if (!customer.phone.isEmpty())
        normalizeIdentifier(customer.phone, MobileNumber::check(customer.phone));
    customer.mcc = customer.mcc.trimmed();
    customer.city = customer.city.trimmed();
    QStringList tags;
    // Tags are stored comma-separated, so a comma inside a tag makes two tags.
    for (const QString &tag : std::as_const(customer.tags)) {
        for (const QString &part : tag.split(QLatin1Char(','))) {
            const QString clean = part.trimmed();
            if (!clean.isEmpty() && !tags.contains(clean))
                tags << clean;
        }
    }
    customer.tags = tags;
}

FieldIssues RecordValidator::validate(const Customer &customer)
{
    FieldIssues issues;
    requireText(issues, QStringLiteral("legal_name"), customer.legalName,
                tr("Enter the customer's legal name."));
    limitLength(issues, QStringLiteral("legal_name"), customer.legalName, maxNameLength);
    limitLength(issues, QStringLiteral("notes"), customer.notes, maxTextLength);

    const bool isPerson = customer.kind == CustomerKind::Individual;
    // A prospect may be saved before anyone has seen papers; from onboarding on, the
    // customer must be identified.
    const bool mustBeIdentified = customer.status != CustomerStatus::Prospect;
    if (isPerson) {
        if (!customer.idNumber.isEmpty()) {
            const IdentifierCheck check = ResidentIdNumber::check(customer.idNumber);
            if (!check.ok())
                issues << FieldIssue{ QStringLiteral("id_number"), check.message() };
        } else if (mustBeIdentified) {
            issues << FieldIssue{ QStringLiteral("id_number"),
                                  tr("Enter the resident ID number: it is required from "
                                     "onboarding on.") };
        }
        if (!customer.creditCode.isEmpty())
            issues << FieldIssue{ QStringLiteral("credit_code"),
                                  tr("An individual borrower has no unified social credit code; "
                                     "clear this field or change the kind of customer.") };
    } else {
        if (!customer.creditCode.isEmpty()) {
            const IdentifierCheck check = CreditCode::check(customer.creditCode);
            if (!check.ok())
                issues << FieldIssue{ QStringLiteral("credit_code"), check.message() };
        } else if (mustBeIdentified) {
            issues << FieldIssue{ QStringLiteral("credit_code"),
                                  tr("Enter the unified social credit code: it is required from "
                                     "onboarding on.") };
        }
    }
    checkPhone(issues, QStringLiteral("phone"), customer.phone);

    if (customer.kind == CustomerKind::Merchant && !customer.mcc.isEmpty()) {
        static const QRegularExpression mcc(QStringLiteral("^[0-9]{4}$"));
        if (!mcc.match(customer.mcc).hasMatch())
            issues << FieldIssue{ QStringLiteral("mcc"),
                                  tr("A merchant category code (MCC) has exactly 4 digits.") };
    }
    return issues;
}

void RecordValidator::normalize(Contact &contact)
{
    contact.name = contact.name.trimmed();
    contact.email = contact.email.trimmed().toLower();
    if (!contact.phone.isEmpty())
        normalizeIdentifier(contact.phone, MobileNumber::check(contact.phone));
}

FieldIssues RecordValidator::validate(const Contact &contact)
{
    FieldIssues issues;
    requireText(issues, QStringLiteral("customer_id"), contact.customerId,
                tr("A contact must belong to a customer."));
    requireText(issues, QStringLiteral("name"), contact.name, tr("Enter the contact's name."));
    limitLength(issues, QStringLiteral("name"), contact.name, maxNameLength);
    checkPhone(issues, QStringLiteral("phone"), contact.phone);
    checkEmail(issues, QStringLiteral("email"), contact.email);
    return issues;
}

void RecordValidator::normalize(Lead &lead)
{
    lead.name = lead.name.trimmed();
    lead.company = lead.company.trimmed();
    lead.email = lead.email.trimmed().toLower();
    if (!lead.phone.isEmpty())
        normalizeIdentifier(lead.phone, MobileNumber::check(lead.phone));
}

FieldIssues RecordValidator::validate(const Lead &lead)
{
    FieldIssues issues;
    requireText(issues, QStringLiteral("name"), lead.name, tr("Enter the lead's name."));
    limitLength(issues, QStringLiteral("name"), lead.name, maxNameLength);
    limitLength(issues, QStringLiteral("notes"), lead.notes, maxTextLength);
    if (lead.phone.isEmpty() && lead.email.isEmpty())
        issues << FieldIssue{ QStringLiteral("phone"),
                              tr("Enter a mobile number or an email address, so the lead can be "
                                 "reached.") };
    checkPhone(issues, QStringLiteral("phone"), lead.phone);
    checkEmail(issues, QStringLiteral("email"), lead.email);
    if (lead.score < 0 || lead.score > 100)
        issues << FieldIssue{ QStringLiteral("score"), tr("The score is a number from 0 to 100.") };
    if (lead.status == LeadStatus::Converted && lead.convertedCustomerId.isEmpty())
        issues << FieldIssue{ QStringLiteral("status"),
                              tr("To mark a lead as converted, convert it into a "
                                 "customer.") };
    if (lead.status != LeadStatus::Converted && !lead.convertedCustomerId.isEmpty())
        issues << FieldIssue{ QStringLiteral("status"),
                              tr("This lead was converted into a customer; it stays "
                                 "converted.") };
    return issues;
}

void RecordValidator::normalize(Task &task)
{
    task.title = task.title.trimmed();
}

void RecordValidator::normalize(Activity &activity)
{
    activity.subject = activity.subject.trimmed();
    if (!activity.occurredAt.isValid())
        activity.occurredAt = QDateTime::currentDateTimeUtc();
}

FieldIssues RecordValidator::validate(const Task &task)
{
    FieldIssues issues;
    requireText(issues, QStringLiteral("title"), task.title, tr("Enter what has to be done."));
    limitLength(issues, QStringLiteral("title"), task.title, maxNameLength);
    if (task.reminderAt.isValid() && task.dueAt.isValid() && task.reminderAt > task.dueAt)
        issues << FieldIssue{ QStringLiteral("reminder_at"),
                              tr("The reminder must come before the task is due.") };
    if (!task.relatedTable.isEmpty() && task.relatedId.isEmpty())
        issues << FieldIssue{ QStringLiteral("related_id"),
                              tr("Choose the record this task is about.") };
    return issues;
}

FieldIssues RecordValidator::validate(const Activity &activity)
{
    FieldIssues issues;
    requireText(issues, QStringLiteral("related_id"), activity.relatedId,
                tr("An activity must belong to a customer, contact or lead."));
    if (activity.subject.trimmed().isEmpty() && activity.body.trimmed().isEmpty()
        && activity.attachmentName.isEmpty())
        issues << FieldIssue{ QStringLiteral("subject"),
                              tr("Write what happened: a subject or a few words.") };
    if (activity.kind == ActivityKind::Document && activity.attachmentName.isEmpty())
        issues << FieldIssue{ QStringLiteral("attachment_name"), tr("Choose the document.") };
    limitLength(issues, QStringLiteral("body"), activity.body, maxTextLength);
    return issues;
}

} // namespace branchline
