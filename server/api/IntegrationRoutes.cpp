// SPDX-License-Identifier: GPL-3.0-or-later
// /api/v1/integrations/*: the transaction system's daily aggregates and lead intake, each
// authenticated by the integration's own API key (X-Api-Key).
#include "ApiContext.h"
#include "records/Integrations.h"

#include <memory>

namespace branchline::server {

namespace {

using IntegrationCall = std::function<Integrations::Outcome(
        const Integrations &, const Integrations::Integration &, const QJsonObject &)>;

Handler integrationHandler(std::shared_ptr<Integrations> integrations, IntegrationCall call)
{
    return [integrations, call](const HttpRequest &request, const PathParameters &) {
        const std::optional<Integrations::Integration> integration =
                integrations->authenticate(QString::fromLatin1(request.header("x-api-key")));
        if (!integration)
            return HttpResponse::error(
                    401, QStringLiteral("bad_api_key"),
                    QCoreApplication::translate("Api",
                                                "The X-Api-Key header is missing or does "
                                                "not name an active integration."));
        QJsonObject body;
        QString problem;
        if (!request.jsonObject(&body, &problem))
            return HttpResponse::error(400, QStringLiteral("malformed_body"), problem);
        const Integrations::Outcome outcome = call(*integrations, *integration, body);
        return HttpResponse::json(outcome.status, outcome.body);
    };
}

} // namespace

void addIntegrationRoutes(Router &router, ApiContext &context)
{
    auto integrations = std::make_shared<Integrations>(context.database);
    router.add("POST", QStringLiteral("/api/v1/integrations/transactions/daily"),
               QStringLiteral("Upsert daily transaction aggregates per merchant (X-Api-Key)"),
               integrationHandler(integrations, &Integrations::upsertAggregates));
    router.add("POST", QStringLiteral("/api/v1/integrations/leads"),
               QStringLiteral("Deliver a lead from a web form or partner (X-Api-Key)"),
               integrationHandler(integrations, &Integrations::intakeLead));
}

} // namespace branchline::server
