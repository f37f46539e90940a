// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageCursor.h"
#include "RecordRepository.h"
#include "domain/records/Contact.h"

#include <QSqlDatabase>

#include <optional>

namespace branchline {

class ContactRepository : public RecordRepository<Contact>
{
public:
    explicit ContactRepository(const QSqlDatabase &db);

    // A customer's contacts by name, one page at a time.
    QList<Contact> forCustomer(const QString &customerId, const PageCursor &after, int limit,
                               StoreError *error) const;
    static PageCursor cursorAfter(const Contact &row);
};

} // namespace branchline
