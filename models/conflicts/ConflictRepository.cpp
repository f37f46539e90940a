// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConflictRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

// The record's name from its own table; a journal row outlives its record, so it may be
// missing.
const char *const kRecordLabel =
        "CASE c.table_name "
        "WHEN 'customers' THEN (SELECT legal_name FROM customers r WHERE r.id = c.record_id) "
        "WHEN 'contacts' THEN (SELECT name FROM contacts r WHERE r.id = c.record_id) "
        "WHEN 'leads' THEN (SELECT name FROM leads r WHERE r.id = c.record_id) "
        "WHEN 'tasks' THEN (SELECT title FROM tasks r WHERE r.id = c.record_id) "
        "WHEN 'activities' THEN (SELECT subject FROM activities r WHERE r.id = c.record_id) "
        "END";

// Journal values are JSON text of any JSON value, a bare string or number included.
QJsonValue parseValue(const QVariant &stored)
{
    if (stored.isNull())
        return QJsonValue(QJsonValue::Undefined);
    const QByteArray text = "[" + stored.toString().toUtf8() + "]";
    const QJsonDocument document = QJsonDocument::fromJson(text);
    if (!document.isArray() || document.array().size() != 1)
        return QJsonValue(stored.toString());
    return document.array().at(0);
}

QDateTime parseTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time.toUTC();
}

} // namespace

ConflictRepository::ConflictRepository(const QSqlDatabase &db)
    : m_db(db)
{
}

ConflictEntry::Kind ConflictRepository::kindOf(const QString &code)
{
    if (code == QLatin1String("sensitive"))
        return ConflictEntry::Kind::Sensitive;
    if (code == QLatin1String("edit_delete"))
        return ConflictEntry::Kind::EditDelete;
    if (code == QLatin1String("rejected"))
        return ConflictEntry::Kind::Rejected;
    if (code == QLatin1String("scope_removed"))
        return ConflictEntry::Kind::ScopeRemoved;
    return ConflictEntry::Kind::Overwritten;
}

QList<ConflictEntry> ConflictRepository::list(bool includeResolved, int limit,
                                              StoreError *error) const
{
    return select(includeResolved ? QStringLiteral("c.deleted = 0")
                                  : QStringLiteral("c.deleted = 0 AND c.resolution IS NULL"),
                  {}, QStringLiteral("c.created_at DESC, c.local_id DESC"), limit, error);
}

QList<ConflictEntry> ConflictRepository::lostRaces(const QString &userId, qint64 afterLocalId,
                                                   StoreError *error) const
{
    return select(QStringLiteral("c.deleted = 0 AND c.resolution IS NULL AND c.kind = "
                                 "'overwritten' AND c.user_id = ? AND c.local_id > ?"),
                  { userId, afterLocalId }, QStringLiteral("c.local_id"), 100, error);
}

bool ConflictRepository::find(const QString &id, ConflictEntry *entry, StoreError *error) const
{
    StoreError failure;
    const QList<ConflictEntry> found =
            select(QStringLiteral("c.id = ? AND c.deleted = 0"), { id }, QStringLiteral("c.id"),
                   1, &failure);
    if (failure.isError()) {
        *error = failure;
        return false;
    }
    if (found.isEmpty()) {
        *error = StoreError::make(StoreError::Kind::RecordNotFound,
                                  QStringLiteral("conflict %1").arg(id));
        return false;
    }
    *entry = found.first();
    return true;
}

bool ConflictRepository::findBase(ConflictEntry *entry, StoreError *error) const
{
    entry->base = QJsonValue(QJsonValue::Undefined);
    if (entry->field.isEmpty())
        return true;
    // The journal names the mutation that caused the entry, which for a lost race is the
    // other side's. This device's own edit of the field is found by the value it wrote
    // (mine, or theirs when this device won); the value it replaced is the base.
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
            "SELECT mutation, fields, prior FROM outbox WHERE table_name = ? AND record_id = ? "
            "UNION ALL SELECT mutation, fields, prior FROM outbox_sent "
            "WHERE table_name = ? AND record_id = ? ORDER BY 1 DESC"));
    for (int i = 0; i < 2; ++i) {
        query.addBindValue(entry->table);
        query.addBindValue(entry->recordId);
    }
    if (!query.exec()) {
        *error = StoreError::fromSql(query.lastError());
        return false;
    }
    QList<QPair<QJsonObject, QJsonObject>> edits; // newest first: (fields, prior)
    while (query.next()) {
        edits.append({ QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object(),
                       QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object() });
    }
    for (const QJsonValue &written : { entry->mine, entry->theirs }) {
        for (const auto &edit : std::as_const(edits)) {
            if (edit.first.value(entry->field) == written && edit.second.contains(entry->field)) {
                entry->base = edit.second.value(entry->field);
                return true;
            }
        }
    }
    return true;
}

QList<ConflictEntry> ConflictRepository::select(const QString &condition,
                                                const QVariantList &values, const QString &order,
                                                int limit, StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
            "SELECT c.local_id, c.id, c.table_name, c.record_id, c.field, c.kind, "
            "c.server_value, c.client_value, c.user_id, c.message, c.resolution, c.origin, "
            "c.created_at, %1, "
            "(SELECT u.display_name FROM users u WHERE u.id = c.other_user_id), "
            "c.other_user_id, "
            "EXISTS (SELECT 1 FROM outbox o WHERE o.table_name = 'sync_conflicts' "
            "AND o.record_id = c.id), c.code "
            "FROM sync_conflicts c WHERE %2 ORDER BY %3 LIMIT ?")
                          .arg(QLatin1String(kRecordLabel), condition, order));
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.addBindValue(limit);
    QList<ConflictEntry> entries;
    if (!query.exec()) {
        *error = StoreError::fromSql(query.lastError());
        return entries;
    }
    while (query.next()) {
        ConflictEntry entry;
        entry.localId = query.value(0).toLongLong();
        entry.id = query.value(1).toString();
        entry.table = query.value(2).toString();
        entry.recordId = query.value(3).toString();
        entry.field = query.value(4).toString();
        entry.kind = kindOf(query.value(5).toString());
        entry.theirs = parseValue(query.value(6));
        entry.mine = parseValue(query.value(7));
        entry.authorId = query.value(8).toString();
        entry.message = query.value(9).toString();
        entry.resolution = query.value(10).toString();
        entry.local = query.value(11).toString() == QLatin1String("local");
        entry.createdAt = parseTime(query.value(12).toString());
        entry.recordLabel = query.value(13).toString();
        entry.otherUserName = query.value(14).toString();
        entry.otherUserId = query.value(15).toString();
        entry.awaitingServer = query.value(16).toBool();
        entry.code = query.value(17).toString();
        entries << entry;
    }
    if (query.lastError().isValid())
        *error = StoreError::fromSql(query.lastError());
    return entries;
}

} // namespace branchline
