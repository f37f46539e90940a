// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace branchline {

// The quick choices of "reschedule": a new due date that keeps the task's time of day, so
// a 14:00 call stays a 14:00 call. A task without a due date gets the start of the working
// day. Everything is in the person's local time.
class DueDateChoices
{
public:
    static QDateTime tomorrow(const QDateTime &due, const QDateTime &now);
    // The coming Monday: the first working day of next week in China, whatever the
    // locale's first day of the week.
    static QDateTime nextWeek(const QDateTime &due, const QDateTime &now);
    static QTime workdayStart() { return QTime(9, 0); }

private:
    static QDateTime onDay(const QDate &day, const QDateTime &due);
};

} // namespace branchline
