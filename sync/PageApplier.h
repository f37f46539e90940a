// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/SyncProtocol.h"
#include "store/StoreError.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <memory>
#include <unordered_map>

namespace branchline::sync {

// Writes pulled server rows into the local record tables, inside the caller's transaction,
// with SQL of its own: nothing it writes ever reaches the outbox.
//
// Built for the initial sync (a million rows in pages of about a thousand): a table's
// columns are read once (PRAGMA table_info), statements are prepared once per table and
// column set, and the outbox is read once per page, not once per row.
class PageApplier
{
    Q_DECLARE_TR_FUNCTIONS(SyncStore)

public:
    explicit PageApplier(QSqlDatabase db);

    void setUserId(const QString &userId) { m_userId = userId; }
    void setClientId(const QString &clientId) { m_clientId = clientId; }
    QString clientId() const { return m_clientId; }

    // Applies every change of `page`; `markSeen` records each delivered id in
    // sync_snapshot_seen (a re-snapshot in progress).
    bool apply(const PullPage &page, bool markSeen, StoreError *error);

    // Moves the outbox rows of a record about to be purged into the journal as
    // 'scope_removed' (rule 11: a pending edit goes to the journal, not to the bin).
    bool journalPendingEdits(const QString &table, const QString &recordId, StoreError *error);

    // The synced record tables this store has (the journal excluded): names safe for SQL.
    QStringList localRecordTables(StoreError *error);

private:
    struct Table
    {
        bool exists = false;
        QSet<QString> columns;
        QSet<QString> nullable; // columns without NOT NULL: an empty value is stored as NULL
    };
    using Pending = QHash<QString, QSet<QString>>; // "table\x1fid" -> fields with edits

    bool table(const QString &name, Table *table, StoreError *error);
    bool pendingFor(const PullPage &page, Pending *pending, StoreError *error);
    // `likelyNew`: try INSERT before UPDATE (a snapshot page).
    bool upsert(const Change &change, const Table &table, const QSet<QString> *pendingFields,
                bool likelyNew, StoreError *error);
    bool updateRow(const Change &change, const QStringList &assignments,
                   const QVariantList &assigned, bool *existed, StoreError *error);
    bool insertRow(const Change &change, const Table &table, QStringList columns,
                   QVariantList values, bool *inserted, StoreError *error);
    bool refuseRow(const Change &change, StoreError *error);
    bool remove(const Change &change, bool hasPending, StoreError *error);
    bool replaceVersions(const Change &change, bool existed, StoreError *error);
    bool run(QSqlQuery &query, StoreError *error);
    // A prepared statement from the cache, prepared on first use.
    QSqlQuery *statement(const QString &sql, StoreError *error);

    QSqlDatabase m_db;
    QString m_userId;
    QString m_clientId;
    QHash<QString, Table> m_tables;
    // Heap-held so a pointer stays valid while more statements are added.
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
};

} // namespace branchline::sync
