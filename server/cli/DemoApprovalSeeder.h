// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Database.h"

namespace branchline::server {

// Approval requests in the demo organisation, made and decided through ApprovalService like
// any other (so their steps, audience, change log and audit are real): zj.rep1 and zj.rep2
// ask for a fee-rate change, a merchant's onboarding and a credit limit, waiting in
// zj.manager's inbox; a KYC exception returned to its requester; a termination rejected.
// A customer the demo data lacks for one of them is simply skipped.
class DemoApprovalSeeder
{
public:
    explicit DemoApprovalSeeder(const Database &database);
    // `requests` says how many were made.
    bool seed(int *requests, QString *error);

private:
    const Database &m_database;
};

} // namespace branchline::server
