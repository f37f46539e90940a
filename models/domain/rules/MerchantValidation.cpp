// SPDX-License-Identifier: GPL-3.0-or-later
// RecordValidator for the merchant detail: terminals, monthly volumes and KYC checklist
// items. Kept apart from RecordValidator.cpp, which holds the core records.
#include "RecordValidator.h"
#include "domain/records/MerchantRecords.h"

#include <QRegularExpression>

namespace branchline {

namespace {

void requireCustomer(FieldIssues &issues, const QString &customerId)
{
    if (customerId.trimmed().isEmpty())
        issues << FieldIssue{ QStringLiteral("customer_id"),
                              RecordValidator::tr("It must belong to a customer.") };
}

} // namespace

void RecordValidator::normalize(Terminal &terminal)
{
    terminal.serial = terminal.serial.trimmed().toUpper();
    terminal.model = terminal.model.trimmed();
}

void RecordValidator::normalize(MerchantVolume &volume)
{
    volume.month = volume.month.trimmed();
}

void RecordValidator::normalize(KycItem &item)
{
    item.note = item.note.trimmed();
}

FieldIssues RecordValidator::validate(const Terminal &terminal)
{
    FieldIssues issues;
    requireCustomer(issues, terminal.customerId);
    if (terminal.serial.isEmpty())
        issues << FieldIssue{ QStringLiteral("serial"), tr("Enter the terminal's serial number.") };
    if (terminal.serial.size() > 64 || terminal.model.size() > 100)
        issues << FieldIssue{ QStringLiteral("serial"), tr("This text is too long.") };
    if (terminal.lastActiveDay.isValid() && terminal.installedAt.isValid()
        && terminal.lastActiveDay < terminal.installedAt)
        issues << FieldIssue{ QStringLiteral("last_active_day"),
                              tr("A terminal cannot be used before it was installed.") };
    return issues;
}

FieldIssues RecordValidator::validate(const MerchantVolume &volume)
{
    FieldIssues issues;
    requireCustomer(issues, volume.customerId);
    static const QRegularExpression month(QStringLiteral("^\\d{4}-(0[1-9]|1[0-2])$"));
    if (!month.match(volume.month).hasMatch())
        issues << FieldIssue{ QStringLiteral("month"), tr("A month is written yyyy-MM.") };
    if (volume.volumeFen < 0 || volume.txCount < 0 || volume.refundFen < 0
        || volume.chargebackCount < 0)
        issues << FieldIssue{ QStringLiteral("volume_fen"),
                              tr("Amounts and counts are never negative.") };
    return issues;
}

FieldIssues RecordValidator::validate(const KycItem &item)
{
    FieldIssues issues;
    requireCustomer(issues, item.customerId);
    if (item.state == KycItemState::Rejected && item.note.isEmpty())
        issues << FieldIssue{ QStringLiteral("note"),
                              tr("Say why the item is rejected, so the rep knows what to bring.") };
    if (item.note.size() > 2000)
        issues << FieldIssue{ QStringLiteral("note"),
                              tr("This text is too long: at most %n characters.", nullptr, 2000) };
    return issues;
}

} // namespace branchline
