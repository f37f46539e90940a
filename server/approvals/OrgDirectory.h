// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/Role.h"

#include <QList>
#include <QString>

#include <optional>

namespace branchline::server {

struct DirectoryUser
{
    QString id;
    QString displayName;
    Role role = Role::SalesRep;
    QString branchId;
    QString managerId;
    bool active = true;
};

struct DirectoryBranch
{
    QString id;
    QString parentId; // empty for the head office
    QString level; // head_office, region, branch
};

// The people and branches the flow engine resolves approvers among. The server reads them
// from its tables (SqlDirectory); the engine's tests hand in a few in memory. Keeping the
// engine behind this interface leaves it without SQL, so every rule is tested alone.
class OrgDirectory
{
public:
    virtual ~OrgDirectory() = default;
    virtual std::optional<DirectoryUser> user(const QString &id) const = 0;
    virtual std::optional<DirectoryBranch> branch(const QString &id) const = 0;
    // Active users with `role` in `branchId`; with an empty branch, anywhere. Ordered by id,
    // so a resolution is the same every time.
    virtual QList<DirectoryUser> holders(Role role, const QString &branchId) const = 0;
};

} // namespace branchline::server
