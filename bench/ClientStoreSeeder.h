// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CachedBenchStore.h"

#include <QString>

namespace branchline {

// The client benchmark's encrypted stores, made once and kept in a cache folder
// (~/.cache/branchline-bench) with their key in a file next to them.
//
// A store is created by LocalStore, so it holds the product's schema at its current
// migration, then filled through SQLCipher's C API (prepared inserts, 10,000 rows a
// transaction, the search index deferred and rebuilt at the end as a first sync does):
// CustomerGenerator's customers, branches and users and, when `busyTimeline` > 0, one
// customer in the middle of the store with that many timeline entries, some contacts,
// tasks and leads, around a background of two timeline entries per customer and a
// contact, a task and a lead for every fourth or fifth. Credit codes get valid check
// characters, so a full code is found by the exact search.
//
// A cached file is used again when its schema, row counts and search index are what this
// build would make; an older schema is migrated by LocalStore first (without keeping the
// backup), anything else is made again.
class ClientStoreSeeder : public CachedBenchStore
{
public:
    ClientStoreSeeder(QString cacheDir, qint64 customers, int busyTimeline);

    qint64 customers() const { return m_customers; }
    int busyTimeline() const { return m_busyTimeline; }
    // The customer with `busyTimeline` entries (empty when there is none).
    QString busyCustomerId() const;
    // What a user would search for one live firm three quarters into the store: the
    // start of its Chinese name (city and trade name), its full credit code and mobile.
    struct Sample
    {
        QString nameFragment;
        QString creditCode;
        QString phone;
    };
    bool sample(Sample *sample, QString *error) const;

private:
    bool isUsable(QString *why) const override;
    bool fill(CApiStore &store, QString *error) override;

    qint64 m_customers;
    int m_busyTimeline;
};

} // namespace branchline
