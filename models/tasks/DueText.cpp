// SPDX-License-Identifier: GPL-3.0-or-later
#include "DueText.h"

#include <QLocale>

namespace branchline {

QString DueText::time(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime().time(), QLocale::ShortFormat);
}

QString DueText::of(const QDateTime &due, const QDateTime &now)
{
    if (!due.isValid())
        return QString();
    const QDate day = due.toLocalTime().date();
    const qint64 days = now.toLocalTime().date().daysTo(day);
    const QString clock = time(due);
    if (days == 0)
        return clock;
    if (days == 1)
        return tr("Tomorrow %1").arg(clock);
    if (days == -1)
        return tr("Yesterday %1").arg(clock);
    const QLocale locale;
    // A weekday names the coming one: past days beyond yesterday get their date.
    if (days > 1 && days < 7)
        return tr("%1 %2", "weekday and time")
                .arg(locale.dayName(day.dayOfWeek(), QLocale::ShortFormat), clock);
    return tr("%1 %2", "date and time").arg(locale.toString(day, QLocale::ShortFormat), clock);
}

} // namespace branchline
