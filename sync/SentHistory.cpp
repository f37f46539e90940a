// SPDX-License-Identifier: GPL-3.0-or-later
#include "SentHistory.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline::sync {

namespace {

const QString columns = QStringLiteral(
        "mutation, table_name, record_id, op, fields, base, base_version, created_at, prior");

bool run(QSqlQuery &query, StoreError *error)
{
    if (query.exec())
        return true;
    *error = StoreError::fromSql(query.lastError());
    return false;
}

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

SentHistory::SentHistory(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool SentHistory::keep(const QList<qint64> &mutations, const QDateTime &now, StoreError *error)
{
    QSqlQuery copy(m_db);
    // A number answered twice (a repeated reply) replaces its own row.
    copy.prepare(QStringLiteral("INSERT OR REPLACE INTO outbox_sent (%1, acked_at) "
                                "SELECT %1, ? FROM outbox WHERE mutation = ?")
                         .arg(columns));
    QSqlQuery drop(m_db);
    drop.prepare(QStringLiteral("DELETE FROM outbox WHERE mutation = ?"));
    const QString ackedAt = timestamp(now);
    for (qint64 mutation : mutations) {
        copy.bindValue(0, ackedAt);
        copy.bindValue(1, mutation);
        drop.bindValue(0, mutation);
        if (!run(copy, error) || !run(drop, error))
            return false;
    }
    QSqlQuery prune(m_db);
    prune.prepare(QStringLiteral("DELETE FROM outbox_sent WHERE acked_at < ?"));
    prune.addBindValue(timestamp(now.addDays(-retentionDays)));
    return run(prune, error);
}

bool SentHistory::requeue(qint64 from, int *requeued, StoreError *error)
{
    QSqlQuery copy(m_db);
    // Their own numbers: below every pending edit's, so they go out first, in their order.
    copy.prepare(QStringLiteral("INSERT INTO outbox (%1) SELECT %1 FROM outbox_sent "
                                "WHERE mutation >= ? ORDER BY mutation")
                         .arg(columns));
    copy.addBindValue(from);
    if (!run(copy, error))
        return false;
    *requeued = copy.numRowsAffected();
    QSqlQuery drop(m_db);
    drop.prepare(QStringLiteral("DELETE FROM outbox_sent WHERE mutation >= ?"));
    drop.addBindValue(from);
    return run(drop, error);
}

} // namespace branchline::sync
