// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreStatus.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

QVariant scalar(const QSqlDatabase &db, const QString &sql, StoreError *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return {};
    }
    return query.next() ? query.value(0) : QVariant();
}

} // namespace

StoreStatus::StoreStatus(QSqlDatabase db)
    : m_db(std::move(db))
{
}

int StoreStatus::pendingEdits(StoreError *error) const
{
    return scalar(m_db, QStringLiteral("SELECT count(*) FROM outbox"), error).toInt();
}

int StoreStatus::unresolvedConflicts(StoreError *error) const
{
    // The same rows as SyncStore::unresolvedConflictCount, which lives on the worker's side.
    return scalar(m_db,
                  QStringLiteral("SELECT count(*) FROM sync_conflicts "
                                 "WHERE resolution IS NULL AND deleted = 0"),
                  error)
            .toInt();
}

QDateTime StoreStatus::lastSyncAt(StoreError *error) const
{
    const QString text =
            scalar(m_db,
                   QStringLiteral("SELECT value FROM store_meta WHERE key = 'sync.last_sync_at'"),
                   error)
                    .toString();
    return QDateTime::fromString(text, Qt::ISODateWithMs); // written with a 'Z': UTC
}

} // namespace branchline
