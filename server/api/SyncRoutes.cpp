// SPDX-License-Identifier: GPL-3.0-or-later
// /api/v1/sync/pull and /api/v1/sync/push (docs/sync.md).
#include "ApiContext.h"
#include "sync/SyncService.h"

#include <memory>

namespace branchline::server {

namespace {

template<typename Call>
Handler syncHandler(ApiContext &context, Call call)
{
    return [&context, call](const HttpRequest &request, const PathParameters &) {
        HttpResponse refusal;
        const std::optional<Caller> caller = context.caller(request, &refusal);
        if (!caller)
            return refusal;
        QJsonObject body;
        QString problem;
        if (!request.jsonObject(&body, &problem))
            return HttpResponse::error(400, QStringLiteral("malformed_body"), problem);
        const RecordOutcome outcome = call(*caller, body);
        return HttpResponse::json(outcome.status, outcome.body);
    };
}

} // namespace

void addSyncRoutes(Router &router, ApiContext &context)
{
    auto service = std::make_shared<SyncService>(context.database);
    router.add("POST", QStringLiteral("/api/v1/sync/pull"),
               QStringLiteral("A page of changes in the caller's scope: a snapshot, then the "
                              "change log's tail, with stored mutation results"),
               syncHandler(context, [service](const Caller &caller, const QJsonObject &body) {
                   return service->pull(caller, body);
               }));
    router.add("POST", QStringLiteral("/api/v1/sync/push"),
               QStringLiteral("Numbered mutations applied exactly once, merged per field; "
                              "conflicts go to the journal"),
               syncHandler(context, [service](const Caller &caller, const QJsonObject &body) {
                   return service->push(caller, body);
               }));
}

} // namespace branchline::server
