// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecordEnums.h"
#include "SyncMeta.h"

namespace branchline {

// Something a person has to do, by a date, often about a customer, contact or lead.
struct Task
{
    SyncMeta meta;
    QString title;
    QDateTime dueAt;
    QString ownerId;
    QString relatedTable; // "customers", "contacts", "leads" or empty
    QString relatedId;
    TaskPriority priority = TaskPriority::Normal;
    TaskStatus status = TaskStatus::Open;
    QDateTime reminderAt;
    QDateTime completedAt;
    QString notes;
};

} // namespace branchline
