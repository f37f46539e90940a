// SPDX-License-Identifier: GPL-3.0-or-later
// /api/v1/customers: list, get (with audited reveal), create, update, soft delete.
#include "ApiContext.h"
#include "records/CustomerService.h"

#include <memory>

namespace branchline::server {

namespace {

HttpResponse toResponse(const CustomerService::Outcome &outcome)
{
    return HttpResponse::json(outcome.status, outcome.body);
}

} // namespace

void addCustomerRoutes(Router &router, ApiContext &context)
{
    auto service = std::make_shared<CustomerService>(context.database);
    router.add("GET", QStringLiteral("/api/v1/customers"),
               QStringLiteral("List customers in the caller's scope (q, kind, status, "
                              "risk_level, limit, after_name, after_id)"),
               [&context, service](const HttpRequest &request, const PathParameters &) {
                   HttpResponse refusal;
                   const std::optional<Caller> caller = context.caller(request, &refusal);
                   return caller ? toResponse(service->list(*caller, request.query)) : refusal;
               });
    router.add("GET", QStringLiteral("/api/v1/customers/{id}"),
               QStringLiteral("One customer; reveal=phone,id_number with reason= shows PII "
                              "(audited)"),
               [&context, service](const HttpRequest &request, const PathParameters &path) {
                   HttpResponse refusal;
                   const std::optional<Caller> caller = context.caller(request, &refusal);
                   if (!caller)
                       return refusal;
                   const QString reveal = request.query.queryItemValue(QStringLiteral("reveal"),
                                                                       QUrl::FullyDecoded);
                   return toResponse(
                           service->get(*caller, path.value(QStringLiteral("id")),
                                        reveal.split(QLatin1Char(','), Qt::SkipEmptyParts),
                                        request.query.queryItemValue(QStringLiteral("reason"),
                                                                     QUrl::FullyDecoded)));
               });
    router.add("POST", QStringLiteral("/api/v1/customers"), QStringLiteral("Create a customer"),
               [&context, service](const HttpRequest &request, const PathParameters &) {
                   HttpResponse refusal;
                   const std::optional<Caller> caller = context.caller(request, &refusal);
                   if (!caller)
                       return refusal;
                   QJsonObject body;
                   QString problem;
                   if (!request.jsonObject(&body, &problem))
                       return HttpResponse::error(400, QStringLiteral("malformed_body"), problem);
                   return toResponse(service->create(*caller, body));
               });
    router.add("PATCH", QStringLiteral("/api/v1/customers/{id}"),
               QStringLiteral("Change some fields of a customer"),
               [&context, service](const HttpRequest &request, const PathParameters &path) {
                   HttpResponse refusal;
                   const std::optional<Caller> caller = context.caller(request, &refusal);
                   if (!caller)
                       return refusal;
                   QJsonObject body;
                   QString problem;
                   if (!request.jsonObject(&body, &problem))
                       return HttpResponse::error(400, QStringLiteral("malformed_body"), problem);
                   return toResponse(
                           service->update(*caller, path.value(QStringLiteral("id")), body));
               });
    router.add("DELETE", QStringLiteral("/api/v1/customers/{id}"),
               QStringLiteral("Delete a customer (kept as a tombstone)"),
               [&context, service](const HttpRequest &request, const PathParameters &path) {
                   HttpResponse refusal;
                   const std::optional<Caller> caller = context.caller(request, &refusal);
                   return caller
                           ? toResponse(service->remove(*caller, path.value(QStringLiteral("id"))))
                           : refusal;
               });
}

} // namespace branchline::server
