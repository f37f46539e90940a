// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DashboardStore.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <optional>

namespace branchline::server {

// The editable fields of a dashboard as a client sends them: `name`, `definition` (the
// layout as a JSON object, or its text as a client's store holds it) and `shared_roles` /
// `shared_branches` (JSON arrays, or their text). Anything else a client sends (owner,
// branch, timestamps) is the server's to set and is ignored.
class DashboardFields
{
    Q_DECLARE_TR_FUNCTIONS(DashboardFields)

public:
    static QStringList editable();
    // Writes the fields present in `fields` into `row` and lists in `set` those whose value
    // changed; a translated reason when one is malformed or breaks DashboardRules.
    static std::optional<QString> apply(const QJsonObject &fields, DashboardRow *row,
                                        QStringList *set);
    // The targets in `after` that `before` did not share with: sharing is checked on what is
    // added, so unsharing is always allowed.
    static QStringList added(const QStringList &before, const QStringList &after);
};

} // namespace branchline::server
