// SPDX-License-Identifier: GPL-3.0-or-later
#include "DueBuckets.h"

#include <QLocale>

namespace branchline {

DueBucket DueBuckets::of(const QDateTime &due, bool done, const QDateTime &now,
                         Qt::DayOfWeek firstDayOfWeek)
{
    if (done)
        return DueBucket::DoneToday;
    if (!due.isValid())
        return DueBucket::NoDate;
    if (due < now)
        return DueBucket::Overdue;
    const QDate today = now.toLocalTime().date();
    const QDate day = due.toLocalTime().date();
    if (day <= today)
        return DueBucket::Today;
    if (day == today.addDays(1))
        return DueBucket::Tomorrow;
    // The days left in this calendar week after today: 0 on its last day.
    const int lastDayOfWeek = (int(firstDayOfWeek) + 5) % 7 + 1;
    const int daysLeft = (lastDayOfWeek - today.dayOfWeek() + 7) % 7;
    return day <= today.addDays(daysLeft) ? DueBucket::ThisWeek : DueBucket::Later;
}

DueBucket DueBuckets::of(const QDateTime &due, bool done, const QDateTime &now)
{
    return of(due, done, now, QLocale().firstDayOfWeek());
}

QString DueBuckets::label(DueBucket bucket)
{
    switch (bucket) {
    case DueBucket::Overdue:
        return tr("Overdue");
    case DueBucket::Today:
        return tr("Today");
    case DueBucket::Tomorrow:
        return tr("Tomorrow");
    case DueBucket::ThisWeek:
        return tr("Later this week");
    case DueBucket::Later:
        return tr("Later");
    case DueBucket::NoDate:
        return tr("No due date");
    case DueBucket::DoneToday:
        return tr("Completed today");
    }
    return QString();
}

} // namespace branchline
