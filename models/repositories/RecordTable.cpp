// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordTable.h"

#include "Outbox.h"
#include "store/LocalTransaction.h"

#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

#include <algorithm>

namespace branchline {

RecordTable::RecordTable(const QSqlDatabase &db, QString table)
    : m_db(db)
    , m_table(std::move(table))
{
}

QString RecordTable::nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QVariant RecordTable::timestamp(const QDateTime &value)
{
    if (!value.isValid())
        return QVariant(QMetaType::fromType<QString>());
    return value.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime RecordTable::parseTimestamp(const QVariant &value)
{
    if (value.isNull())
        return QDateTime();
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QVariant RecordTable::nullIfEmpty(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

QString RecordTable::metaColumns(const QString &alias)
{
    const QString prefix = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    return QStringList{
        prefix + QStringLiteral("local_id"),   prefix + QStringLiteral("id"),
        prefix + QStringLiteral("version"),    prefix + QStringLiteral("deleted"),
        prefix + QStringLiteral("created_at"), prefix + QStringLiteral("updated_at")
    }
            .join(QStringLiteral(", "));
}

void RecordTable::readMeta(const QSqlQuery &query, int first, SyncMeta *meta)
{
    meta->localId = query.value(first).toLongLong();
    meta->id = query.value(first + 1).toString();
    meta->version = query.value(first + 2).toLongLong();
    meta->deleted = query.value(first + 3).toBool();
    meta->createdAt = parseTimestamp(query.value(first + 4));
    meta->updatedAt = parseTimestamp(query.value(first + 5));
}

bool RecordTable::insert(SyncMeta &meta, const Columns &columns, StoreError *error)
{
    if (meta.id.isEmpty())
        meta.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!meta.createdAt.isValid())
        meta.createdAt = now;
    meta.updatedAt = now;

    QStringList names{ QStringLiteral("id"), QStringLiteral("version"), QStringLiteral("deleted"),
                       QStringLiteral("created_at"), QStringLiteral("updated_at") };
    for (const auto &column : columns)
        names << column.first;
    QStringList marks;
    for (int i = 0; i < names.size(); ++i)
        marks << QStringLiteral("?");

    // The row and its outbox entry are one write (rule 3): an edit is never saved without
    // being queued for the server, nor queued without being saved.
    LocalTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                          .arg(m_table, names.join(QStringLiteral(", ")),
                               marks.join(QStringLiteral(", "))));
    query.addBindValue(meta.id);
    query.addBindValue(meta.version);
    query.addBindValue(meta.deleted);
    query.addBindValue(timestamp(meta.createdAt));
    query.addBindValue(timestamp(meta.updatedAt));
    for (const auto &column : columns)
        query.addBindValue(column.second);
    if (!query.exec()) {
        *error = StoreError::fromSql(query.lastError());
        return false;
    }
    const qint64 localId = query.lastInsertId().toLongLong();

    QJsonObject fields;
    for (const auto &column : columns)
        if (!column.second.isNull())
            fields.insert(column.first, Outbox::jsonValue(column.second));
    if (!Outbox(m_db).append(m_table, meta.id, QStringLiteral("insert"), fields, {}, 0, error)
        || !transaction.commit(error))
        return false;
    meta.localId = localId;
    return true;
}

bool RecordTable::readLive(const QString &id, const Columns &columns, qint64 *version,
                           QVariantList *values, StoreError *error) const
{
    QStringList names{ QStringLiteral("version") };
    for (const auto &column : columns)
        names << column.first;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = ? AND deleted = 0")
                          .arg(names.join(QStringLiteral(", ")), m_table));
    query.addBindValue(id);
    if (!query.exec()) {
        *error = StoreError::fromSql(query.lastError());
        return false;
    }
    if (!query.next()) {
        *error = query.lastError().isValid()
                ? StoreError::fromSql(query.lastError())
                : StoreError::make(StoreError::Kind::RecordNotFound,
                                   QStringLiteral("%1 %2 is missing or deleted").arg(m_table, id));
        return false;
    }
    *version = query.value(0).toLongLong();
    for (int i = 0; i < columns.size(); ++i)
        values->append(query.value(i + 1));
    return true;
}

bool RecordTable::update(SyncMeta &meta, const Columns &columns, StoreError *error)
{
    LocalTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;
    qint64 version = 0;
    QVariantList stored;
    if (!readLive(meta.id, columns, &version, &stored, error))
        return false;

    // Only what really changes is written and sent: the server merges per field (rule 6),
    // so an unchanged field sent along would overwrite someone else's newer edit.
    Columns changed;
    for (int i = 0; i < columns.size(); ++i)
        if (!Outbox::sameValue(stored.at(i), columns.at(i).second))
            changed << columns.at(i);
    if (changed.isEmpty())
        return transaction.commit(error);

    QHash<QString, qint64> versions;
    Outbox outbox(m_db);
    if (!outbox.fieldVersions(m_table, meta.id, &versions, error))
        return false;

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList assignments{ QStringLiteral("updated_at = ?") };
    QJsonObject fields;
    QJsonObject base;
    QJsonObject prior;
    for (int i = 0; i < columns.size(); ++i) {
        const auto &column = columns.at(i);
        if (Outbox::sameValue(stored.at(i), column.second))
            continue;
        assignments << column.first + QStringLiteral(" = ?");
        fields.insert(column.first, Outbox::jsonValue(column.second));
        base.insert(column.first, versions.value(column.first, 0));
        prior.insert(column.first, Outbox::jsonValue(stored.at(i)));
    }

    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ? AND deleted = 0")
                          .arg(m_table, assignments.join(QStringLiteral(", "))));
    query.addBindValue(timestamp(now));
    for (const auto &column : std::as_const(changed))
        query.addBindValue(column.second);
    query.addBindValue(meta.id);
    if (!query.exec()) {
        *error = StoreError::fromSql(query.lastError());
        return false;
    }
    if (!outbox.append(m_table, meta.id, QStringLiteral("update"), fields, base, version, error,
                       prior)
        || !transaction.commit(error))
        return false;
    meta.updatedAt = now;
    return true;
}

bool RecordTable::softDelete(const QString &id, StoreError *error)
{
    LocalTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;
    qint64 version = 0;
    QVariantList none;
    if (!readLive(id, {}, &version, &none, error))
        return false;

    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE %1 SET deleted = 1, updated_at = ? "
                                 "WHERE id = ? AND deleted = 0")
                          .arg(m_table));
    query.addBindValue(nowText());
    query.addBindValue(id);
    if (!query.exec()) {
        *error = StoreError::fromSql(query.lastError());
        return false;
    }
    return Outbox(m_db).append(m_table, id, QStringLiteral("delete"), {}, {}, version, error)
            && transaction.commit(error);
}

bool RecordTable::dropUnchanged(const QString &id, const Columns &columns, FieldIssues *issues,
                                StoreError *error) const
{
    qint64 version = 0;
    QVariantList stored;
    if (!readLive(id, columns, &version, &stored, error))
        return error->kind == StoreError::Kind::RecordNotFound; // the update reports it
    QSet<QString> unchanged;
    for (int i = 0; i < columns.size() && i < stored.size(); ++i)
        if (columns[i].second.toString() == stored[i].toString()
            && columns[i].second.isNull() == stored[i].isNull())
            unchanged.insert(columns[i].first);
    issues->erase(std::remove_if(
                          issues->begin(), issues->end(),
                          [&](const FieldIssue &issue) { return unchanged.contains(issue.field); }),
                  issues->end());
    return true;
}

} // namespace branchline
