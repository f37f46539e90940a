// SPDX-License-Identifier: GPL-3.0-or-later
#include "DueDateChoices.h"

namespace branchline {

QDateTime DueDateChoices::onDay(const QDate &day, const QDateTime &due)
{
    const QTime time = due.isValid() ? due.toLocalTime().time() : workdayStart();
    return QDateTime(day, QTime(time.hour(), time.minute()));
}

QDateTime DueDateChoices::tomorrow(const QDateTime &due, const QDateTime &now)
{
    return onDay(now.toLocalTime().date().addDays(1), due);
}

QDateTime DueDateChoices::nextWeek(const QDateTime &due, const QDateTime &now)
{
    const QDate today = now.toLocalTime().date();
    return onDay(today.addDays(8 - today.dayOfWeek()), due);
}

} // namespace branchline
