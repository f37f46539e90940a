// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageCursor.h"
#include "RecordRepository.h"
#include "records/Lead.h"

#include <QSqlDatabase>

#include <optional>

namespace branchline {

struct LeadFilter
{
    QString text; // full-text over name, company, city, notes; a full phone matches exactly
    std::optional<LeadStatus> status;
    std::optional<LeadSource> source;
    QString ownerId;
    // The leads of one customer (its 360° view): those converted into it and, when a phone
    // is given, those from the same mobile number, which are often the same person again.
    QString customerId;
    QString customerPhone;
};

class LeadRepository : public RecordRepository<Lead>
{
public:
    explicit LeadRepository(const QSqlDatabase &db);

    // Newest change first; a full-text search in stored order.
    QList<Lead> page(const LeadFilter &filter, const PageCursor &after, int limit,
                     StoreError *error) const;
    static PageCursor cursorAfter(const Lead &row);
};

} // namespace branchline
