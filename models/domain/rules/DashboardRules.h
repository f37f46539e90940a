// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Role.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace branchline {

// What a saved dashboard must be, checked alike on the client before it is queued and on the
// server when it arrives (docs/dashboards.md, "Saving and sharing"): the limits of the
// stored layout, and who may share it with whom. The layout's own meaning (widgets, queries)
// is DashboardDefinition's; this only keeps the stored text bounded and well-formed.
class DashboardRules
{
    Q_DECLARE_TR_FUNCTIONS(DashboardRules)

public:
    // The stored layout, as compact UTF-8 JSON: a few KiB for a full 12-column dashboard, so
    // 256 KiB (DashboardDefinition::kMaxJsonBytes) leaves room for 60 widgets with long
    // filter lists without letting one row carry megabytes into every store.
    static constexpr int maxDefinitionBytes = 256 * 1024;
    static constexpr int maxNameLength = 120;
    static constexpr int maxShareTargets = 100;
    static constexpr int maxWidgets = 60;

    // Keys of a DashboardDefinition that live in their own columns and not in the stored
    // layout: the columns are what the server scopes and checks by.
    static QStringList columnKeys();

    // The layout's text, or a translated reason it cannot be stored: it must be a JSON
    // object with a "widgets" list of objects, each with a "type", at most
    // maxDefinitionBytes long once compact.
    static std::optional<QString> definitionProblem(const QJsonObject &definition);
    // The same for text as it is stored or arrives.
    static std::optional<QString> definitionTextProblem(const QByteArray &text,
                                                        QJsonObject *definition = nullptr);
    static std::optional<QString> nameProblem(const QString &name);

    // Whether `sharer` may share with these roles (codes) and branches. A manager shares only
    // with their own branch and the branches below it (`sharerSubtree`), never with a role,
    // which spans the whole company; an admin shares with any role and branch; reps and risk
    // officers share nothing. An empty pair of lists (private) is always allowed.
    static std::optional<QString> sharingProblem(Role sharer, const QStringList &roles,
                                                 const QStringList &branches,
                                                 const QStringList &sharerSubtree);

    // A list as the column holds it: compact JSON text of an array of strings, sorted and
    // without repeats, so two equal lists compare equal as text.
    static QString listText(QStringList items);
    // The list back; std::nullopt when `text` is not a JSON array of strings.
    static std::optional<QStringList> listFromText(const QString &text);
};

} // namespace branchline
