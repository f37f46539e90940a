// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SaveResult.h"
#include "domain/records/SyncMeta.h"
#include "domain/rules/RecordValidator.h"
#include "store/StoreError.h"

#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QVariant>

class QSqlQuery;

namespace branchline {

// The SQL every synced table shares: insert with a fresh global id and timestamps, update
// by global id, soft delete, and reading the bookkeeping columns back. Column names come
// from the repositories' code, never from user input; values are always bound.
//
// Every write adds its outbox row (docs/sync.md) in the same transaction, or a savepoint
// when the caller already holds one. Rows pulled from the server never pass through here.
class RecordTable
{
public:
    using Columns = QList<QPair<QString, QVariant>>;

    RecordTable(const QSqlDatabase &db, QString table);

    // Outbox: op insert, every non-NULL column given.
    bool insert(SyncMeta &meta, const Columns &columns, StoreError *error);
    // Updates a live record. Returns false with Kind::RecordNotFound when it is missing or deleted.
    // Writes, and queues as op update, only the columns whose value changes, each with the
    // field version it was based on; changing nothing writes nothing.
    bool update(SyncMeta &meta, const Columns &columns, StoreError *error);
    // Outbox: op delete on the record's version.
    bool softDelete(const QString &id, StoreError *error);

    // "local_id, id, version, deleted, created_at, updated_at" with a table alias.
    static QString metaColumns(const QString &alias = QString());
    static constexpr int metaColumnCount = 6;
    static void readMeta(const QSqlQuery &query, int firstColumn, SyncMeta *meta);

    static QVariant timestamp(const QDateTime &value);
    static QDateTime parseTimestamp(const QVariant &value);
    static QVariant nullIfEmpty(const QString &value);
    static QString nowText();

    // Normalises and validates `record`, then inserts or updates it: the one way every
    // repository saves. `columnsOf(record)` lists the record's own columns.
    template<typename Record, typename ColumnsOf>
    SaveResult save(Record &record, bool isNew, ColumnsOf columnsOf)
    {
        RecordValidator::normalize(record);
        FieldIssues issues = RecordValidator::validate(record);
        StoreError error;
        // An edit answers only for the fields it changes: the rest were checked by the server,
        // and a role may hold them masked (138****5678), which no check digit accepts.
        if (!issues.isEmpty() && !isNew
            && !dropUnchanged(record.meta.id, columnsOf(record), &issues, &error))
            return SaveResult::failed(error);
        if (!issues.isEmpty())
            return SaveResult::invalid(std::move(issues));
        const bool ok = isNew ? insert(record.meta, columnsOf(record), &error)
                              : update(record.meta, columnsOf(record), &error);
        return ok ? SaveResult::success() : SaveResult::failed(error);
    }

    SaveResult remove(const QString &id)
    {
        StoreError error;
        return softDelete(id, &error) ? SaveResult::success() : SaveResult::failed(error);
    }

    QSqlDatabase database() const { return m_db; }
    QString table() const { return m_table; }

private:
    // Removes the issues of columns whose stored value `columns` leaves as it is.
    bool dropUnchanged(const QString &id, const Columns &columns, FieldIssues *issues,
                       StoreError *error) const;
    // The record's version and the given columns' stored values, when it is live.
    bool readLive(const QString &id, const Columns &columns, qint64 *version, QVariantList *values,
                  StoreError *error) const;

    QSqlDatabase m_db;
    QString m_table;
};

} // namespace branchline
