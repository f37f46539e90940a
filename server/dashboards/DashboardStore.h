// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Authenticator.h"
#include "core/DataScope.h"
#include "protocol/SyncProtocol.h"

#include <QSqlDatabase>
#include <QStringList>

namespace branchline::server {

// A saved dashboard as the server holds it (migration 10).
struct DashboardRow
{
    QString id;
    QString ownerId;
    QString branchId;
    QString name;
    QString definition; // compact JSON text of the layout
    QStringList sharedRoles; // sorted role codes
    QStringList sharedBranches; // sorted branch ids
    qint64 version = 0;
    bool deleted = false;
    QString createdAt;
    QString updatedAt;
};

// The SQL of the dashboards table and its share lists. Every function runs inside the
// caller's transaction.
class DashboardStore
{
public:
    // The row, locked to the caller's commit on PostgreSQL.
    static bool load(QSqlDatabase &db, const QString &id, DashboardRow *row, bool *found,
                     QString *error);
    static bool insert(QSqlDatabase &db, const DashboardRow &row, QString *error);
    // Writes every column but id, owner and creation; the share lists again.
    static bool update(QSqlDatabase &db, const DashboardRow &row, QString *error);

    // Who sees the dashboard: its owner; holders of a role it is shared with; people of a
    // branch it is shared with or of a branch below it; and branch managers whose subtree
    // holds a branch it is shared with (a manager's reach is their subtree).
    //
    // The branches whose share reaches the caller: their own branch and those above it, and
    // for a manager every branch of their subtree.
    static bool reachingBranches(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                                 QStringList *branches, QString *error);
    // A SQL condition on the `dashboards` table for the caller, given reachingBranches().
    static QString visibleCondition(const Caller &caller, const QStringList &branches,
                                    QVariantList *values);
    // The same people as (user id, branch id) scope keys: each change of a dashboard is
    // logged once for each of them, so it reaches exactly their devices' tails.
    static bool audience(QSqlDatabase &db, const DashboardRow &row, QList<ScopeKeys> *members,
                         QString *error);

    // Rows matching `where` (with `values`), as the wire carries them.
    static bool select(QSqlDatabase &db, const QString &where, const QVariantList &values,
                       QList<sync::Change> *changes, QString *error);
    static QJsonObject wireRow(const DashboardRow &row);
};

} // namespace branchline::server
