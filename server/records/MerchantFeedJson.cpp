// SPDX-License-Identifier: GPL-3.0-or-later
#include "MerchantFeedJson.h"

#include "PiiRow.h"
#include "core/SqlValues.h"
#include "records/MerchantEnums.h"

namespace branchline::server {

namespace {

QString dayText(const QDate &day)
{
    return day.isValid() ? day.toString(Qt::ISODate) : QString();
}

QString fieldsOf(const QStringList &fields)
{
    return QStringLiteral("id, version, deleted, created_at, updated_at, ")
            + fields.join(QStringLiteral(", "));
}

template<typename Record>
void readMeta(const QSqlQuery &q, Record *record)
{
    record->meta.id = q.value(0).toString();
    record->meta.version = q.value(1).toLongLong();
    record->meta.deleted = q.value(2).toInt() != 0;
    record->meta.createdAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    record->meta.updatedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
}

QJsonObject metaJson(const SyncMeta &meta)
{
    return { { QStringLiteral("id"), meta.id },
             { QStringLiteral("version"), meta.version },
             { QStringLiteral("created_at"), meta.createdAt.toString(Qt::ISODateWithMs) },
             { QStringLiteral("updated_at"), meta.updatedAt.toString(Qt::ISODateWithMs) } };
}

// A whole, non-negative number from JSON.
bool wholeNumber(const QJsonValue &value, qint64 *out)
{
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number > 9.0e15 || number != double(qint64(number)))
        return false;
    *out = qint64(number);
    return true;
}

} // namespace

QString TerminalJson::readOnlyReason()
{
    return tr("Terminals come from the acquiring system; they are not changed here.");
}

QStringList TerminalJson::fields()
{
    return { QStringLiteral("customer_id"),    QStringLiteral("serial"),
             QStringLiteral("model"),          QStringLiteral("kind"),
             QStringLiteral("status"),         QStringLiteral("installed_at"),
             QStringLiteral("last_active_day") };
}

QJsonObject TerminalJson::toJson(const Terminal &t)
{
    QJsonObject json = metaJson(t.meta);
    json.insert(QStringLiteral("customer_id"), t.customerId);
    json.insert(QStringLiteral("serial"), t.serial);
    json.insert(QStringLiteral("model"), t.model);
    json.insert(QStringLiteral("kind"), MerchantEnums::code(t.kind));
    json.insert(QStringLiteral("status"), MerchantEnums::code(t.status));
    json.insert(QStringLiteral("installed_at"), dayText(t.installedAt));
    json.insert(QStringLiteral("last_active_day"), dayText(t.lastActiveDay));
    return json;
}

bool TerminalJson::apply(const QJsonObject &object, Terminal *t, QStringList *set, QString *problem)
{
    const QStringList known = fields();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        if (key == QLatin1String("id") || key == QLatin1String("version"))
            continue;
        if (!known.contains(key) || !it.value().isString()) {
            *problem =
                    tr("\"%1\" is not a field of a terminal, or its value is not text.").arg(key);
            return false;
        }
        const QString text = it.value().toString();
        bool valid = true;
        if (key == QLatin1String("customer_id")) {
            t->customerId = text;
        } else if (key == QLatin1String("serial")) {
            t->serial = text;
        } else if (key == QLatin1String("model")) {
            t->model = text;
        } else if (key == QLatin1String("kind")) {
            const auto kind = MerchantEnums::parse<TerminalKind>(text);
            valid = kind.has_value();
            t->kind = kind.value_or(t->kind);
        } else if (key == QLatin1String("status")) {
            const auto status = MerchantEnums::parse<TerminalStatus>(text);
            valid = status.has_value();
            t->status = status.value_or(t->status);
        } else {
            const QDate day = QDate::fromString(text, Qt::ISODate);
            valid = text.isEmpty() || day.isValid();
            (key == QLatin1String("installed_at") ? t->installedAt : t->lastActiveDay) = day;
        }
        if (!valid) {
            *problem = tr("\"%1\" is not a valid value for \"%2\".").arg(text, key);
            return false;
        }
        set->append(key);
    }
    return true;
}

QString TerminalJson::selectColumns()
{
    return fieldsOf(fields());
}

Terminal TerminalJson::read(const QSqlQuery &query)
{
    const PiiRow q(query, PiiTable::of<TerminalJson>());
    Terminal t;
    readMeta(query, &t);
    t.customerId = q.value(5).toString();
    t.serial = q.value(6).toString();
    t.model = q.value(7).toString();
    t.kind = MerchantEnums::parse<TerminalKind>(q.value(8).toString()).value_or(TerminalKind::Pos);
    t.status = MerchantEnums::parse<TerminalStatus>(q.value(9).toString())
                       .value_or(TerminalStatus::Inactive);
    t.installedAt = QDate::fromString(q.value(10).toString(), Qt::ISODate);
    t.lastActiveDay = QDate::fromString(q.value(11).toString(), Qt::ISODate);
    return t;
}

void TerminalJson::bindAll(QSqlQuery &query, const Terminal &t)
{
    query.addBindValue(textValue(t.customerId));
    query.addBindValue(textValue(t.serial));
    query.addBindValue(textValue(t.model));
    query.addBindValue(MerchantEnums::code(t.kind));
    query.addBindValue(MerchantEnums::code(t.status));
    query.addBindValue(nullableText(dayText(t.installedAt)));
    query.addBindValue(nullableText(dayText(t.lastActiveDay)));
}

QString MerchantVolumeJson::readOnlyReason()
{
    return tr("Monthly volumes are summed from the transaction system's figures; they are not "
              "changed here.");
}

QStringList MerchantVolumeJson::fields()
{
    return { QStringLiteral("customer_id"), QStringLiteral("month"),
             QStringLiteral("volume_fen"),  QStringLiteral("tx_count"),
             QStringLiteral("refund_fen"),  QStringLiteral("chargeback_count") };
}

QJsonObject MerchantVolumeJson::toJson(const MerchantVolume &v)
{
    QJsonObject json = metaJson(v.meta);
    json.insert(QStringLiteral("customer_id"), v.customerId);
    json.insert(QStringLiteral("month"), v.month);
    json.insert(QStringLiteral("volume_fen"), v.volumeFen);
    json.insert(QStringLiteral("tx_count"), v.txCount);
    json.insert(QStringLiteral("refund_fen"), v.refundFen);
    json.insert(QStringLiteral("chargeback_count"), v.chargebackCount);
    return json;
}

bool MerchantVolumeJson::apply(const QJsonObject &object, MerchantVolume *v, QStringList *set,
                               QString *problem)
{
    const QStringList known = fields();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        if (key == QLatin1String("id") || key == QLatin1String("version"))
            continue;
        bool valid = known.contains(key);
        if (key == QLatin1String("customer_id") || key == QLatin1String("month")) {
            valid = it.value().isString();
            (key == QLatin1String("month") ? v->month : v->customerId) = it.value().toString();
        } else if (valid) {
            qint64 *target = key == QLatin1String("volume_fen") ? &v->volumeFen
                    : key == QLatin1String("tx_count")          ? &v->txCount
                    : key == QLatin1String("refund_fen")        ? &v->refundFen
                                                                : &v->chargebackCount;
            valid = wholeNumber(it.value(), target);
        }
        if (!valid) {
            *problem = tr("\"%1\" is not a field of a monthly volume, or its value is of the "
                          "wrong type.")
                               .arg(key);
            return false;
        }
        set->append(key);
    }
    return true;
}

QString MerchantVolumeJson::selectColumns()
{
    return fieldsOf(fields());
}

MerchantVolume MerchantVolumeJson::read(const QSqlQuery &query)
{
    const PiiRow q(query, PiiTable::of<MerchantVolumeJson>());
    MerchantVolume v;
    readMeta(query, &v);
    v.customerId = q.value(5).toString();
    v.month = q.value(6).toString();
    v.volumeFen = q.value(7).toLongLong();
    v.txCount = q.value(8).toLongLong();
    v.refundFen = q.value(9).toLongLong();
    v.chargebackCount = q.value(10).toLongLong();
    return v;
}

void MerchantVolumeJson::bindAll(QSqlQuery &query, const MerchantVolume &v)
{
    query.addBindValue(textValue(v.customerId));
    query.addBindValue(textValue(v.month));
    query.addBindValue(v.volumeFen);
    query.addBindValue(v.txCount);
    query.addBindValue(v.refundFen);
    query.addBindValue(v.chargebackCount);
}

} // namespace branchline::server
