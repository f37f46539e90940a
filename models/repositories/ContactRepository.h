// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageCursor.h"
#include "SaveResult.h"
#include "records/Contact.h"

#include <QSqlDatabase>

#include <optional>

namespace branchline {

class ContactRepository
{
public:
    explicit ContactRepository(QSqlDatabase db);

    SaveResult insert(Contact &contact);
    SaveResult update(Contact &contact);
    SaveResult remove(const QString &id);
    std::optional<Contact> find(const QString &id, StoreError *error = nullptr) const;

    // A customer's contacts by name, one page at a time.
    QList<Contact> forCustomer(const QString &customerId, const PageCursor &after, int limit,
                               StoreError *error) const;
    static PageCursor cursorAfter(const Contact &row);

private:
    QSqlDatabase m_db;
};

} // namespace branchline
