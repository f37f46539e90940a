// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SyncTable.h"

namespace branchline::server {

// Branches and users as every signed-in client needs them (names of owners and branches):
// read-only through sync, changed by administrators on the server.
class ReferenceTable : public SyncTable
{
public:
    enum class Which { Branches, Users };
    explicit ReferenceTable(Which which);

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

    // Logs a change to a branch or user for every client (call in the writing transaction).
    static bool logChange(QSqlDatabase &db, Which which, const QString &id, QString *error);

private:
    bool select(QSqlDatabase &db, const QString &where, const QVariantList &values,
                QList<sync::Change> *changes, QString *error) const;
    Which m_which;
};

// The conflict journal as a synced table: each entry reaches the user it concerns and the
// managers of the record's branch; `resolve` mutations decide it (keep mine, keep theirs,
// or a merged value), and the resolution itself syncs.
class ConflictTable : public SyncTable
{
public:
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
    bool select(QSqlDatabase &db, const Caller &caller, const QString &where,
                const QVariantList &values, QList<sync::Change> *changes, QString *error) const;
};

} // namespace branchline::server
