// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SyncTable.h"
#include "core/Database.h"
#include "records/RecordSupport.h"

namespace branchline::server {

// The server's half of sync (docs/sync.md): pull pages (a snapshot, then the change log's
// tail, each page filtered by the caller's scope) and exactly-once pushes of numbered
// mutations with per-field merging and the conflict journal.
class SyncService
{
    Q_DECLARE_TR_FUNCTIONS(SyncService)

public:
    explicit SyncService(const Database &database);

    // Answers with a PullPage, or an error status and body.
    RecordOutcome pull(const Caller &caller, const QJsonObject &body) const;
    // Answers with a PushResponse, or an error status and body.
    RecordOutcome push(const Caller &caller, const QJsonObject &body) const;

    // At most this many mutations share one transaction: a batch commits quickly without
    // holding the change-log lock for long.
    static constexpr int mutationsPerTransaction = 250;

private:
    struct Cursor;
    bool snapshotPage(QSqlDatabase &db, const Caller &caller, const DataScope &scope, int schema,
                      Cursor &cursor, int pageSize, sync::PullPage *page, QString *error) const;
    bool tailPage(QSqlDatabase &db, const Caller &caller, const DataScope &scope, int schema,
                  qint64 headSeq, Cursor &cursor, int pageSize, sync::PullPage *page,
                  QString *error) const;
    bool storedResults(QSqlDatabase &db, const QString &clientId, qint64 after, qint64 upTo,
                       QList<sync::MutationResult> *results, QString *error) const;
    // The client id's owner; empty when the id is new. Refuses another user's id.
    std::optional<RecordOutcome> refuseClient(QSqlDatabase &db, const Caller &caller,
                                              const QString &clientId, qint64 *lastMutation,
                                              QString *error, bool *known = nullptr) const;
    bool applyOne(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                  const QString &clientId, const sync::Mutation &mutation,
                  sync::MutationResult *result, QString *error) const;

    const Database &m_database;
    SyncTables m_tables;
};

} // namespace branchline::server
