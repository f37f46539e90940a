// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DashboardStore.h"
#include "sync/SyncTable.h"

#include <optional>

namespace branchline::server {

// The owner's writes to a dashboard inside the caller's transaction: a new one, an edit
// merged field by field, a delete. Each is checked (DashboardFields, DashboardRules), logged
// for everyone who saw or sees the dashboard and audited. A write the rules refuse leaves
// everything as it was and says why in refusal(); DashboardSyncTable journals it.
class DashboardWriter
{
    Q_DECLARE_TR_FUNCTIONS(DashboardWriter)

public:
    DashboardWriter(QSqlDatabase &db, const MutationContext &context, sync::MutationResult *result);

    // Each returns false only on a storage error.
    bool insert(const sync::Mutation &mutation, QString *error);
    // With `checkBases`, a field the server changed after the mutation's base goes to the
    // later edit and the replaced value is journalled for its author; without (a conflict's
    // "keep mine"), the values go in as they are.
    bool update(const sync::Mutation &mutation, const DashboardRow &current, bool checkBases,
                QString *error);
    bool remove(const DashboardRow &current, QString *error);
    // Logs `row` for everyone who sees it now or saw it as `before`, sets its version.
    bool log(DashboardRow &row, const QStringList &fields, const DashboardRow *before,
             QString *error);

    // Why the last write was refused (translated); whether the caller's device should get
    // the dashboard back (it exists and is theirs).
    std::optional<QString> refusal() const { return m_refusal; }
    bool sendBack() const { return m_sendBack; }

    static bool audit(QSqlDatabase &db, const Caller &caller, const QString &action,
                      const QString &id, const QJsonObject &detail, QString *error);

private:
    bool refuse(const QString &problem, bool sendBack);

    QSqlDatabase &m_db;
    const MutationContext &m_context;
    sync::MutationResult *m_result;
    std::optional<QString> m_refusal;
    bool m_sendBack = false;
};

} // namespace branchline::server
