// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/DataSetCatalog.h"

#include "dashboards/DataSetSchema.h"

namespace branchline {

namespace {

CatalogField toCatalogField(const schema::FieldDef &def)
{
    return { def.name, schema::fieldLabel(def), def.kind, def.isDate, def.aggregates };
}

} // namespace

QStringList DataSetCatalog::dataSets()
{
    QStringList ids;
    for (const schema::DataSetDef &set : schema::dataSets())
        ids.append(set.id);
    return ids;
}

QString DataSetCatalog::dataSetLabel(const QString &dataSet)
{
    const schema::DataSetDef *set = schema::dataSet(dataSet);
    return set ? tr(set->label) : dataSet;
}

bool DataSetCatalog::hasDataSet(const QString &dataSet)
{
    return schema::dataSet(dataSet) != nullptr;
}

QList<CatalogField> DataSetCatalog::dimensions(const QString &dataSet, Role role)
{
    QList<CatalogField> fields;
    if (const schema::DataSetDef *set = schema::dataSet(dataSet)) {
        for (const schema::FieldDef &def : set->dimensions) {
            if (schema::offersDimension(def, role))
                fields.append(toCatalogField(def));
        }
    }
    return fields;
}

QList<CatalogField> DataSetCatalog::measures(const QString &dataSet, Role role)
{
    QList<CatalogField> fields;
    if (const schema::DataSetDef *set = schema::dataSet(dataSet)) {
        for (const schema::FieldDef &def : set->measures) {
            if (schema::offersMeasure(def, role))
                fields.append(toCatalogField(def));
        }
    }
    return fields;
}

std::optional<CatalogField> DataSetCatalog::dimension(const QString &dataSet, const QString &name,
                                                      Role role)
{
    const schema::DataSetDef *set = schema::dataSet(dataSet);
    const schema::FieldDef *def = set ? schema::dimension(*set, name) : nullptr;
    if (!def || !schema::offersDimension(*def, role))
        return std::nullopt;
    return toCatalogField(*def);
}

std::optional<CatalogField> DataSetCatalog::measure(const QString &dataSet, const QString &name,
                                                    Role role)
{
    const schema::DataSetDef *set = schema::dataSet(dataSet);
    const schema::FieldDef *def = set ? schema::measure(*set, name) : nullptr;
    if (!def || !schema::offersMeasure(*def, role))
        return std::nullopt;
    return toCatalogField(*def);
}

QString DataSetCatalog::dateDimension(const QString &dataSet)
{
    return hasDataSet(dataSet) ? QStringLiteral("date") : QString();
}

namespace {

QString termLabel(const schema::DataSetDef *set, Aggregate aggregate, const QString &field)
{
    if (aggregate == Aggregate::Count)
        return DataSetCatalog::tr("Count");
    const schema::FieldDef *def = set ? schema::measure(*set, field) : nullptr;
    const QString name = def ? schema::fieldLabel(*def) : field;
    switch (aggregate) {
    case Aggregate::DistinctCount:
        return name;
    case Aggregate::Sum:
        return DataSetCatalog::tr("Total %1").arg(name);
    case Aggregate::Avg:
        return DataSetCatalog::tr("Average %1").arg(name);
    case Aggregate::Min:
        return DataSetCatalog::tr("Lowest %1").arg(name);
    case Aggregate::Max:
        return DataSetCatalog::tr("Highest %1").arg(name);
    case Aggregate::Count:
    case Aggregate::Ratio:
        break;
    }
    return name;
}

} // namespace

QString DataSetCatalog::measureLabel(const QString &dataSet, const MeasureSpec &measure)
{
    if (!measure.label.isEmpty())
        return measure.label;
    const schema::DataSetDef *set = schema::dataSet(dataSet);
    if (measure.aggregate == Aggregate::Ratio) {
        return tr("%1 / %2").arg(
                termLabel(set, measure.numerator.aggregate, measure.numerator.field),
                termLabel(set, measure.denominator.aggregate, measure.denominator.field));
    }
    return termLabel(set, measure.aggregate, measure.field);
}

ValueKind DataSetCatalog::measureKind(const QString &dataSet, const MeasureSpec &measure)
{
    switch (measure.aggregate) {
    case Aggregate::Count:
    case Aggregate::DistinctCount:
        return ValueKind::Integer;
    case Aggregate::Ratio:
        return ValueKind::Percent;
    case Aggregate::Avg:
    case Aggregate::Sum:
    case Aggregate::Min:
    case Aggregate::Max:
        break;
    }
    const schema::DataSetDef *set = schema::dataSet(dataSet);
    const schema::FieldDef *def = set ? schema::measure(*set, measure.field) : nullptr;
    if (!def)
        return ValueKind::Decimal;
    // An average of money is still money; of a 0/1 flag, a rate; of anything else, a fraction.
    if (measure.aggregate == Aggregate::Avg && def->isFlag)
        return ValueKind::Percent;
    if (measure.aggregate == Aggregate::Avg && def->kind != ValueKind::Money)
        return ValueKind::Decimal;
    return def->kind;
}

} // namespace branchline
