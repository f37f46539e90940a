// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecordEnums.h"
#include "SyncMeta.h"

namespace branchline {

// A prospect not yet a customer: from a web form, a referral, a partner, an event, the call
// centre or a walk-in.
struct Lead
{
    SyncMeta meta;
    QString name;
    QString company;
    QString phone; // PII
    QString email; // PII
    LeadSource source = LeadSource::WalkIn;
    LeadStatus status = LeadStatus::New;
    int score = 0; // 0..100
    QString ownerId;
    QString branchId;
    QString productInterest;
    QString city;
    QString notes;
    QString convertedCustomerId;
};

} // namespace branchline
