// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageCursor.h"
#include "RecordRepository.h"
#include "domain/records/Activity.h"

#include <QSqlDatabase>

namespace branchline {

// The timeline. Activities are appended, never edited: that is what lets sync merge two
// devices' timelines as a set, without conflicts.
class ActivityRepository : private RecordRepository<Activity>
{
public:
    explicit ActivityRepository(const QSqlDatabase &db);

    SaveResult append(Activity &activity) { return insert(activity); }

    // A record's timeline, newest first.
    QList<Activity> timeline(const QString &relatedId, const PageCursor &after, int limit,
                             StoreError *error) const;
    // Full-text search over subjects, bodies and attachment names, in stored order.
    QList<Activity> search(const QString &text, const PageCursor &after, int limit,
                           StoreError *error) const;
    static PageCursor cursorAfter(const Activity &row);
};

} // namespace branchline
