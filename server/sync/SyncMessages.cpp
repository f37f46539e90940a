// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncMessages.h"

#include "records/RecordSupport.h"

#include <QJsonArray>

namespace branchline::server {

QString SyncMessages::notFound()
{
    return tr("This record does not exist or is outside your data scope.");
}

QString SyncMessages::idTaken()
{
    return tr("A different record already has this id.");
}

QString SyncMessages::editOfDeleted()
{
    return tr("The record was deleted on the server while you were editing it.");
}

QString SyncMessages::deleteOfEdited()
{
    return tr("The record was changed on the server after the version you deleted.");
}

QString SyncMessages::staleSensitive(const QString &field)
{
    return tr("\"%1\" was changed on the server since your edit was made; a person has to "
              "decide which value stands.")
            .arg(field);
}

QString SyncMessages::overwritten(const QString &field)
{
    return tr("Your value of \"%1\" was replaced by a later edit.").arg(field);
}

QString SyncMessages::invalid(const FieldIssues &issues)
{
    QStringList parts;
    for (const FieldIssue &issue : issues)
        parts << issue.field + QStringLiteral(": ") + issue.message;
    return tr("The edit was refused: %1").arg(parts.join(QStringLiteral("; ")));
}

QString SyncMessages::outOfScopeMove()
{
    return tr("The edit would move the record outside your data scope.");
}

QString SyncMessages::readOnly()
{
    return tr("This kind of record cannot be changed from a client.");
}

QString SyncMessages::alreadyResolved()
{
    return tr("This conflict has already been resolved.");
}

QString SyncMessages::unknownResolution()
{
    return tr("A conflict is resolved with \"mine\", \"theirs\" or \"merged\".");
}

QJsonObject SyncRows::toRow(Role role, RecordType type, const QJsonObject &apiObject,
                            const QStringList &fields, const SyncMeta &meta)
{
    QJsonObject row = RecordSupport::present(role, type, apiObject, fields, {});
    for (const QString &field : fields) {
        const QJsonValue value = row.value(field);
        if (value.isArray()) {
            QStringList items;
            for (const QJsonValue &item : value.toArray())
                items << item.toString();
            row.insert(field, items.join(QLatin1Char(',')));
        }
    }
    row.remove(QStringLiteral("id"));
    row.insert(QStringLiteral("version"), double(meta.version));
    row.insert(QStringLiteral("deleted"), meta.deleted);
    row.insert(QStringLiteral("created_at"), meta.createdAt.toUTC().toString(Qt::ISODateWithMs));
    row.insert(QStringLiteral("updated_at"), meta.updatedAt.toUTC().toString(Qt::ISODateWithMs));
    return row;
}

QJsonObject SyncRows::toApi(const QJsonObject &columns, const QJsonObject &sample)
{
    QJsonObject api;
    for (auto it = columns.begin(); it != columns.end(); ++it) {
        const QJsonValue expected = sample.value(it.key());
        QJsonValue value = it.value();
        if (expected.isArray() && value.isString())
            value = QJsonArray::fromStringList(
                    value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts));
        else if (expected.isBool() && value.isDouble())
            value = value.toDouble() != 0;
        api.insert(it.key(), value);
    }
    return api;
}

} // namespace branchline::server
