// SPDX-License-Identifier: GPL-3.0-or-later
#include "SavedCustomerFilters.h"

#include "domain/rules/CreditCode.h"
#include "domain/rules/MobileNumber.h"
#include "domain/rules/ResidentIdNumber.h"

#include <QSettings>

namespace branchline {

namespace {

// Enums are kept by their stable codes, so a saved filter survives a reordered enum.
template<typename Enum>
QString codeOf(const std::optional<Enum> &value)
{
    return value ? RecordEnums::code(*value) : QString();
}

template<typename Enum>
std::optional<Enum> parseCode(const QVariant &code)
{
    return RecordEnums::parse<Enum>(code.toString());
}

} // namespace

SavedCustomerFilters::SavedCustomerFilters(const QString &userId)
    : m_group(QStringLiteral("customerList/%1/savedFilters")
                      .arg(userId.isEmpty() ? QStringLiteral("_") : userId))
{
}

QList<SavedCustomerFilter> SavedCustomerFilters::all() const
{
    QSettings settings;
    QList<SavedCustomerFilter> filters;
    const int count = settings.beginReadArray(m_group);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        SavedCustomerFilter saved;
        saved.name = settings.value(QStringLiteral("name")).toString();
        if (saved.name.isEmpty())
            continue;
        CustomerFilter &f = saved.filter;
        f.text = settings.value(QStringLiteral("text")).toString();
        f.kind = parseCode<CustomerKind>(settings.value(QStringLiteral("kind")));
        f.status = parseCode<CustomerStatus>(settings.value(QStringLiteral("status")));
        f.riskLevel = parseCode<RiskLevel>(settings.value(QStringLiteral("riskLevel")));
        f.kycStatus = parseCode<KycStatus>(settings.value(QStringLiteral("kycStatus")));
        f.branchId = settings.value(QStringLiteral("branchId")).toString();
        f.ownerId = settings.value(QStringLiteral("ownerId")).toString();
        filters << saved;
    }
    settings.endArray();
    return filters;
}

std::optional<CustomerFilter> SavedCustomerFilters::find(const QString &name) const
{
    for (const SavedCustomerFilter &saved : all()) {
        if (saved.name == name)
            return saved.filter;
    }
    return std::nullopt;
}

SavedCustomerFilters::Outcome SavedCustomerFilters::save(const QString &name, CustomerFilter filter)
{
    Outcome outcome = Outcome::Saved;
    if (isPersonalIdentifier(filter.text)) {
        filter.text.clear();
        outcome = Outcome::SavedWithoutSearchText;
    }
    QList<SavedCustomerFilter> filters = all();
    bool replaced = false;
    for (SavedCustomerFilter &saved : filters) {
        if (saved.name == name) {
            saved.filter = filter;
            replaced = true;
        }
    }
    if (!replaced)
        filters << SavedCustomerFilter{ name, filter };
    write(filters);
    return outcome;
}

void SavedCustomerFilters::remove(const QString &name)
{
    QList<SavedCustomerFilter> filters = all();
    filters.removeIf([&](const SavedCustomerFilter &saved) { return saved.name == name; });
    write(filters);
}

bool SavedCustomerFilters::isPersonalIdentifier(const QString &text)
{
    const QString trimmed = text.trimmed();
    return !trimmed.isEmpty()
            && (CreditCode::check(trimmed).ok() || ResidentIdNumber::check(trimmed).ok()
                || MobileNumber::check(trimmed).ok());
}

void SavedCustomerFilters::write(const QList<SavedCustomerFilter> &filters)
{
    QSettings settings;
    settings.remove(m_group);
    settings.beginWriteArray(m_group, int(filters.size()));
    for (int i = 0; i < filters.size(); ++i) {
        settings.setArrayIndex(i);
        const CustomerFilter &f = filters.at(i).filter;
        settings.setValue(QStringLiteral("name"), filters.at(i).name);
        settings.setValue(QStringLiteral("text"), f.text);
        settings.setValue(QStringLiteral("kind"), codeOf(f.kind));
        settings.setValue(QStringLiteral("status"), codeOf(f.status));
        settings.setValue(QStringLiteral("riskLevel"), codeOf(f.riskLevel));
        settings.setValue(QStringLiteral("kycStatus"), codeOf(f.kycStatus));
        settings.setValue(QStringLiteral("branchId"), f.branchId);
        settings.setValue(QStringLiteral("ownerId"), f.ownerId);
    }
    settings.endArray();
}

} // namespace branchline
