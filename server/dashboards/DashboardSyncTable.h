// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DashboardStore.h"
#include "sync/SyncTable.h"

#include <optional>

namespace branchline::server {

// `dashboards` as a synced table (docs/dashboards.md, "Saving and sharing"). The owner
// creates, edits and deletes a dashboard from any of their devices, offline too; fields merge
// one by one like a record's (the later edit wins, the loser is journalled). Everyone it is
// shared with receives it read-only: their edits are refused, journalled, audited, and their
// device gets the dashboard back as it is. Sharing is checked on arrival (DashboardRules):
// an admin shares with roles and branches, a manager with branches of their subtree.
//
// Each change is logged once for each person who saw the dashboard before it or sees it
// after it (DashboardStore::audience), so a share reaches exactly those devices and an
// unshare sends them a removal.
class DashboardSyncTable : public SyncTable
{
    Q_DECLARE_TR_FUNCTIONS(DashboardSyncTable)

public:
    QString table() const override;
    bool snapshot(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                  const QString &afterId, int limit, QList<sync::Change> *changes,
                  QString *error) const override;
    bool count(QSqlDatabase &db, const Caller &caller, const DataScope &scope, qint64 *rows,
               QString *error) const override;
    bool current(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                 const QStringList &ids, QList<sync::Change> *changes,
                 QString *error) const override;
    bool apply(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
               sync::MutationResult *result, QString *error) const override;
    bool resolveWith(QSqlDatabase &db, const MutationContext &context, const QString &id,
                     const QJsonObject &fields, bool deleteRecord, sync::MutationResult *result,
                     QString *error) const override;

    static QString readOnlyMessage();

private:
    bool visibleTo(QSqlDatabase &db, const MutationContext &context, const QString &id,
                   bool *visible, QString *error) const;
    // A new dashboard (no `current`) or an edit of the caller's own, through
    // DashboardWriter; a refusal of its rules is journalled here.
    bool write(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
               const DashboardRow *current, sync::MutationResult *result, QString *error) const;
    bool refuse(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
                const QString &kind, const QString &code, const QString &message, bool sendBack,
                sync::MutationResult *result, QString *error) const;
};

} // namespace branchline::server
