// SPDX-License-Identifier: GPL-3.0-or-later
// Every route the server serves, in one list: `serve` and the tests that enumerate the routes
// (the write gate's coverage, the OpenAPI document) take the same table.
#include "ApiContext.h"

namespace branchline::server {

void addApiRoutes(Router &router, ApiContext &context)
{
    addSystemRoutes(router, context);
    addAuthRoutes(router, context);
    addRecordRoutes(router, context);
    addIntegrationRoutes(router, context);
    addSyncRoutes(router, context);
    addApprovalRoutes(router, context);
}

} // namespace branchline::server
