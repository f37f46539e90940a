// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageCursor.h"
#include "RecordRepository.h"
#include "domain/records/Lead.h"

#include <QCoreApplication>
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

// A lead as the board and the list show it: the record, its owner's name and whether an
// edit made on this device still waits for the server.
struct LeadCard
{
    Lead lead;
    QString ownerName;
    bool pending = false;
};

class LeadRepository : public RecordRepository<Lead>
{
    Q_DECLARE_TR_FUNCTIONS(LeadRepository)

public:
    explicit LeadRepository(const QSqlDatabase &db);

    // Newest change first; a full-text search in stored order.
    QList<Lead> page(const LeadFilter &filter, const PageCursor &after, int limit,
                     StoreError *error) const;
    // The same page with each lead's owner name and pending marker.
    QList<LeadCard> cards(const LeadFilter &filter, const PageCursor &after, int limit,
                          StoreError *error) const;
    static PageCursor cursorAfter(const Lead &row);
    qint64 count(const LeadFilter &filter, StoreError *error) const;

    // Moves a lead along the pipeline (the board's drag): one update with its outbox row.
    // "Converted" is refused, because only LeadConversion makes the customer it needs, and
    // so is leaving "converted". Losing a lead needs a reason, kept in its notes with the
    // date, so whoever picks the lead up again knows why it stalled.
    SaveResult moveTo(const QString &id, LeadStatus status, const QString &lostReason = {});
};

} // namespace branchline
