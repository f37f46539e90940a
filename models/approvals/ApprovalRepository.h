// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "approvals/ApprovalRecords.h"
#include "store/StoreError.h"

#include <QSqlDatabase>

#include <optional>

namespace branchline {

// Reads approval requests with their steps and decisions from the local store, each
// decision marked as recorded, queued (in the outbox or answered but not pulled yet) or
// refused (the server's journal entry, with its code and message). Writing is
// ApprovalCommands' job.
class ApprovalRepository
{
public:
    explicit ApprovalRepository(const QSqlDatabase &db);

    // The newest `limit` requests on this device (the inbox sorts them into boxes).
    QList<ApprovalItem> list(int limit, StoreError *error = nullptr) const;
    // One customer's requests, newest first (the 360° view's history).
    QList<ApprovalItem> forRecord(const QString &recordId, StoreError *error = nullptr) const;
    std::optional<ApprovalItem> find(const QString &requestId, StoreError *error = nullptr) const;

private:
    QList<ApprovalItem> select(const QString &condition, const QVariantList &values, int limit,
                               StoreError *error) const;
    bool readSteps(const QString &requests, const QVariantList &values,
                   QHash<QString, QList<ApprovalStep>> *steps, StoreError *error) const;
    bool readDecisions(const QString &requests, const QVariantList &values,
                       QHash<QString, QList<ApprovalDecision>> *decisions, StoreError *error) const;

    QSqlDatabase m_db;
};

} // namespace branchline
