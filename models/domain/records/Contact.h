// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SyncMeta.h"

namespace branchline {

// A person at a corporate customer or merchant.
struct Contact
{
    SyncMeta meta;
    QString customerId;
    QString name;
    QString title;
    QString phone; // PII
    QString email; // PII
    bool isPrimary = false;
    QString notes;
};

} // namespace branchline
