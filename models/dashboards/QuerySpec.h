// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>

#include <optional>

namespace branchline {

// How a dimension over a date groups its values. None keeps the day as it is stored
// (a timestamp's date part); the others name the first day of their period.
enum class DateBucket { None, Day, Week, Month, Quarter };

// What a measure does with the values of its field. Count counts records (no field);
// Ratio divides one simple measure by another (numerator / denominator).
enum class Aggregate { Count, DistinctCount, Sum, Avg, Min, Max, Ratio };

// How a filter compares. Equals and In take `values`; Range takes `from`/`to` (either may
// be null for an open end; dates are inclusive days); RelativeDate takes `period` and
// applies to a date field; CurrentUser keeps the records whose person field (owner,
// author, requester) is the signed-in user, so a shared "my pipeline" stays the viewer's.
enum class FilterOp { Equals, In, Range, RelativeDate, CurrentUser };

// Periods relative to "today" (DashboardContext::today). Previous* are the period before
// the current one of the same length (the calendar month before this one, …).
enum class RelativePeriod {
    None,
    Today,
    Last7Days,
    Last30Days,
    Last90Days,
    ThisWeek,
    ThisMonth,
    PreviousMonth,
    ThisQuarter,
    PreviousQuarter,
    ThisYear,
    PreviousYear,
};

// A closed range of days [from, to]; a RelativePeriod other than None wins over the dates
// and is resolved against "today" when the query is compiled.
struct DateRange
{
    RelativePeriod period = RelativePeriod::None;
    QDate from;
    QDate to;

    bool isEmpty() const
    {
        return period == RelativePeriod::None && !from.isValid() && !to.isValid();
    }
    // The concrete days for `today`; an open end stays invalid.
    DateRange resolved(const QDate &today) const;
    // The period just before this one, with the same length: a calendar month gives the
    // month before, a quarter the quarter before, N days the N days before. Resolves first.
    DateRange previous(const QDate &today) const;
    bool operator==(const DateRange &other) const;
    bool operator!=(const DateRange &other) const { return !(*this == other); }
};

struct DimensionSpec
{
    QString field; // a dimension name from DataSetCatalog ("branch", "status", "date")
    DateBucket bucket = DateBucket::None; // date dimensions only
};

struct MeasureTerm
{
    Aggregate aggregate = Aggregate::Count; // never Ratio
    QString field; // a measure field from DataSetCatalog; empty for Count
};

struct MeasureSpec
{
    Aggregate aggregate = Aggregate::Count;
    QString field; // empty for Count and Ratio
    MeasureTerm numerator; // Ratio only
    MeasureTerm denominator; // Ratio only; a zero denominator gives null, not a division error
    QString label; // the user's own title; empty for the catalogue's
};

struct FilterSpec
{
    QString field; // a dimension name from DataSetCatalog
    FilterOp op = FilterOp::Equals;
    QVariantList values; // Equals (one value), In (one or more)
    QVariant from; // Range: number, or date as ISO "yyyy-MM-dd"
    QVariant to;
    RelativePeriod period = RelativePeriod::None; // RelativeDate
};

struct SortSpec
{
    enum class By { Dimension, Measure };
    By by = By::Measure;
    int index = 0; // into QuerySpec::dimensions or ::measures
    bool descending = true;
};

// A declarative query over one data set: what a dashboard widget shows. It names data
// sets, dimensions and measures only by their catalogue names; QueryCompiler turns it into
// SQL and refuses anything the catalogue does not offer to the viewer's role.
struct QuerySpec
{
    Q_DECLARE_TR_FUNCTIONS(QuerySpec)
public:
    QString dataSet; // "customers", "leads", "tasks", "activities", "approvals", "merchant_volumes"
    QList<DimensionSpec> dimensions;
    QList<MeasureSpec> measures;
    QList<FilterSpec> filters;
    QList<SortSpec> sort; // empty: by the dimensions in order
    int limit = 0; // top N rows after sorting; 0 for all

    // Equal when their JSON is: the same query, field for field.
    bool operator==(const QuerySpec &other) const;
    bool operator!=(const QuerySpec &other) const { return !(*this == other); }

    QJsonObject toJson() const;
    // Checks the shape (known enum names, types, indexes in range), not the catalogue;
    // std::nullopt with a translated message in `error` for anything malformed.
    static std::optional<QuerySpec> fromJson(const QJsonObject &json, QString *error);
};

// The stable names used in JSON ("month", "distinct_count", "last_30_days", …).
QString dateBucketCode(DateBucket bucket);
std::optional<DateBucket> dateBucketFromCode(const QString &code);
QString aggregateCode(Aggregate aggregate);
std::optional<Aggregate> aggregateFromCode(const QString &code);
QString filterOpCode(FilterOp op);
std::optional<FilterOp> filterOpFromCode(const QString &code);
QString relativePeriodCode(RelativePeriod period);
std::optional<RelativePeriod> relativePeriodFromCode(const QString &code);
// Translated names for pickers ("Month", "Distinct count", "Last 30 days").
QString dateBucketLabel(DateBucket bucket);
QString aggregateLabel(Aggregate aggregate);
QString relativePeriodLabel(RelativePeriod period);

QJsonObject dateRangeToJson(const DateRange &range);
std::optional<DateRange> dateRangeFromJson(const QJsonObject &json, QString *error);

} // namespace branchline

Q_DECLARE_METATYPE(branchline::QuerySpec)
Q_DECLARE_METATYPE(branchline::DateRange)
