// SPDX-License-Identifier: GPL-3.0-or-later
// /api/v1/admin/approval-flows (an administrator's flows: list, read, add a version,
// activate one) and /api/v1/approval-requests/{id} (one request as the caller may see it).
// Requests and decisions themselves travel through sync (docs/approvals.md).
#include "ApiContext.h"
#include "approvals/ApprovalReads.h"
#include "approvals/FlowAdmin.h"

#include <memory>

namespace branchline::server {

namespace {

HttpResponse toResponse(const RecordOutcome &outcome)
{
    return HttpResponse::json(outcome.status, outcome.body);
}

// The signed-in caller's answer from `call`, or the 401 refusing them.
template<typename Call>
Handler withCaller(ApiContext &context, Call call)
{
    return [&context, call](const HttpRequest &request, const PathParameters &path) {
        HttpResponse refusal;
        const std::optional<Caller> caller = context.caller(request, &refusal);
        return caller ? call(*caller, request, path) : refusal;
    };
}

} // namespace

void addApprovalRoutes(Router &router, ApiContext &context)
{
    auto admin = std::make_shared<FlowAdmin>(context.database);
    auto service = std::make_shared<ApprovalService>();
    auto reads = std::make_shared<ApprovalReads>(context.database, *service);
    const QString flows = QStringLiteral("/api/v1/admin/approval-flows");
    router.add(
            "GET", flows, QStringLiteral("Every version of every approval flow (admin)"),
            withCaller(context,
                       [admin](const Caller &caller, const HttpRequest &, const PathParameters &) {
                           return toResponse(admin->list(caller));
                       }));
    router.add(
            "GET", flows + QStringLiteral("/{code}"),
            QStringLiteral("The versions of one approval flow and which is active (admin)"),
            withCaller(
                    context,
                    [admin](const Caller &caller, const HttpRequest &, const PathParameters &path) {
                        return toResponse(admin->get(caller, path.value(QStringLiteral("code"))));
                    }));
    router.add("POST", flows + QStringLiteral("/{code}/versions"),
               QStringLiteral("Add a version of an approval flow: {definition, activate} "
                              "(admin; versions are never edited)"),
               withCaller(context,
                          [admin](const Caller &caller, const HttpRequest &request,
                                  const PathParameters &path) {
                              QJsonObject body;
                              QString problem;
                              if (!request.jsonObject(&body, &problem))
                                  return HttpResponse::error(400, QStringLiteral("malformed_body"),
                                                             problem);
                              return toResponse(admin->addVersion(
                                      caller, path.value(QStringLiteral("code")), body));
                          }));
    router.add("POST", flows + QStringLiteral("/{code}/versions/{version}/activate"),
               QStringLiteral("Make a version the one new requests follow (admin)"),
               withCaller(context,
                          [admin](const Caller &caller, const HttpRequest &,
                                  const PathParameters &path) {
                              return toResponse(
                                      admin->activate(caller, path.value(QStringLiteral("code")),
                                                      path.value(QStringLiteral("version"))));
                          }));
    router.add("GET", QStringLiteral("/api/v1/approval-requests/{id}"),
               QStringLiteral("One approval request with its steps and decisions, as the caller "
                              "may see it; a step past due is escalated first"),
               withCaller(context,
                          [reads, service](const Caller &caller, const HttpRequest &,
                                           const PathParameters &path) {
                              return toResponse(
                                      reads->get(caller, path.value(QStringLiteral("id"))));
                          }));
}

} // namespace branchline::server
