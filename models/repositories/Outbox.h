// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreError.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

namespace branchline {

// The local outbox (migration 2): every edit made on this device, in order, until the
// server has answered it. Rows are only ever added inside the transaction of the edit they
// describe (rule 3), so the caller owns the transaction.
class Outbox
{
public:
    explicit Outbox(const QSqlDatabase &db);

    // Appends one mutation. `op` is insert, update, delete or resolve. `prior` holds the
    // values an update replaced, for the conflict screen's "base" (migration 5).
    bool append(const QString &table, const QString &recordId, const QString &op,
                const QJsonObject &fields, const QJsonObject &base, qint64 baseVersion,
                StoreError *error, const QJsonObject &prior = {});

    // Whether an edit of this record made on this device still waits for the server's
    // answer (the "pending" marker of lists and the 360° view).
    bool hasPending(const QString &table, const QString &recordId,
                    StoreError *error = nullptr) const;

    // The server versions of a record's fields (field_versions); a field without a row
    // has version 0.
    bool fieldVersions(const QString &table, const QString &recordId,
                       QHash<QString, qint64> *versions, StoreError *error) const;

    // A stored or bound value as it travels in a mutation: text as a string, integers and
    // booleans (stored as 0/1) as integers, NULL as null.
    static QJsonValue jsonValue(const QVariant &value);
    // Whether writing `wanted` over `stored` would change nothing.
    static bool sameValue(const QVariant &stored, const QVariant &wanted);

private:
    QSqlDatabase m_db;
};

} // namespace branchline
