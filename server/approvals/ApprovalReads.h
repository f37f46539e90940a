// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApprovalService.h"
#include "records/RecordSupport.h"

namespace branchline::server {

// One request as the caller may see it, for a client that does not sync (an integration,
// a browser): GET /api/v1/approval-requests/{id} answers {request, steps, decisions} in the
// synced rows' shape. Reading escalates a step that is past due first, so a request looked
// at is never shown late with nobody new to decide it.
class ApprovalReads
{
public:
    ApprovalReads(const Database &database, const ApprovalService &service);
    RecordOutcome get(const Caller &caller, const QString &id) const;

private:
    const Database &m_database;
    const ApprovalService &m_service;
};

} // namespace branchline::server
