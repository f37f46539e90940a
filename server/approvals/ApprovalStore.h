// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApprovalState.h"
#include "core/Authenticator.h"
#include "core/DataScope.h"

#include <QSqlDatabase>

namespace branchline::server {

// One row of approval_decisions.
struct DecisionRow
{
    QString id;
    QString requestId;
    int expectedStep = 0;
    QString deciderId;
    QString onBehalfOf;
    QString decision;
    QString delegateTo;
    QString comment;
    QString decidedAt;
};

// A synced row of one request: (table, id).
using ApprovalRow = QPair<QString, QString>;

// The SQL of requests, steps, decisions and their audience, inside the caller's
// transaction. Every change is logged once for each member of the request's audience
// (the requester and the approvers it reached), with their own user and branch as the scope
// keys: so the change log reaches them and the managers above them (DataScope), and no one
// else, without the sync service knowing anything of approvals.
class ApprovalStore
{
public:
    // The request and its steps; on PostgreSQL the request row stays locked to commit, so
    // two decisions on one request take turns and the second sees what the first did.
    static bool load(QSqlDatabase &db, const QString &id, RequestState *request, bool *found,
                     QString *error);
    // Inserts a new request with its steps (giving the steps ids).
    static bool insert(QSqlDatabase &db, RequestState &request, const QString &now, QString *error);
    // Writes what changed: the request row, changed steps, new steps. `rows` gets them.
    static bool save(QSqlDatabase &db, RequestState &request, const QString &now,
                     QList<ApprovalRow> *rows, QString *error);
    static bool insertDecision(QSqlDatabase &db, const DecisionRow &decision, const QString &now,
                               QString *error);
    static bool decisionExists(QSqlDatabase &db, const QString &id, bool *exists, QString *error);
    // An open (pending or returned) request of this flow on this record.
    static bool hasOpen(QSqlDatabase &db, const QString &flowCode, const QString &recordTable,
                        const QString &recordId, bool *open, QString *error);

    // Adds users to the audience; `added` lists the ones that were not in it yet.
    static bool join(QSqlDatabase &db, const QString &requestId, const QStringList &users,
                     QStringList *added, QString *error);
    // Logs `rows` for every member of the audience, and every row of the request for the
    // members in `newcomers` (who have never received it).
    static bool log(QSqlDatabase &db, const QString &requestId, const QList<ApprovalRow> &rows,
                    const QStringList &newcomers, QString *error);
    // Logs the request and its steps for `caller` alone: after a refused mutation their
    // device gets the request as it is now.
    static bool logFor(QSqlDatabase &db, const QString &requestId, const Caller &caller,
                       QString *error);

    // Whether the caller sees the request: in its audience, or above a member (DataScope).
    static QString visibleCondition(const QString &requestIdColumn, const Caller &caller,
                                    const DataScope &scope, QVariantList *values);
    static bool isVisible(QSqlDatabase &db, const QString &requestId, const Caller &caller,
                          const DataScope &scope, bool *visible, QString *error);

    // Requests whose pending step is past due at `now`.
    static bool overdue(QSqlDatabase &db, const QString &now, QStringList *requestIds,
                        QString *error);

private:
    static bool allRows(QSqlDatabase &db, const QString &requestId, QList<ApprovalRow> *rows,
                        QString *error);
    static bool logRows(QSqlDatabase &db, const QList<ApprovalRow> &rows,
                        const QList<ScopeKeys> &members, QString *error);
};

} // namespace branchline::server
