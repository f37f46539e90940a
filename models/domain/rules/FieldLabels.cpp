// SPDX-License-Identifier: GPL-3.0-or-later
#include "FieldLabels.h"

#include "domain/schema/RecordSchema.h"

#include <QJsonObject>
#include <QLocale>

namespace branchline {

namespace {

// The schema's field for a column: the table's own, else the first kind that has a column
// of that name (the dashboards' data sets name columns under the tables they come from).
const FieldSchema *schemaField(const QString &tableName, const QString &column)
{
    if (const KindSchema *kind = RecordSchema::kind(tableName)) {
        if (const FieldSchema *field = kind->field(column))
            return field;
    }
    for (const KindSchema &kind : RecordSchema::kinds()) {
        if (const FieldSchema *field = kind.field(column))
            return field;
    }
    return nullptr;
}

} // namespace

std::optional<RecordType> FieldLabels::recordType(const QString &name)
{
    if (const KindSchema *kind = RecordSchema::kind(name))
        return kind->type;
    return std::nullopt;
}

QString FieldLabels::recordKind(const QString &name)
{
    const KindSchema *kind = RecordSchema::kind(name);
    return kind ? tr(kind->label) : name;
}

QString FieldLabels::field(const QString &tableName, const QString &column)
{
    if (column.isEmpty())
        return tr("Whole record");
    const FieldSchema *field = schemaField(tableName, column);
    return field && field->label ? tr(field->label) : column;
}

QString FieldLabels::value(Role viewer, const QString &tableName, const QString &column,
                           const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return tr("(empty)");
    if (value.isBool())
        return value.toBool() ? tr("Yes") : tr("No");
    if (value.isDouble()) {
        // Numbers read the way the interface's language writes them (grouping, decimals).
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return QLocale().toString(qint64(number));
        return QLocale().toString(number, 'g', 15);
    }
    if (value.isObject()) {
        if (value.toObject().value(QLatin1String("deleted")).toBool())
            return tr("Deleted");
        return tr("%n field(s) changed", nullptr, int(value.toObject().size()));
    }
    const QString text = value.toString();
    if (text.isEmpty())
        return tr("(empty)");
    if (const KindSchema *kind = RecordSchema::kind(tableName)) {
        const FieldSchema *field = kind->field(column);
        if (field && field->choiceLabel) {
            if (const std::optional<QString> label = field->choiceLabel(text))
                return *label;
        }
    }
    const std::optional<RecordType> type = recordType(tableName);
    if (!type)
        return text;
    if (FieldPolicy::permission(viewer, *type, column) < FieldPermission::Masked)
        return tr("(hidden)");
    return FieldPolicy::present(viewer, *type, column, text, false);
}

} // namespace branchline
