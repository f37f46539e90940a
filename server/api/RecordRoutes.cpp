// SPDX-License-Identifier: GPL-3.0-or-later
// /api/v1/customers, /leads, /tasks, /contacts and /activities: list, get (with audited reveal),
// create, update, soft delete, all through RecordService.
#include "ApiContext.h"
#include "records/ActivityService.h"
#include "records/ContactService.h"
#include "records/CustomerService.h"
#include "records/LeadService.h"
#include "records/TaskService.h"

#include <memory>

namespace branchline::server {

namespace {

HttpResponse toResponse(const RecordOutcome &outcome)
{
    return HttpResponse::json(outcome.status, outcome.body);
}

// The signed-in caller and the JSON object body of a write, or the response refusing it.
std::optional<HttpResponse> refuseWrite(const ApiContext &context, const HttpRequest &request,
                                        std::optional<Caller> *caller, QJsonObject *body)
{
    HttpResponse refusal;
    *caller = context.caller(request, &refusal);
    if (!*caller)
        return refusal;
    QString problem;
    if (!request.jsonObject(body, &problem))
        return HttpResponse::error(400, QStringLiteral("malformed_body"), problem);
    return std::nullopt;
}

// The five routes of one kind of record under `base` (e.g. /api/v1/customers).
template<typename Service>
void addRoutesFor(Router &router, ApiContext &context, const QString &base, const QString &plural,
                  const QString &filters)
{
    auto service = std::make_shared<Service>(context.database, context.piiLookupsPerHour);
    router.add("GET", base,
               QStringLiteral("List %1 in the caller's scope (q, %2, limit, after_name, "
                              "after_id)")
                       .arg(plural, filters),
               [&context, service](const HttpRequest &request, const PathParameters &) {
                   HttpResponse refusal;
                   const std::optional<Caller> caller = context.caller(request, &refusal);
                   return caller ? toResponse(service->list(*caller, request.query)) : refusal;
               });
    router.add("GET", base + QStringLiteral("/{id}"),
               QStringLiteral("One of the %1; reveal=<PII fields> with reason= shows them "
                              "(audited)")
                       .arg(plural),
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
    router.add("POST", base, QStringLiteral("Create one of the %1").arg(plural),
               [&context, service](const HttpRequest &request, const PathParameters &) {
                   std::optional<Caller> caller;
                   QJsonObject body;
                   if (auto refusal = refuseWrite(context, request, &caller, &body))
                       return *refusal;
                   return toResponse(service->create(*caller, body));
               });
    router.add("PATCH", base + QStringLiteral("/{id}"),
               QStringLiteral("Change some fields of one of the %1").arg(plural),
               [&context, service](const HttpRequest &request, const PathParameters &path) {
                   std::optional<Caller> caller;
                   QJsonObject body;
                   if (auto refusal = refuseWrite(context, request, &caller, &body))
                       return *refusal;
                   return toResponse(
                           service->update(*caller, path.value(QStringLiteral("id")), body));
               });
    router.add("DELETE", base + QStringLiteral("/{id}"),
               QStringLiteral("Delete one of the %1 (kept as a tombstone)").arg(plural),
               [&context, service](const HttpRequest &request, const PathParameters &path) {
                   HttpResponse refusal;
                   const std::optional<Caller> caller = context.caller(request, &refusal);
                   return caller
                           ? toResponse(service->remove(*caller, path.value(QStringLiteral("id"))))
                           : refusal;
               });
}

} // namespace

void addRecordRoutes(Router &router, ApiContext &context)
{
    addRoutesFor<CustomerService>(router, context, QStringLiteral("/api/v1/customers"),
                                  QStringLiteral("customers"),
                                  QStringLiteral("kind, status, risk_level"));
    addRoutesFor<LeadService>(router, context, QStringLiteral("/api/v1/leads"),
                              QStringLiteral("leads"), QStringLiteral("status, source"));
    addRoutesFor<TaskService>(router, context, QStringLiteral("/api/v1/tasks"),
                              QStringLiteral("tasks"), QStringLiteral("status, priority"));
    addRoutesFor<ContactService>(router, context, QStringLiteral("/api/v1/contacts"),
                                 QStringLiteral("contacts"), QStringLiteral("customer_id"));
    addRoutesFor<ActivityService>(router, context, QStringLiteral("/api/v1/activities"),
                                  QStringLiteral("activities"), QStringLiteral("related_id, kind"));
}

} // namespace branchline::server
