// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/QuerySpec.h"

namespace branchline {

namespace {

QDate monthStart(const QDate &day)
{
    return QDate(day.year(), day.month(), 1);
}
QDate quarterStart(const QDate &day)
{
    return QDate(day.year(), (day.month() - 1) / 3 * 3 + 1, 1);
}
DateRange days(const QDate &from, const QDate &to)
{
    return { RelativePeriod::None, from, to };
}

// Whether a range covers whole calendar months: then its previous period is the same
// number of months before, not the same number of days (March has 31, February 28).
bool isWholeMonths(const DateRange &range)
{
    return range.from.day() == 1 && range.to.addDays(1).day() == 1 && range.from <= range.to;
}

} // namespace

bool DateRange::operator==(const DateRange &other) const
{
    return period == other.period && from == other.from && to == other.to;
}

DateRange DateRange::resolved(const QDate &today) const
{
    switch (period) {
    case RelativePeriod::None:
        return *this;
    case RelativePeriod::Today:
        return days(today, today);
    case RelativePeriod::Last7Days:
        return days(today.addDays(-6), today);
    case RelativePeriod::Last30Days:
        return days(today.addDays(-29), today);
    case RelativePeriod::Last90Days:
        return days(today.addDays(-89), today);
    case RelativePeriod::ThisWeek: {
        const QDate monday = today.addDays(1 - today.dayOfWeek());
        return days(monday, monday.addDays(6));
    }
    case RelativePeriod::ThisMonth:
        return days(monthStart(today), monthStart(today).addMonths(1).addDays(-1));
    case RelativePeriod::PreviousMonth:
        return days(monthStart(today).addMonths(-1), monthStart(today).addDays(-1));
    case RelativePeriod::ThisQuarter:
        return days(quarterStart(today), quarterStart(today).addMonths(3).addDays(-1));
    case RelativePeriod::PreviousQuarter:
        return days(quarterStart(today).addMonths(-3), quarterStart(today).addDays(-1));
    case RelativePeriod::ThisYear:
        return days(QDate(today.year(), 1, 1), QDate(today.year(), 12, 31));
    case RelativePeriod::PreviousYear:
        return days(QDate(today.year() - 1, 1, 1), QDate(today.year() - 1, 12, 31));
    }
    return {};
}

DateRange DateRange::previous(const QDate &today) const
{
    const DateRange current = resolved(today);
    if (!current.from.isValid() || !current.to.isValid() || current.from > current.to)
        return {};
    if (isWholeMonths(current)) {
        const int months = (current.to.year() - current.from.year()) * 12 + current.to.month()
                - current.from.month() + 1;
        return days(current.from.addMonths(-months), current.from.addDays(-1));
    }
    const qint64 length = current.from.daysTo(current.to) + 1;
    return days(current.from.addDays(-length), current.from.addDays(-1));
}

QJsonObject dateRangeToJson(const DateRange &range)
{
    QJsonObject json;
    if (range.period != RelativePeriod::None)
        json.insert(QStringLiteral("period"), relativePeriodCode(range.period));
    if (range.from.isValid())
        json.insert(QStringLiteral("from"), range.from.toString(Qt::ISODate));
    if (range.to.isValid())
        json.insert(QStringLiteral("to"), range.to.toString(Qt::ISODate));
    return json;
}

std::optional<DateRange> dateRangeFromJson(const QJsonObject &json, QString *error)
{
    DateRange range;
    const auto period = relativePeriodFromCode(
            json.value(QStringLiteral("period")).toString(QStringLiteral("none")));
    const QString from = json.value(QStringLiteral("from")).toString();
    const QString to = json.value(QStringLiteral("to")).toString();
    range.from = QDate::fromString(from, Qt::ISODate);
    range.to = QDate::fromString(to, Qt::ISODate);
    const bool badDates = (!from.isEmpty() && !range.from.isValid())
            || (!to.isEmpty() && !range.to.isValid())
            || (range.from.isValid() && range.to.isValid() && range.from > range.to);
    if (!period || badDates) {
        if (error)
            *error = QCoreApplication::translate("QuerySpec",
                                                 "The date range is not a valid range of days.");
        return std::nullopt;
    }
    range.period = *period;
    return range;
}

} // namespace branchline
