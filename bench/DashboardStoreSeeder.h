// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CachedBenchStore.h"

#include <QString>

namespace branchline {

// The dashboard benchmark's encrypted store, made once and kept in the cache folder with
// its key in a file next to it, like ClientStoreSeeder's: LocalStore creates it (the
// product's schema at its current migration), SQLCipher's C API fills it with prepared
// inserts, 10,000 rows a transaction.
//
// Contents: CustomerGenerator's branches, users and `customers`; `activities` timeline
// entries scattered over them (ClientRecordGenerator, nine years); a task for every fourth
// customer and a lead for every fifth; 24 months of volumes (2025–2026) for every fourth
// merchant; an approval request for every twentieth customer. A cached file is used again
// when its row counts are what this build would make.
class DashboardStoreSeeder : public CachedBenchStore
{
public:
    DashboardStoreSeeder(QString cacheDir, qint64 customers, qint64 activities);

    // The rep the sales dashboards are seen by: the owner of the first customer.
    bool sampleRep(QString *userId, QString *error) const;

private:
    bool isUsable(QString *why) const override;
    bool fill(CApiStore &store, QString *error) override;

    qint64 m_customers;
    qint64 m_activities;
};

} // namespace branchline
