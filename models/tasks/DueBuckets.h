// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>

namespace branchline {

// The groups of the tasks screen, in the order it shows them.
enum class DueBucket { Overdue, Today, Tomorrow, ThisWeek, Later, NoDate, DoneToday };

// Which group a task falls in at a given moment. Days are the person's own calendar days
// (local time): "today" ends at their midnight, not at UTC's.
class DueBuckets
{
    Q_DECLARE_TR_FUNCTIONS(DueBuckets)

public:
    static DueBucket of(const QDateTime &due, bool done, const QDateTime &now,
                        Qt::DayOfWeek firstDayOfWeek);
    // With the week of the default locale (Monday in China, Sunday in the US).
    static DueBucket of(const QDateTime &due, bool done, const QDateTime &now);

    static QString label(DueBucket bucket);
    static constexpr int count = int(DueBucket::DoneToday) + 1;
};

} // namespace branchline
