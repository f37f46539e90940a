// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/DashboardDefinition.h"
#include "repositories/SaveResult.h"
#include "domain/rules/Role.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlDatabase>

#include <optional>

namespace branchline {

// A dashboard as this computer's store holds it.
struct SavedDashboard
{
    DashboardDefinition definition; // id, name, owner and shares from the columns
    bool readOnly = false; // shared with this user by someone else
    bool pending = false; // an edit of it waits in the outbox
    qint64 version = 0; // 0 until the server has it
    QDateTime updatedAt;
    // Set when the stored layout cannot be read (a widget a later Branchline made, or a
    // damaged row): `definition` then holds the name and shares and no widgets, and the row
    // is left exactly as it is.
    QString problem;
};

// Saved dashboards in the local store (migration 9), synced through the outbox like every
// record, so saving works offline and shows as pending until the server has it
// (docs/dashboards.md, "Saving and sharing"). The store holds what the server lets this
// user see: their own dashboards, writable, and those shared with them, read-only. Saving
// checks here what the server checks again on arrival (DashboardRules,
// DashboardDefinition::validate), so a refusal is said at once, in the user's language,
// and nothing is queued that the server would refuse.
class DashboardRepository
{
    Q_DECLARE_TR_FUNCTIONS(DashboardRepository)

public:
    DashboardRepository(const QSqlDatabase &db, QString userId, Role role);

    QList<SavedDashboard> mine(StoreError *error = nullptr) const;
    QList<SavedDashboard> sharedWithMe(StoreError *error = nullptr) const;
    std::optional<SavedDashboard> find(const QString &id, StoreError *error = nullptr) const;

    // Inserts a new dashboard (empty id, or one this store does not hold; the id is made
    // here and written back) or updates one of the user's own. Refuses a dashboard shared
    // with the user, an invalid or oversized one, and a share the user's role may not make.
    SaveResult save(DashboardDefinition &definition);
    // Deletes one of the user's own dashboards (a tombstone, synced).
    SaveResult remove(const QString &id);

    // What a share picker offers this user (DashboardRules::sharingProblem decides):
    // branches — every branch for an admin, a manager's own and those below it, none for
    // the others; roles — every role for an admin only.
    QStringList shareableBranches() const;
    bool mayShareWithRoles() const { return m_role == Role::Admin; }

    // The layout as the `definition` column holds it: the definition's JSON without the keys
    // held in columns. A translated reason instead when it cannot be stored.
    static std::optional<QString> storedLayout(const DashboardDefinition &definition,
                                               QString *layout);

private:
    QList<SavedDashboard> list(const QString &where, const QString &value, StoreError *error) const;

    QSqlDatabase m_db;
    QString m_userId;
    Role m_role;
};

} // namespace branchline
