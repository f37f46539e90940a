// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChangeLog.h"

#include "core/SqlValues.h"
#include "records/RecordSupport.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

namespace {

bool run(QSqlQuery &query, QString *error)
{
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

} // namespace

bool ChangeLog::nextSeq(QSqlDatabase &db, qint64 *seq, QString *error)
{
    // The UPDATE takes the row lock and keeps it to commit: a later seq can only be handed
    // out once this transaction has committed, so seq order is commit order (rule 1).
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("UPDATE sync_state SET last_seq = last_seq + 1 WHERE id = 1"))
        || !query.exec(QStringLiteral("SELECT last_seq FROM sync_state WHERE id = 1"))
        || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    *seq = query.value(0).toLongLong();
    return true;
}

bool ChangeLog::append(QSqlDatabase &db, qint64 seq, const QString &table, const QString &id,
                       const ScopeKeys &now, const ScopeKeys &before, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
            "INSERT INTO change_log (seq, table_name, record_id, owner_id, branch_id, "
            "prev_owner_id, prev_branch_id, everyone, changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(seq);
    query.addBindValue(table);
    query.addBindValue(id);
    query.addBindValue(nullableText(now.ownerId));
    query.addBindValue(nullableText(now.branchId));
    query.addBindValue(nullableText(before.ownerId));
    query.addBindValue(nullableText(before.branchId));
    query.addBindValue(now.everyone ? 1 : 0);
    query.addBindValue(RecordSupport::now());
    return run(query, error);
}

bool ChangeLog::record(QSqlDatabase &db, const QString &table, const QString &id,
                       const QStringList &fields, const ScopeKeys &now, const ScopeKeys &before,
                       const QString &authorId, qint64 *seq, QString *error)
{
    if (!nextSeq(db, seq, error) || !append(db, *seq, table, id, now, before, error))
        return false;
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
            "INSERT INTO field_versions (table_name, record_id, field, seq, author_id) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (table_name, record_id, field) "
            "DO UPDATE SET seq = excluded.seq, author_id = excluded.author_id"));
    for (const QString &field : fields) {
        query.addBindValue(table);
        query.addBindValue(id);
        query.addBindValue(field);
        query.addBindValue(*seq);
        query.addBindValue(nullableText(authorId));
        if (!run(query, error))
            return false;
    }
    // `table` comes from the code's own list of synced tables, never from a request.
    QSqlQuery version(db);
    version.prepare(QStringLiteral("UPDATE %1 SET version = ? WHERE id = ?").arg(table));
    version.addBindValue(*seq);
    version.addBindValue(id);
    return run(version, error);
}

bool ChangeLog::cascade(QSqlDatabase &db, const QString &table, const QString &id,
                        const ScopeKeys &now, const ScopeKeys &before, QString *error)
{
    // Contacts, activities and the merchant detail carry no scope keys of their own: they
    // follow their customer or lead, so when it moves they are logged with its old and new
    // keys.
    QList<QPair<QString, QString>> dependents;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (table == QLatin1String("customers")) {
        query.prepare(QStringLiteral(
                "SELECT 'contacts', id FROM contacts WHERE customer_id = ? "
                "UNION ALL SELECT 'activities', id FROM activities WHERE "
                "(related_table = 'customers' AND related_id = ?) OR (related_table = "
                "'contacts' AND related_id IN (SELECT id FROM contacts WHERE customer_id = ?)) "
                "UNION ALL SELECT 'terminals', id FROM terminals WHERE customer_id = ? "
                "UNION ALL SELECT 'merchant_volumes', id FROM merchant_volumes "
                "WHERE customer_id = ? "
                "UNION ALL SELECT 'kyc_items', id FROM kyc_items WHERE customer_id = ?"));
        for (int i = 0; i < 6; ++i)
            query.addBindValue(id);
    } else if (table == QLatin1String("leads")) {
        query.prepare(QStringLiteral("SELECT 'activities', id FROM activities WHERE "
                                     "related_table = 'leads' AND related_id = ?"));
        query.addBindValue(id);
    } else {
        return true;
    }
    if (!run(query, error))
        return false;
    while (query.next())
        dependents.append({ query.value(0).toString(), query.value(1).toString() });
    for (const auto &[dependentTable, dependentId] : std::as_const(dependents)) {
        qint64 seq = 0;
        if (!nextSeq(db, &seq, error)
            || !append(db, seq, dependentTable, dependentId, now, before, error))
            return false;
    }
    return true;
}

bool ChangeLog::touch(QSqlDatabase &db, const QString &table, const QString &id,
                      const ScopeKeys &keys, qint64 *seq, QString *error)
{
    return nextSeq(db, seq, error) && append(db, *seq, table, id, keys, keys, error);
}

bool ChangeLog::head(QSqlDatabase &db, SyncHead *head, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT epoch, last_seq, min_seq FROM sync_state WHERE id = 1"))
        || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    head->epoch = query.value(0).toString();
    head->lastSeq = query.value(1).toLongLong();
    head->minSeq = query.value(2).toLongLong();
    return true;
}

bool ChangeLog::fieldVersions(QSqlDatabase &db, const QString &table, const QStringList &ids,
                              QHash<QString, sync::FieldVersions> *versions, QString *error)
{
    if (ids.isEmpty())
        return true;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT record_id, field, seq FROM field_versions "
                                 "WHERE table_name = ? AND record_id IN (%1)")
                          .arg(placeholders(ids.size())));
    query.addBindValue(table);
    for (const QString &id : ids)
        query.addBindValue(id);
    if (!run(query, error))
        return false;
    while (query.next())
        (*versions)[query.value(0).toString()].insert(query.value(1).toString(),
                                                      query.value(2).toLongLong());
    return true;
}

bool ChangeLog::fieldVersion(QSqlDatabase &db, const QString &table, const QString &id,
                             const QString &field, qint64 *seq, QString *authorId, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT seq, author_id FROM field_versions "
                                 "WHERE table_name = ? AND record_id = ? AND field = ?"));
    query.addBindValue(table);
    query.addBindValue(id);
    query.addBindValue(field);
    if (!run(query, error))
        return false;
    const bool found = query.next();
    *seq = found ? query.value(0).toLongLong() : 0;
    *authorId = found ? query.value(1).toString() : QString();
    return true;
}

bool ChangeLog::mark(QSqlDatabase &db, qint64 seq, QString *mark, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
            "SELECT table_name, record_id, changed_at FROM change_log WHERE seq = ?"));
    query.addBindValue(seq);
    if (!run(query, error))
        return false;
    if (!query.next()) {
        *mark = QStringLiteral("-");
        return true;
    }
    // The time to the millisecond: the same record changed again at the same seq after a
    // restore still differs in it.
    const QByteArray row = QStringList{ query.value(0).toString(), query.value(1).toString(),
                                        query.value(2).toString() }
                                   .join(QLatin1Char('/'))
                                   .toUtf8();
    *mark = QString::fromLatin1(
            QCryptographicHash::hash(row, QCryptographicHash::Sha256).toHex().left(12));
    return true;
}

bool ChangeLog::prune(QSqlDatabase &db, qint64 keepFrom, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM change_log WHERE seq < ?"));
    query.addBindValue(keepFrom);
    if (!run(query, error))
        return false;
    query.prepare(QStringLiteral("UPDATE sync_state SET min_seq = ? WHERE id = 1 AND min_seq < ?"));
    query.addBindValue(keepFrom - 1);
    query.addBindValue(keepFrom - 1);
    return run(query, error);
}

} // namespace branchline::server
