// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecordSupport.h"
#include "core/Authenticator.h"
#include "core/Database.h"

#include <QCoreApplication>

#include <optional>

namespace branchline::server {

// A search by a full identifier (phone, ID number, credit code, e-mail) is a look at personal
// data: whether it matches says what the masked digits are. So it is allowed only to roles
// that may see the field unmasked, counted against a per-user hourly limit (enumerating four
// hidden digits takes ten thousand tries), and audited as pii.lookup — who, which field, how
// many matches, never the value searched for.
class PiiLookups
{
    Q_DECLARE_TR_FUNCTIONS(PiiLookups)

public:
    static constexpr int defaultPerHour = 20;

    // The field a search column belongs to ("phone" for "phone" or its blind index).
    static QString fieldOf(const QString &column);

    // A 403 when the caller's role may not search by `field` of `type`.
    static std::optional<RecordOutcome> refuseRole(const Caller &caller, RecordType type,
                                                   const QString &field);

    // Counts the lookup, and audits it with its number of matches, unless the caller has
    // used up `perHour` in the last hour (a 429). A storage failure is a 500 outcome.
    static std::optional<RecordOutcome> admit(const Database &database, const Caller &caller,
                                              const QString &table, const QString &field,
                                              int matches, int perHour);
};

} // namespace branchline::server
