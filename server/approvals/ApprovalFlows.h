// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FlowDefinition.h"

#include <QSqlDatabase>

namespace branchline::server {

// One stored version of a flow.
struct StoredFlow
{
    QString code;
    int version = 0;
    QJsonObject definition;
    QString createdBy; // empty for the built-in flows
    QString createdAt;
    bool active = false;

    QJsonObject toJson() const;
};

// approval_flows: versions are added, one per code is active, none is ever edited (the
// table's triggers refuse it too). Runs in the caller's transaction.
class ApprovalFlows
{
public:
    // The active version of `code`; nothing (and no error) when there is none.
    static bool active(QSqlDatabase &db, const QString &code, std::optional<FlowDefinition> *flow,
                       QString *error);
    // A given version, active or not: a request in flight keeps the version it started with.
    static bool version(QSqlDatabase &db, const QString &code, int version,
                        std::optional<FlowDefinition> *flow, QString *error);
    // Every version (of one code when `code` is given), by code and version.
    static bool list(QSqlDatabase &db, const QString &code, QList<StoredFlow> *flows,
                     QString *error);
    // Stores `flow` as the code's next version (1 for a new code); active when `activate`.
    static bool add(QSqlDatabase &db, FlowDefinition &flow, const QString &actorId, bool activate,
                    const QString &now, QString *error);
    // Makes `version` the active one; `found` is false when it does not exist.
    static bool activate(QSqlDatabase &db, const QString &code, int version, bool *found,
                         QString *error);

private:
    static bool read(QSqlDatabase &db, const QString &where, const QVariantList &values,
                     QList<StoredFlow> *flows, QString *error);
    static std::optional<FlowDefinition> parse(const StoredFlow &stored, QString *error);
};

} // namespace branchline::server
