// SPDX-License-Identifier: GPL-3.0-or-later
#include "Outbox.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

namespace branchline {

Outbox::Outbox(const QSqlDatabase &db)
    : m_db(db)
{
}

bool Outbox::append(const QString &table, const QString &recordId, const QString &op,
                    const QJsonObject &fields, const QJsonObject &base, qint64 baseVersion,
                    StoreError *error, const QJsonObject &prior)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
            "INSERT INTO outbox (table_name, record_id, op, fields, base, base_version, "
            "created_at, prior) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(table);
    query.addBindValue(recordId);
    query.addBindValue(op);
    query.addBindValue(QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)));
    query.addBindValue(QString::fromUtf8(QJsonDocument(base).toJson(QJsonDocument::Compact)));
    query.addBindValue(baseVersion);
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    query.addBindValue(QString::fromUtf8(QJsonDocument(prior).toJson(QJsonDocument::Compact)));
    if (query.exec())
        return true;
    *error = StoreError::fromSql(query.lastError());
    return false;
}

bool Outbox::hasPending(const QString &table, const QString &recordId, StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM outbox "
                                 "WHERE table_name = ? AND record_id = ?)"));
    query.addBindValue(table);
    query.addBindValue(recordId);
    if (!query.exec() || !query.next()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return false;
    }
    return query.value(0).toBool();
}

bool Outbox::fieldVersions(const QString &table, const QString &recordId,
                           QHash<QString, qint64> *versions, StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
            "SELECT field, version FROM field_versions WHERE table_name = ? AND record_id = ?"));
    query.addBindValue(table);
    query.addBindValue(recordId);
    if (!query.exec()) {
        *error = StoreError::fromSql(query.lastError());
        return false;
    }
    while (query.next())
        versions->insert(query.value(0).toString(), query.value(1).toLongLong());
    return true;
}

QJsonValue Outbox::jsonValue(const QVariant &value)
{
    if (value.isNull())
        return QJsonValue(QJsonValue::Null);
    switch (value.typeId()) {
    case QMetaType::Bool:
        return QJsonValue(qint64(value.toBool() ? 1 : 0));
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return QJsonValue(value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float: {
        // Whole numbers travel as integers so that 5 and 5.0 compare equal.
        const double number = value.toDouble();
        if (std::isfinite(number) && std::abs(number) < 9007199254740992.0
            && number == std::trunc(number))
            return QJsonValue(qint64(number));
        return QJsonValue(number);
    }
    case QMetaType::QDateTime:
        // As the driver binds it.
        return value.toDateTime().toUTC().toString(Qt::ISODateWithMs);
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    default:
        return QJsonValue(value.toString());
    }
}

bool Outbox::sameValue(const QVariant &stored, const QVariant &wanted)
{
    const QJsonValue a = jsonValue(stored);
    const QJsonValue b = jsonValue(wanted);
    if (a.type() != b.type())
        return false;
    if (a.isDouble()) {
        const qint64 intA = a.toInteger(-1), intB = b.toInteger(-1);
        if (double(intA) == a.toDouble() && double(intB) == b.toDouble())
            return intA == intB;
        return a.toDouble() == b.toDouble();
    }
    return a == b;
}

} // namespace branchline
