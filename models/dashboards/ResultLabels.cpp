// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/ResultLabels.h"

#include "approvals/ApprovalText.h"
#include "dashboards/DataSetSchema.h"
#include "domain/rules/FieldLabels.h"
#include "domain/rules/MccCatalog.h"
#include "domain/rules/Money.h"

#include <QLocale>
#include <QSqlQuery>
#include <QStringList>

#include <cmath>
#include <utility>

namespace branchline {

namespace {
constexpr int kIdsPerQuery = 400; // well under SQLite's 999 bound parameters
}

ResultLabels::ResultLabels(QSqlDatabase db)
    : m_db(std::move(db))
{
}

void ResultLabels::forgetNamesIfStoreChanged()
{
    QSqlQuery query(m_db);
    const qint64 version = query.exec(QStringLiteral("PRAGMA data_version")) && query.next()
            ? query.value(0).toLongLong()
            : -1;
    if (version == m_dataVersion && version != -1)
        return;
    m_dataVersion = version;
    m_branches.clear();
    m_users.clear();
    m_customers.clear();
}

void ResultLabels::loadNames(const QString &table, const QString &nameColumn,
                             const QStringList &ids, QHash<QString, QString> *names)
{
    QStringList missing;
    for (const QString &id : ids) {
        if (!id.isEmpty() && !names->contains(id) && !missing.contains(id))
            missing.append(id);
    }
    for (int start = 0; start < missing.size(); start += kIdsPerQuery) {
        const QStringList chunk = missing.mid(start, kIdsPerQuery);
        QStringList marks;
        for (int i = 0; i < chunk.size(); ++i)
            marks.append(QStringLiteral("?"));
        // The table and column are this class's own constants, never a user's text.
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("SELECT id, %1 FROM %2 WHERE id IN (%3)")
                              .arg(nameColumn, table, marks.join(QLatin1Char(','))));
        for (const QString &id : chunk)
            query.addBindValue(id);
        if (!query.exec())
            continue; // an id without a name shows as itself
        while (query.next())
            names->insert(query.value(0).toString(), query.value(1).toString());
    }
}

void ResultLabels::fill(QueryResult *result, const QuerySpec &spec, Role role)
{
    const int dimensions = static_cast<int>(spec.dimensions.size());
    const schema::DataSetDef *set = schema::dataSet(spec.dataSet);
    bool checkedStore = false;
    for (int d = 0; d < dimensions && set; ++d) {
        const schema::FieldDef *field = schema::dimension(*set, spec.dimensions.at(d).field);
        if (!field || field->kind != ValueKind::Reference)
            continue;
        // Only results that show names pay for the check (one more statement).
        if (!std::exchange(checkedStore, true))
            forgetNamesIfStoreChanged();
        QStringList keys;
        for (const QVariantList &row : std::as_const(result->values))
            keys.append(row.value(d).toString());
        if (field->labeler == schema::Labeler::Branch)
            loadNames(QStringLiteral("branches"), QStringLiteral("name"), keys, &m_branches);
        else if (field->labeler == schema::Labeler::User)
            loadNames(QStringLiteral("users"), QStringLiteral("display_name"), keys, &m_users);
        else if (field->labeler == schema::Labeler::Customer)
            loadNames(QStringLiteral("customers"), QStringLiteral("legal_name"), keys,
                      &m_customers);
    }
    result->texts.clear();
    for (const QVariantList &row : std::as_const(result->values)) {
        QStringList texts;
        for (int column = 0; column < row.size() && column < result->columns.size(); ++column) {
            if (column < dimensions)
                texts.append(dimensionText(spec.dataSet, spec.dimensions.at(column), role,
                                           row.at(column)));
            else
                texts.append(measureText(row.at(column), result->columns.at(column).kind));
        }
        result->texts.append(texts);
    }
}

QString ResultLabels::dimensionText(const QString &dataSet, const DimensionSpec &dimension,
                                    Role role, const QVariant &key)
{
    const schema::DataSetDef *set = schema::dataSet(dataSet);
    const schema::FieldDef *field = set ? schema::dimension(*set, dimension.field) : nullptr;
    const QString text = key.toString();
    if (key.isNull() || text.isEmpty() || !field)
        return key.isNull() || text.isEmpty() ? tr("(empty)") : text;
    switch (field->labeler) {
    case schema::Labeler::Plain:
        return text;
    case schema::Labeler::FieldCode:
        return FieldLabels::value(role, field->labelTable, field->column, QJsonValue(text));
    case schema::Labeler::Branch:
        return m_branches.value(text, text);
    case schema::Labeler::User:
        return m_users.value(text, text);
    case schema::Labeler::Customer:
        return m_customers.value(text, text);
    case schema::Labeler::Mcc: {
        const QString description = MccCatalog::description(text);
        return description.isEmpty() ? text : text + QLatin1Char(' ') + description;
    }
    case schema::Labeler::RecordKind:
        return FieldLabels::recordKind(text);
    case schema::Labeler::ApprovalStatus:
        return ApprovalText::status(text);
    case schema::Labeler::ApprovalFlow:
        return ApprovalText::flowName(text);
    case schema::Labeler::Date:
        return bucketText(text, dimension.bucket);
    }
    return text;
}

QString ResultLabels::bucketText(const QString &firstDay, DateBucket bucket)
{
    const QDate day = QDate::fromString(firstDay, Qt::ISODate);
    if (!day.isValid())
        return firstDay;
    switch (bucket) {
    case DateBucket::None:
    case DateBucket::Day:
        return day.toString(Qt::ISODate);
    case DateBucket::Week:
        return tr("Week of %1").arg(day.toString(Qt::ISODate));
    case DateBucket::Month:
        return day.toString(QStringLiteral("yyyy-MM"));
    case DateBucket::Quarter:
        return tr("%1 Q%2").arg(day.year()).arg((day.month() - 1) / 3 + 1);
    }
    return firstDay;
}

QString ResultLabels::measureText(const QVariant &value, ValueKind kind)
{
    if (value.isNull())
        return QStringLiteral("—");
    const QLocale locale;
    switch (kind) {
    case ValueKind::Money:
        return Money::format(std::llround(value.toDouble()));
    case ValueKind::Integer:
        return locale.toString(std::llround(value.toDouble()));
    case ValueKind::Decimal:
        return locale.toString(value.toDouble(), 'f', 2);
    case ValueKind::Percent: {
        // 33.3 %, and small rates (refunds per yuan) with the digits that make them visible.
        const double percent = value.toDouble() * 100.0;
        return locale.toString(percent, 'f', std::abs(percent) < 10.0 ? 2 : 1) + locale.percent();
    }
    case ValueKind::Text:
    case ValueKind::Code:
    case ValueKind::Reference:
    case ValueKind::Date:
        break;
    }
    return value.toString();
}

} // namespace branchline
