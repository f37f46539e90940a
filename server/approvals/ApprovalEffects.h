// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApprovalState.h"
#include "FlowDefinition.h"
#include "domain/records/Customer.h"

#include <QSqlDatabase>

#include <optional>

namespace branchline::server {

// Why a request or a decision was not taken: a stable code and a translated message.
struct ApprovalRefusal
{
    QString code;
    QString message;
};

// What an approved request does to its customer, and the checks around it. The fields it
// writes (status, fee rates, credit limit, KYC status) change no other way: sync and the API
// refuse them to every role (FieldPolicy), so the approval is the only way in.
class ApprovalEffects
{
public:
    // Checks a new request's proposed values against the flow's effect and the customer as
    // it is; `proposed` is put in its stored form and `before` gets the current values of
    // the fields it would change, for the approvers' before/after view.
    static std::optional<ApprovalRefusal> prepare(FlowEffect effect, const Customer &customer,
                                                  QJsonObject *proposed, QJsonObject *before);

    // Writes the approved change in the caller's transaction through the record path: the
    // customer row, its change-log entry and field versions (so it syncs to every client in
    // scope) and an audit entry. Refused, writing nothing, when the customer was deleted, is
    // no longer one the change applies to, or had those fields changed since the request
    // was made (the approvers decided on values that are no longer there).
    static bool apply(QSqlDatabase &db, const RequestState &request, FlowEffect effect,
                      const QString &actorId, std::optional<ApprovalRefusal> *refusal,
                      QString *error);
};

} // namespace branchline::server
