// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApprovalEffects.h"
#include "ApprovalState.h"
#include "core/Authenticator.h"
#include "core/DataScope.h"
#include "core/Database.h"

#include <QJsonObject>

#include <functional>

namespace branchline::server {

// Requests and decisions as they arrive (through sync, docs/approvals.md): a request is
// checked and resolved into steps, a decision re-checked against the request as it is now,
// the effect of the last approval applied in the same transaction, a late step escalated.
// Every call runs in the caller's transaction and returns false only on a storage error;
// a refusal writes nothing and says why.
class ApprovalService
{
public:
    using Clock = std::function<QDateTime()>;
    // `clock` (UTC) stamps due times and decisions; tests inject one to escalate.
    explicit ApprovalService(Clock clock = {});
    QDateTime now() const;

    // A new request with id `id`: fields flow_code, record_table, record_id, proposed, reason.
    bool request(QSqlDatabase &db, const Caller &caller, const DataScope &scope, const QString &id,
                 const QJsonObject &fields, std::optional<ApprovalRefusal> *refusal,
                 QString *error) const;
    // A returned request sent again by its requester, with new proposed values or reason:
    // a new round from the flow version the request started with.
    bool resubmit(QSqlDatabase &db, const Caller &caller, const DataScope &scope, const QString &id,
                  const QJsonObject &fields, std::optional<ApprovalRefusal> *refusal,
                  QString *error) const;
    // A decision with id `id`: fields request_id, expected_step, decision, delegate_to, comment.
    // `requestId` is set when the decision names a request the caller sees.
    bool decide(QSqlDatabase &db, const Caller &caller, const DataScope &scope, const QString &id,
                const QJsonObject &fields, QString *requestId,
                std::optional<ApprovalRefusal> *refusal, QString *error) const;

    // Escalates the request's pending step when it is past due.
    bool escalate(QSqlDatabase &db, const QString &requestId, QStringList *added,
                  QString *error) const;
    // Every overdue step, one request per transaction; `escalated` counts the steps that
    // brought someone in.
    bool escalateDue(const Database &database, int *escalated, QString *error) const;

private:
    bool escalateLoaded(QSqlDatabase &db, RequestState &request, QStringList *added,
                        QString *error) const;
    QString stamp() const;

    Clock m_clock;
};

} // namespace branchline::server
