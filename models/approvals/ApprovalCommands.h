// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "repositories/SaveResult.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlDatabase>

namespace branchline {

// What a person does with approvals on this computer, online or not: decide, withdraw, ask.
// Each is an insert (a decision row, or a request row) written with its outbox entry in one
// transaction, so it shows at once and goes to the server with the next sync, where it is
// checked again (docs/approvals.md). What can be checked here is, with a message in the
// interface's language on the field it is about (comment, delegate_to, reason, …).
class ApprovalCommands
{
    Q_DECLARE_TR_FUNCTIONS(ApprovalCommands)

public:
    ApprovalCommands(const QSqlDatabase &db, QString userId);

    // approve, reject, return or delegate the step at `expectedStep` (the one shown).
    SaveResult decide(const QString &requestId, int expectedStep, const QString &decision,
                      const QString &comment, const QString &delegateTo = QString());
    // The requester takes their pending request back.
    SaveResult withdraw(const QString &requestId, const QString &comment = QString());
    // Asks for `flowCode` on a customer; `proposed` holds the values as the server takes
    // them (fee rates in millionths, amounts in fen). The new request's id in `requestId`.
    SaveResult request(const QString &flowCode, const QString &customerId, QJsonObject proposed,
                       const QString &reason, QString *requestId = nullptr);

    static constexpr int maxCommentLength = 2000;

private:
    SaveResult insertDecision(const QString &requestId, int expectedStep, const QString &decision,
                              const QString &comment, const QString &delegateTo);

    QSqlDatabase m_db;
    QString m_userId;
};

} // namespace branchline
