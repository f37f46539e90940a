// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/QuerySpec.h"
#include "domain/rules/Role.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace branchline {

// How a dimension's or measure's values read, so charts and exports can format them.
enum class ValueKind {
    Text, // free text (a city)
    Code, // a closed vocabulary shown through its label (a status, a risk level)
    Reference, // the id of a branch or user, shown by its name
    Date, // "yyyy-MM-dd" (a date bucket's first day)
    Integer, // a count or score
    Money, // whole fen (分), shown in yuan
    Decimal, // an average
    Percent, // a ratio of two measures (a conversion or completion rate), shown as a percentage
};

// One field a data set offers to the designer's field list.
struct CatalogField
{
    QString name; // stable name used by QuerySpec ("branch", "risk_level", "volume")
    QString label; // translated ("Branch", "风险等级")
    ValueKind kind = ValueKind::Text;
    bool isDate = false; // a dimension over a date: takes a DateBucket and date filters
    // Measures only: the aggregates that make sense for it (Sum of a money field, not of a
    // code). Empty for dimensions.
    QList<Aggregate> aggregates;
};

// The data sets dashboards query and what each offers: named dimensions and measure
// fields over the local store, with labels through FieldLabels. What a role is offered
// follows FieldPolicy: a field hidden from the role offers neither a dimension nor a
// measure, a masked field no measure, and a PII field is never a dimension (grouping by
// phone number would print them all in clear).
class DataSetCatalog
{
    Q_DECLARE_TR_FUNCTIONS(DataSetCatalog)
public:
    // "customers", "leads", "tasks", "activities", "approvals", "merchant_volumes".
    static QStringList dataSets();
    static QString dataSetLabel(const QString &dataSet);
    static bool hasDataSet(const QString &dataSet);

    // What `role` may group, filter and measure by; in a stable order.
    static QList<CatalogField> dimensions(const QString &dataSet, Role role);
    static QList<CatalogField> measures(const QString &dataSet, Role role);
    static std::optional<CatalogField> dimension(const QString &dataSet, const QString &name,
                                                 Role role);
    static std::optional<CatalogField> measure(const QString &dataSet, const QString &name,
                                               Role role);
    // The data set's own date dimension ("date"): what the dashboard's date range filters.
    static QString dateDimension(const QString &dataSet);

    // The label of a measure as a whole: "Count", "Sum of volume", "Refunds / volume".
    static QString measureLabel(const QString &dataSet, const MeasureSpec &measure);
    // How a measure's values read: Count is Integer, Avg and Ratio Decimal, Sum of money
    // Money, …
    static ValueKind measureKind(const QString &dataSet, const MeasureSpec &measure);
};

} // namespace branchline
