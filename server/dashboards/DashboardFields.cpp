// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardFields.h"

#include "domain/rules/DashboardRules.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace branchline::server {

namespace {

std::optional<QStringList> listOf(const QJsonValue &value)
{
    if (value.isString())
        return DashboardRules::listFromText(value.toString());
    if (!value.isArray())
        return std::nullopt;
    QStringList items;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return std::nullopt;
        items << item.toString();
    }
    return items;
}

// Sorted, each once: the form the column holds.
QStringList normalised(QStringList items)
{
    return DashboardRules::listFromText(DashboardRules::listText(std::move(items)))
            .value_or(QStringList());
}

} // namespace

QStringList DashboardFields::editable()
{
    return { QStringLiteral("name"), QStringLiteral("definition"), QStringLiteral("shared_roles"),
             QStringLiteral("shared_branches") };
}

std::optional<QString> DashboardFields::apply(const QJsonObject &fields, DashboardRow *row,
                                              QStringList *set)
{
    const QString nameKey = QStringLiteral("name");
    if (fields.contains(nameKey)) {
        const QJsonValue value = fields.value(nameKey);
        if (!value.isString())
            return tr("A dashboard's name must be text.");
        const QString name = value.toString().trimmed();
        if (auto problem = DashboardRules::nameProblem(name))
            return problem;
        if (name != row->name)
            set->append(nameKey);
        row->name = name;
    }
    const QString definitionKey = QStringLiteral("definition");
    if (fields.contains(definitionKey)) {
        const QJsonValue value = fields.value(definitionKey);
        QJsonObject definition;
        if (value.isObject())
            definition = value.toObject();
        else if (!value.isString())
            return tr("The dashboard's layout is not readable (not a JSON object).");
        else if (auto problem = DashboardRules::definitionTextProblem(value.toString().toUtf8(),
                                                                      &definition))
            return problem;
        if (auto problem = DashboardRules::definitionProblem(definition))
            return problem;
        // The keys held in columns are the columns' business: a copy in the layout could
        // only disagree with them.
        for (const QString &key : DashboardRules::columnKeys())
            definition.remove(key);
        const QString text =
                QString::fromUtf8(QJsonDocument(definition).toJson(QJsonDocument::Compact));
        if (text != row->definition)
            set->append(definitionKey);
        row->definition = text;
    }
    const QList<QPair<QString, QStringList *>> lists{
        { QStringLiteral("shared_roles"), &row->sharedRoles },
        { QStringLiteral("shared_branches"), &row->sharedBranches }
    };
    for (const auto &[key, target] : lists) {
        if (!fields.contains(key))
            continue;
        const std::optional<QStringList> items = listOf(fields.value(key));
        if (!items)
            return tr("A dashboard's share list must be a list of texts.");
        const QStringList list = normalised(*items);
        if (list != *target)
            set->append(key);
        *target = list;
    }
    return std::nullopt;
}

QStringList DashboardFields::added(const QStringList &before, const QStringList &after)
{
    QStringList items;
    for (const QString &item : after)
        if (!before.contains(item))
            items << item;
    return items;
}

} // namespace branchline::server
