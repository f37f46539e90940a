// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "repositories/CustomerRepository.h"

#include <QList>
#include <QString>

namespace branchline {

struct SavedCustomerFilter
{
    QString name;
    CustomerFilter filter;
};

// The customer list's saved filters, per user, in QSettings. Settings are a plain file, so
// a search for a full ID number, credit code or phone (personal information) is never
// written there: such a filter is saved without its search text.
class SavedCustomerFilters
{
public:
    explicit SavedCustomerFilters(const QString &userId);

    QList<SavedCustomerFilter> all() const;
    std::optional<CustomerFilter> find(const QString &name) const;

    enum class Outcome { Saved, SavedWithoutSearchText };
    // Adds the filter, or replaces the one of the same name.
    Outcome save(const QString &name, CustomerFilter filter);
    void remove(const QString &name);

    // Whether the text is a full resident ID, credit code or mobile number.
    static bool isPersonalIdentifier(const QString &text);

private:
    void write(const QList<SavedCustomerFilter> &filters);

    QString m_group;
};

} // namespace branchline
