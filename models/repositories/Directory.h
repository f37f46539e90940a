// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreError.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace branchline {

// One branch or user, as a picker shows it.
struct DirectoryEntry
{
    QString id;
    QString name;
};

// The branches and users this device knows (pulled by sync as reference data), for filter
// combo boxes, owner and branch pickers and the names shown next to a record's ids.
class Directory
{
public:
    explicit Directory(const QSqlDatabase &db);

    // Live branches by name.
    QList<DirectoryEntry> branches(StoreError *error = nullptr) const;
    // Active, live users by name: the people a record can be assigned to.
    QList<DirectoryEntry> users(StoreError *error = nullptr) const;

    // A name for an id; empty when the id is empty or unknown here (not synced yet).
    QString branchName(const QString &branchId) const;
    QString userName(const QString &userId) const;
    // The branch a user works at; empty when unknown.
    QString branchOfUser(const QString &userId) const;

private:
    QList<DirectoryEntry> entries(const QString &sql, StoreError *error) const;
    QString value(const QString &sql, const QString &id) const;

    QSqlDatabase m_db;
};

} // namespace branchline
