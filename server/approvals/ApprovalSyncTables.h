// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApprovalService.h"
#include "sync/SyncTable.h"

namespace branchline::server {

// approval_requests, approval_steps and approval_decisions as synced tables
// (docs/approvals.md). A client makes a request by inserting a request row, decides by
// inserting a decision row, and resubmits a returned request by updating its proposed values
// or reason; steps are the server's. Every mutation goes through ApprovalService; one it
// refuses is journalled ("rejected", with the precise code and message) and the caller's
// device gets the request as it now is, so it shows exactly what happened.
//
// A request is seen by its requester and approvers (current and past, a delegate too) and
// by the managers above them: ApprovalStore logs each change once per member of the
// request's audience with that member's own scope keys.
class ApprovalTable : public SyncTable
{
public:
    enum class Which { Requests, Steps, Decisions };
    explicit ApprovalTable(Which which, ApprovalService::Clock clock = {});

    QString table() const override;
    bool snapshot(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                  const QString &afterId, int limit, QList<sync::Change> *changes,
                  QString *error) const override;
    bool count(QSqlDatabase &db, const Caller &caller, const DataScope &scope, qint64 *rows,
               QString *error) const override;
    bool current(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                 const QStringList &ids, QList<sync::Change> *changes,
                 QString *error) const override;
    bool apply(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
               sync::MutationResult *result, QString *error) const override;
    bool resolveWith(QSqlDatabase &db, const MutationContext &context, const QString &id,
                     const QJsonObject &fields, bool deleteRecord, sync::MutationResult *result,
                     QString *error) const override;

private:
    bool select(QSqlDatabase &db, const QString &where, const QVariantList &values,
                QList<sync::Change> *changes, QString *error) const;
    QString visible(const Caller &caller, const DataScope &scope, QVariantList *values) const;
    bool refuse(QSqlDatabase &db, const MutationContext &context, const sync::Mutation &mutation,
                const ApprovalRefusal &refusal, const QString &requestId,
                sync::MutationResult *result, QString *error) const;
    // The request a refused mutation was about, when the caller sees it.
    QString requestOf(const sync::Mutation &mutation) const;

    Which m_which;
    ApprovalService m_service;
};

} // namespace branchline::server
