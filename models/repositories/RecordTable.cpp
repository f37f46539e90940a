// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordTable.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

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
    meta.localId = query.lastInsertId().toLongLong();
    return true;
}

bool RecordTable::update(SyncMeta &meta, const Columns &columns, StoreError *error)
{
    meta.updatedAt = QDateTime::currentDateTimeUtc();
    QStringList assignments{ QStringLiteral("updated_at = ?") };
    for (const auto &column : columns)
        assignments << column.first + QStringLiteral(" = ?");

    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ? AND deleted = 0")
                          .arg(m_table, assignments.join(QStringLiteral(", "))));
    query.addBindValue(timestamp(meta.updatedAt));
    for (const auto &column : columns)
        query.addBindValue(column.second);
    query.addBindValue(meta.id);
    if (!query.exec()) {
        *error = StoreError::fromSql(query.lastError());
        return false;
    }
    if (query.numRowsAffected() == 0) {
        *error = StoreError::make(
                StoreError::Kind::RecordNotFound,
                QStringLiteral("%1 %2 is missing or deleted").arg(m_table, meta.id));
        return false;
    }
    return true;
}

bool RecordTable::softDelete(const QString &id, StoreError *error)
{
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
    if (query.numRowsAffected() == 0) {
        *error = StoreError::make(StoreError::Kind::RecordNotFound,
                                  QStringLiteral("%1 %2 is missing or deleted").arg(m_table, id));
        return false;
    }
    return true;
}

} // namespace branchline
