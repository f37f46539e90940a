// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageCursor.h"
#include "RecordRepository.h"
#include "domain/records/Customer.h"

#include <QSqlDatabase>

#include <optional>

namespace branchline {

struct CustomerFilter
{
    QString text; // search box: a full ID, credit code or phone matches exactly, else full text
    std::optional<CustomerKind> kind;
    std::optional<CustomerStatus> status;
    std::optional<RiskLevel> riskLevel;
    std::optional<KycStatus> kycStatus;
    QString branchId;
    QString ownerId;
};

enum class CustomerSort {
    ByName, // legal name, A to Z (the default)
    ByRecentlyUpdated, // newest change first
};

// One row of the customer list: what the list shows, nothing more.
struct CustomerSummary
{
    qint64 localId = 0;
    QString id;
    CustomerKind kind = CustomerKind::Merchant;
    QString legalName;
    QString city;
    CustomerStatus status = CustomerStatus::Prospect;
    std::optional<RiskLevel> riskLevel;
    KycStatus kycStatus = KycStatus::NotStarted;
    QString phone; // clear text: the item model masks it for the viewer's role
    QString ownerName;
    QString branchName;
    QDateTime updatedAt;
    bool pending = false; // an edit made on this device waits for the server's answer
};

class CustomerRepository : public RecordRepository<Customer>
{
public:
    explicit CustomerRepository(const QSqlDatabase &db);

    // Many customers in one transaction (imports, the first sync's snapshot, benchmarks).
    SaveResult insertMany(QList<Customer> &customers);

    // One page of the list after `after`, at most `limit` rows. A full-text search comes
    // back in the order the records were stored (ranking would have to read every match).
    QList<CustomerSummary> page(const CustomerFilter &filter, CustomerSort sort,
                                const PageCursor &after, int limit, StoreError *error) const;
    static PageCursor cursorAfter(const CustomerSummary &row, CustomerSort sort);
    qint64 count(const CustomerFilter &filter, StoreError *error) const;

    // One slice of a count that may be too big to take in one go (a million rows is a
    // second's scan): the matches after `after`, reading at most about `span` rows. Start
    // with after = 0 and pass `next` on until `done`; the slices add up to count().
    struct CountSlice
    {
        qint64 rows = 0;
        qint64 next = 0;
        bool done = true;
    };
    CountSlice countSlice(const CustomerFilter &filter, qint64 after, int span,
                          StoreError *error) const;
};

} // namespace branchline
