// SPDX-License-Identifier: GPL-3.0-or-later
// The stable JSON names of QuerySpec's enums and their translated labels.
#include "dashboards/QuerySpec.h"

#include <QLatin1String>

#include <utility>

// Free functions have no tr(): the labels are written out with QCoreApplication::translate
// and the "QuerySpec" context, in full, so lupdate finds them.
namespace branchline {

namespace {

template<typename Enum, std::size_t N>
QString codeOf(const std::pair<Enum, QLatin1String> (&table)[N], Enum value)
{
    for (const auto &[item, code] : table) {
        if (item == value)
            return code;
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::pair<Enum, QLatin1String> (&table)[N], const QString &code)
{
    for (const auto &[item, itemCode] : table) {
        if (itemCode == code)
            return item;
    }
    return std::nullopt;
}

const std::pair<DateBucket, QLatin1String> kBuckets[] = {
    { DateBucket::None, QLatin1String("none") },
    { DateBucket::Day, QLatin1String("day") },
    { DateBucket::Week, QLatin1String("week") },
    { DateBucket::Month, QLatin1String("month") },
    { DateBucket::Quarter, QLatin1String("quarter") },
};

const std::pair<Aggregate, QLatin1String> kAggregates[] = {
    { Aggregate::Count, QLatin1String("count") },
    { Aggregate::DistinctCount, QLatin1String("distinct_count") },
    { Aggregate::Sum, QLatin1String("sum") },
    { Aggregate::Avg, QLatin1String("avg") },
    { Aggregate::Min, QLatin1String("min") },
    { Aggregate::Max, QLatin1String("max") },
    { Aggregate::Ratio, QLatin1String("ratio") },
};

const std::pair<FilterOp, QLatin1String> kOps[] = {
    { FilterOp::Equals, QLatin1String("equals") },
    { FilterOp::In, QLatin1String("in") },
    { FilterOp::Range, QLatin1String("range") },
    { FilterOp::RelativeDate, QLatin1String("relative_date") },
    { FilterOp::CurrentUser, QLatin1String("current_user") },
};

const std::pair<RelativePeriod, QLatin1String> kPeriods[] = {
    { RelativePeriod::None, QLatin1String("none") },
    { RelativePeriod::Today, QLatin1String("today") },
    { RelativePeriod::Last7Days, QLatin1String("last_7_days") },
    { RelativePeriod::Last30Days, QLatin1String("last_30_days") },
    { RelativePeriod::Last90Days, QLatin1String("last_90_days") },
    { RelativePeriod::ThisWeek, QLatin1String("this_week") },
    { RelativePeriod::ThisMonth, QLatin1String("this_month") },
    { RelativePeriod::PreviousMonth, QLatin1String("previous_month") },
    { RelativePeriod::ThisQuarter, QLatin1String("this_quarter") },
    { RelativePeriod::PreviousQuarter, QLatin1String("previous_quarter") },
    { RelativePeriod::ThisYear, QLatin1String("this_year") },
    { RelativePeriod::PreviousYear, QLatin1String("previous_year") },
};

} // namespace

QString dateBucketCode(DateBucket bucket)
{
    return codeOf(kBuckets, bucket);
}
std::optional<DateBucket> dateBucketFromCode(const QString &code)
{
    return valueOf(kBuckets, code);
}
QString aggregateCode(Aggregate aggregate)
{
    return codeOf(kAggregates, aggregate);
}
std::optional<Aggregate> aggregateFromCode(const QString &code)
{
    return valueOf(kAggregates, code);
}
QString filterOpCode(FilterOp op)
{
    return codeOf(kOps, op);
}
std::optional<FilterOp> filterOpFromCode(const QString &code)
{
    return valueOf(kOps, code);
}
QString relativePeriodCode(RelativePeriod period)
{
    return codeOf(kPeriods, period);
}
std::optional<RelativePeriod> relativePeriodFromCode(const QString &code)
{
    return valueOf(kPeriods, code);
}

QString dateBucketLabel(DateBucket bucket)
{
    switch (bucket) {
    case DateBucket::None:
        return QCoreApplication::translate("QuerySpec", "As recorded");
    case DateBucket::Day:
        return QCoreApplication::translate("QuerySpec", "Day");
    case DateBucket::Week:
        return QCoreApplication::translate("QuerySpec", "Week");
    case DateBucket::Month:
        return QCoreApplication::translate("QuerySpec", "Month");
    case DateBucket::Quarter:
        return QCoreApplication::translate("QuerySpec", "Quarter");
    }
    return {};
}

QString aggregateLabel(Aggregate aggregate)
{
    switch (aggregate) {
    case Aggregate::Count:
        return QCoreApplication::translate("QuerySpec", "Count");
    case Aggregate::DistinctCount:
        return QCoreApplication::translate("QuerySpec", "Distinct count");
    case Aggregate::Sum:
        return QCoreApplication::translate("QuerySpec", "Sum");
    case Aggregate::Avg:
        return QCoreApplication::translate("QuerySpec", "Average");
    case Aggregate::Min:
        return QCoreApplication::translate("QuerySpec", "Minimum");
    case Aggregate::Max:
        return QCoreApplication::translate("QuerySpec", "Maximum");
    case Aggregate::Ratio:
        return QCoreApplication::translate("QuerySpec", "Ratio");
    }
    return {};
}

QString relativePeriodLabel(RelativePeriod period)
{
    switch (period) {
    case RelativePeriod::None:
        return QCoreApplication::translate("QuerySpec", "Custom dates");
    case RelativePeriod::Today:
        return QCoreApplication::translate("QuerySpec", "Today");
    case RelativePeriod::Last7Days:
        return QCoreApplication::translate("QuerySpec", "Last 7 days");
    case RelativePeriod::Last30Days:
        return QCoreApplication::translate("QuerySpec", "Last 30 days");
    case RelativePeriod::Last90Days:
        return QCoreApplication::translate("QuerySpec", "Last 90 days");
    case RelativePeriod::ThisWeek:
        return QCoreApplication::translate("QuerySpec", "This week");
    case RelativePeriod::ThisMonth:
        return QCoreApplication::translate("QuerySpec", "This month");
    case RelativePeriod::PreviousMonth:
        return QCoreApplication::translate("QuerySpec", "Previous month");
    case RelativePeriod::ThisQuarter:
        return QCoreApplication::translate("QuerySpec", "This quarter");
    case RelativePeriod::PreviousQuarter:
        return QCoreApplication::translate("QuerySpec", "Previous quarter");
    case RelativePeriod::ThisYear:
        return QCoreApplication::translate("QuerySpec", "This year");
    case RelativePeriod::PreviousYear:
        return QCoreApplication::translate("QuerySpec", "Previous year");
    }
    return {};
}

} // namespace branchline
