// SPDX-License-Identifier: GPL-3.0-or-later
#include "SchemaRecordKind.h"

namespace branchline::server {

QString SchemaJson::unknownField(const QString &key, const QString &table)
{
    return tr("\"%1\" is not a field of the records in \"%2\" that can be set.").arg(key, table);
}

QString SchemaJson::wrongType(const QString &key)
{
    return tr("The field \"%1\" has a value of the wrong type.").arg(key);
}

QString SchemaJson::invalidValue(const QJsonValue &value, const QString &key)
{
    const QString text = value.isString() ? value.toString() : QString::number(value.toDouble());
    return tr("\"%1\" is not a valid value for \"%2\".").arg(text, key);
}

QString SchemaJson::selectColumns(const QStringList &fields)
{
    return QStringLiteral("id, version, deleted, created_at, updated_at, ")
            + fields.join(QStringLiteral(", "));
}

void SchemaJson::readMeta(const PiiRow &row, SyncMeta *meta)
{
    meta->id = row.value(0).toString();
    meta->version = row.value(1).toLongLong();
    meta->deleted = row.value(2).toInt() != 0;
    meta->createdAt = QDateTime::fromString(row.value(3).toString(), Qt::ISODateWithMs);
    meta->updatedAt = QDateTime::fromString(row.value(4).toString(), Qt::ISODateWithMs);
}

void SchemaJson::addMeta(QJsonObject *json, const SyncMeta &meta)
{
    auto iso = [](const QDateTime &time) {
        return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
    };
    json->insert(QStringLiteral("id"), meta.id);
    json->insert(QStringLiteral("version"), meta.version);
    json->insert(QStringLiteral("created_at"), iso(meta.createdAt));
    json->insert(QStringLiteral("updated_at"), iso(meta.updatedAt));
}

} // namespace branchline::server
