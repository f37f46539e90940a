// SPDX-License-Identifier: GPL-3.0-or-later
// The stable JSON names of QuerySpec's enums and their translated labels.
#include "dashboards/QuerySpec.h"

#include <QLatin1String>

#include <utility>

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
    { DateBucket::None, QLatin1String("none") },   { DateBucket::Day, QLatin1String("day") },
    { DateBucket::Week, QLatin1String("week") },   { DateBucket::Month, QLatin1String("month") },
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

QString translate(const char *text)
{
    // Free functions have no tr(); "QuerySpec" is the context lupdate files these under.
    return QCoreApplication::translate("QuerySpec", text);
}

} // namespace

QString dateBucketCode(DateBucket bucket) { return codeOf(kBuckets, bucket); }
std::optional<DateBucket> dateBucketFromCode(const QString &code) { return valueOf(kBuckets, code); }
QString aggregateCode(Aggregate aggregate) { return codeOf(kAggregates, aggregate); }
std::optional<Aggregate> aggregateFromCode(const QString &code) { return valueOf(kAggregates, code); }
QString filterOpCode(FilterOp op) { return codeOf(kOps, op); }
std::optional<FilterOp> filterOpFromCode(const QString &code) { return valueOf(kOps, code); }
QString relativePeriodCode(RelativePeriod period) { return codeOf(kPeriods, period); }
std::optional<RelativePeriod> relativePeriodFromCode(const QString &code)
{
    return valueOf(kPeriods, code);
}

QString dateBucketLabel(DateBucket bucket)
{
    switch (bucket) {
    case DateBucket::None:
        return translate("As recorded");
    case DateBucket::Day:
        return translate("Day");
    case DateBucket::Week:
        return translate("Week");
    case DateBucket::Month:
        return translate("Month");
    case DateBucket::Quarter:
        return translate("Quarter");
    }
    return {};
}

QString aggregateLabel(Aggregate aggregate)
{
    switch (aggregate) {
    case Aggregate::Count:
        return translate("Count");
    case Aggregate::DistinctCount:
        return translate("Distinct count");
    case Aggregate::Sum:
        return translate("Sum");
    case Aggregate::Avg:
        return translate("Average");
    case Aggregate::Min:
        return translate("Minimum");
    case Aggregate::Max:
        return translate("Maximum");
    case Aggregate::Ratio:
        return translate("Ratio");
    }
    return {};
}

QString relativePeriodLabel(RelativePeriod period)
{
    switch (period) {
    case RelativePeriod::None:
        return translate("Custom dates");
    case RelativePeriod::Today:
        return translate("Today");
    case RelativePeriod::Last7Days:
        return translate("Last 7 days");
    case RelativePeriod::Last30Days:
        return translate("Last 30 days");
    case RelativePeriod::Last90Days:
        return translate("Last 90 days");
    case RelativePeriod::ThisWeek:
        return translate("This week");
    case RelativePeriod::ThisMonth:
        return translate("This month");
    case RelativePeriod::PreviousMonth:
        return translate("Previous month");
    case RelativePeriod::ThisQuarter:
        return translate("This quarter");
    case RelativePeriod::PreviousQuarter:
        return translate("Previous quarter");
    case RelativePeriod::ThisYear:
        return translate("This year");
    case RelativePeriod::PreviousYear:
        return translate("Previous year");
    }
    return {};
}

} // namespace branchline
