// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Authenticator.h"
#include "core/Database.h"
#include "records/RecordSupport.h"

namespace branchline::server {

// The administrator's side of approval flows, behind /api/v1/admin/approval-flows: list,
// read, add a version (checked like the built-in ones, named users must exist) and make a
// version the active one. Versions are never edited; each addition and activation is
// audited in its own transaction.
class FlowAdmin
{
public:
    explicit FlowAdmin(const Database &database);

    RecordOutcome list(const Caller &caller) const;
    RecordOutcome get(const Caller &caller, const QString &code) const;
    // Body: {"definition": {...}, "activate": true|false}.
    RecordOutcome addVersion(const Caller &caller, const QString &code,
                             const QJsonObject &body) const;
    RecordOutcome activate(const Caller &caller, const QString &code, const QString &version) const;

private:
    const Database &m_database;
};

} // namespace branchline::server
