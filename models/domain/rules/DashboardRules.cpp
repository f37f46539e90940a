// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardRules.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace branchline {

QStringList DashboardRules::columnKeys()
{
    return { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("owner_id"),
             QStringLiteral("shared_roles"), QStringLiteral("shared_branches") };
}

std::optional<QString> DashboardRules::definitionProblem(const QJsonObject &definition)
{
    const qsizetype bytes = QJsonDocument(definition).toJson(QJsonDocument::Compact).size();
    if (bytes > maxDefinitionBytes)
        return tr("The dashboard's layout is too large to save (%1 KiB; at most %2 KiB).")
                .arg((bytes + 1023) / 1024)
                .arg(maxDefinitionBytes / 1024);
    const QJsonValue widgets = definition.value(QStringLiteral("widgets"));
    if (!widgets.isArray())
        return tr("The dashboard's layout has no list of widgets.");
    if (widgets.toArray().size() > maxWidgets)
        return tr("A dashboard holds at most %1 widgets.").arg(maxWidgets);
    for (const QJsonValue &widget : widgets.toArray())
        if (!widget.isObject() || !widget.toObject().value(QStringLiteral("type")).isString())
            return tr("A widget of the dashboard's layout has no type.");
    return std::nullopt;
}

std::optional<QString> DashboardRules::definitionTextProblem(const QByteArray &text,
                                                             QJsonObject *definition)
{
    // The limit is checked on the text first: a huge payload is refused before it is parsed.
    if (text.size() > 4 * maxDefinitionBytes)
        return tr("The dashboard's layout is too large to save (%1 KiB; at most %2 KiB).")
                .arg((text.size() + 1023) / 1024)
                .arg(maxDefinitionBytes / 1024);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return tr("The dashboard's layout is not readable (not a JSON object).");
    if (auto problem = definitionProblem(document.object()))
        return problem;
    if (definition)
        *definition = document.object();
    return std::nullopt;
}

std::optional<QString> DashboardRules::nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("A dashboard needs a name.");
    if (name.size() > maxNameLength)
        return tr("A dashboard's name has at most %1 characters.").arg(maxNameLength);
    return std::nullopt;
}

std::optional<QString> DashboardRules::sharingProblem(Role sharer, const QStringList &roles,
                                                      const QStringList &branches,
                                                      const QStringList &sharerSubtree)
{
    if (roles.isEmpty() && branches.isEmpty())
        return std::nullopt;
    if (roles.size() > maxShareTargets || branches.size() > maxShareTargets)
        return tr("A dashboard is shared with at most %1 roles and %1 branches.")
                .arg(maxShareTargets);
    for (const QString &role : roles)
        if (!roleFromCode(role))
            return tr("“%1” is not a role.").arg(role);
    switch (sharer) {
    case Role::Admin:
        return std::nullopt;
    case Role::BranchManager:
        if (!roles.isEmpty())
            return tr("A branch manager shares dashboards with branches; only an administrator "
                      "shares them with roles.");
        for (const QString &branch : branches)
            if (!sharerSubtree.contains(branch))
                return tr("You can share a dashboard only with your branch and the branches "
                          "below it.");
        return std::nullopt;
    case Role::SalesRep:
    case Role::RiskOfficer:
        break;
    }
    return tr("Only an administrator or a branch manager may share a dashboard.");
}

QString DashboardRules::listText(QStringList items)
{
    items.sort();
    items.removeDuplicates();
    items.removeAll(QString());
    return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact));
}

std::optional<QStringList> DashboardRules::listFromText(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QStringList();
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (!document.isArray())
        return std::nullopt;
    QStringList items;
    for (const QJsonValue &value : document.array()) {
        if (!value.isString())
            return std::nullopt;
        items << value.toString();
    }
    return items;
}

} // namespace branchline
