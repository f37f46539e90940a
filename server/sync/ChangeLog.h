// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/DataScope.h"
#include "protocol/SyncProtocol.h"

#include <QSqlDatabase>
#include <QStringList>

namespace branchline::server {

struct SyncHead
{
    QString epoch;
    qint64 lastSeq = 0;
    qint64 minSeq = 0;
};

// The server's change log (docs/sync.md). Every function runs inside the caller's writing
// transaction, so a change and its log row commit together or not at all (rule 1).
class ChangeLog
{
public:
    // Takes the next seq, logs the change with its scope keys before and after, stamps the
    // changed fields' versions and sets the record's version to the seq. `fields` lists the
    // fields whose value changed (empty for a create or a delete: fields of a new record
    // are at version 0 until first changed).
    static bool record(QSqlDatabase &db, const QString &table, const QString &id,
                       const QStringList &fields, const ScopeKeys &now, const ScopeKeys &before,
                       const QString &authorId, qint64 *seq, QString *error);
    // Logs the record again without changing it, so every client in scope pulls its current
    // state: after a refused mutation the client that sent it gets the server's values back.
    static bool touch(QSqlDatabase &db, const QString &table, const QString &id,
                      const ScopeKeys &keys, qint64 *seq, QString *error);

    // record() for a record of `Kind`, with its scope keys before and after; when they
    // differ the records that borrow its scope (contacts, activities) are logged too, so
    // they reach the new scope and leave the old one.
    template<typename Kind>
    static bool recordOf(QSqlDatabase &db, typename Kind::Record &record, const QStringList &fields,
                         const typename Kind::Record *before, const QString &authorId,
                         QString *error)
    {
        ScopeKeys now;
        ScopeKeys old;
        if (!Kind::scopeKeys(db, record, &now, error)
            || (before && !Kind::scopeKeys(db, *before, &old, error)))
            return false;
        if (!before)
            old = now;
        qint64 seq = 0;
        if (!ChangeLog::record(db, Kind::table(), record.meta.id, fields, now, old, authorId, &seq,
                               error))
            return false;
        record.meta.version = seq;
        return now == old || cascade(db, Kind::table(), record.meta.id, now, old, error);
    }

    static bool head(QSqlDatabase &db, SyncHead *head, QString *error);
    // Field versions of `ids` in `table`: fields never changed since creation are absent.
    static bool fieldVersions(QSqlDatabase &db, const QString &table, const QStringList &ids,
                              QHash<QString, sync::FieldVersions> *versions, QString *error);
    // The version of one field and who wrote it (0 and empty when never changed).
    static bool fieldVersion(QSqlDatabase &db, const QString &table, const QString &id,
                             const QString &field, qint64 *seq, QString *authorId, QString *error);
    // What tells the change at `seq` apart from any other: a short hash of its log row, "-"
    // when the log does not hold it (seq 0, or pruned). A cursor carries the mark of its seq:
    // a server restored from a backup hands the same seqs out again for other changes, and
    // the mark shows a cursor from the lost history for what it is even after the restored
    // head has caught up with it (docs/sync.md, rule 15).
    static bool mark(QSqlDatabase &db, qint64 seq, QString *mark, QString *error);
    // Drops log rows older than `keepFrom`; cursors before it get "refetch" (rule 13).
    static bool prune(QSqlDatabase &db, qint64 keepFrom, QString *error);

private:
    static bool cascade(QSqlDatabase &db, const QString &table, const QString &id,
                        const ScopeKeys &now, const ScopeKeys &before, QString *error);
    static bool nextSeq(QSqlDatabase &db, qint64 *seq, QString *error);
    static bool append(QSqlDatabase &db, qint64 seq, const QString &table, const QString &id,
                       const ScopeKeys &now, const ScopeKeys &before, QString *error);
};

} // namespace branchline::server
