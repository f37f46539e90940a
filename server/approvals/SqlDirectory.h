// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OrgDirectory.h"

#include <QHash>
#include <QSqlDatabase>

namespace branchline::server {

// The users and branch tree as the flow engine reads them, from the server's tables on the
// caller's connection (inside its transaction, so a decision is checked against the roles
// as they are when it commits). Answers are kept for the object's life: one request.
class SqlDirectory : public OrgDirectory
{
public:
    explicit SqlDirectory(QSqlDatabase &db);

    std::optional<DirectoryUser> user(const QString &id) const override;
    std::optional<DirectoryBranch> branch(const QString &id) const override;
    QList<DirectoryUser> holders(Role role, const QString &branchId) const override;

    // A storage error met while answering (the interface cannot return one); the caller
    // checks it before trusting a resolution.
    QString error() const { return m_error; }

private:
    QList<DirectoryUser> select(const QString &where, const QVariantList &values) const;

    QSqlDatabase &m_db;
    mutable QHash<QString, std::optional<DirectoryUser>> m_users;
    mutable QHash<QString, std::optional<DirectoryBranch>> m_branches;
    mutable QString m_error;
};

} // namespace branchline::server
