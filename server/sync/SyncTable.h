// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Authenticator.h"
#include "core/DataScope.h"
#include "protocol/SyncProtocol.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <memory>

namespace branchline::server {

class SyncTables;

// What a mutation is being applied for: whose device sent it, and the journal entries and
// outcome it produced so far.
struct MutationContext
{
    const Caller &caller;
    const DataScope &scope;
    QString clientId;
    const SyncTables &tables;
};

// One synced table on the server: how a snapshot and a tail page read it as the caller may
// see it, and how a client's mutation is applied to it. SyncService drives these; it knows
// nothing of any one kind of record.
class SyncTable
{
public:
    virtual ~SyncTable() = default;
    virtual QString table() const = 0;

    // Live rows in scope with id > `afterId`, in id order, at most `limit`.
    virtual bool snapshot(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                          const QString &afterId, int limit, QList<sync::Change> *changes,
                          QString *error) const = 0;
    // How many rows a snapshot of this table would give the caller now: the first
    // snapshot page tells the client the total, for its progress and time left.
    virtual bool count(QSqlDatabase &db, const Caller &caller, const DataScope &scope, qint64 *rows,
                       QString *error) const = 0;
    // The current rows of `ids` (tombstones included) that lie in scope; an id missing from
    // the answer is out of the caller's scope.
    virtual bool current(QSqlDatabase &db, const Caller &caller, const DataScope &scope,
                         const QStringList &ids, QList<sync::Change> *changes,
                         QString *error) const = 0;
    // Applies one mutation inside the caller's transaction and says what came of it. Returns
    // false only on a storage error (the transaction then rolls back).
    virtual bool apply(QSqlDatabase &db, const MutationContext &context,
                       const sync::Mutation &mutation, sync::MutationResult *result,
                       QString *error) const = 0;
    // Writes `value` to `field` of record `id` as a deliberate resolution of a conflict:
    // no base check. `value` undefined with `deleteRecord` deletes; an edit to a deleted
    // record restores it.
    virtual bool resolveWith(QSqlDatabase &db, const MutationContext &context, const QString &id,
                             const QJsonObject &fields, bool deleteRecord,
                             sync::MutationResult *result, QString *error) const = 0;
};

// `SELECT count(*) FROM table WHERE where` with `values` bound in order. `table` is one of
// the code's own synced table names, never text from a request.
bool countRows(QSqlDatabase &db, const QString &table, const QString &where,
               const QVariantList &values, qint64 *rows, QString *error);

// Marks `result` as refused outright with a reason.
inline void refuseMutation(sync::MutationResult *result, const QString &code,
                           const QString &message)
{
    result->outcome = sync::Outcome::Rejected;
    result->code = code;
    result->message = message;
}

// The synced tables by name, in snapshot order.
class SyncTables
{
public:
    SyncTables();
    ~SyncTables();
    const SyncTable *find(const QString &table) const;
    QList<const SyncTable *> inOrder() const;

private:
    QList<std::shared_ptr<SyncTable>> m_tables;
};

} // namespace branchline::server
