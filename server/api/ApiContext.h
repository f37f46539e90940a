// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Accounts.h"
#include "core/Authenticator.h"
#include "core/Database.h"
#include "http/HttpServer.h"
#include "http/Router.h"
#include "records/PiiLookups.h"

#include <QJsonObject>

#include <optional>

namespace branchline::server {

// What the API's handlers share: storage, sign-in and the server's counters.
struct ApiContext
{
    Database &database;
    Authenticator &authenticator;
    Accounts &accounts;
    HttpMetrics *metrics = nullptr; // set once the HTTP server exists
    // Searches by a full identifier a user may make an hour (PiiLookups).
    int piiLookupsPerHour = PiiLookups::defaultPerHour;

    // The signed-in caller, or a 401 response to send back.
    std::optional<Caller> caller(const HttpRequest &request, HttpResponse *refusal) const;
};

// Every route below: what `serve` serves.
void addApiRoutes(Router &router, ApiContext &context);
void addSystemRoutes(Router &router, ApiContext &context);
void addAuthRoutes(Router &router, ApiContext &context);
// /api/v1/customers, /leads, /tasks, /contacts and /activities.
void addRecordRoutes(Router &router, ApiContext &context);
void addIntegrationRoutes(Router &router, ApiContext &context);
// /api/v1/sync/pull and /push.
void addSyncRoutes(Router &router, ApiContext &context);
// /api/v1/admin/approval-flows and /api/v1/approval-requests/{id}.
void addApprovalRoutes(Router &router, ApiContext &context);
// Gives the server's events sockets their sessions: a socket opens for a valid access token
// and knows its session, is closed at once when sign-in or an admin ends that session here,
// and checks now and then that it still goes on (it may end through another instance).
void connectSessionSockets(HttpServer &server, Authenticator &authenticator, Accounts &accounts);
// The OpenAPI 3 document, built from the router's own table so it cannot drift.
QJsonObject openApiDocument(const Router &router);

} // namespace branchline::server
