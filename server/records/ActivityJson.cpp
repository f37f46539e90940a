// SPDX-License-Identifier: GPL-3.0-or-later
#include "ActivityJson.h"

#include "PiiRow.h"
#include "core/SqlValues.h"

#include <QSqlError>

namespace branchline::server {

QStringList ActivityJson::filterColumns()
{
    return { QStringLiteral("related_id"), QStringLiteral("kind") };
}

QString ActivityJson::notFound(const QString &id)
{
    return tr("There is no activity %1 that you may see.").arg(id);
}

std::optional<QString> ActivityJson::deleteRefusal(Role)
{
    return updateRefusal();
}

std::optional<QString> ActivityJson::updateRefusal()
{
    return tr("The timeline is append-only: an activity is never changed or deleted. Add a "
              "new one to correct it.");
}

QString ActivityJson::scopeCondition(const DataScope &scope, QVariantList *values)
{
    // The record each activity is about decides who sees it. Correlated EXISTS, not
    // "related_id IN (…)": with an IN list SQLite reads every activity through
    // activities_by_related and sorts them, for every page of a snapshot ordered by id
    // (a million-row snapshot took quadratic time); this way it walks the id index and
    // checks each row's record.
    const QString customers = scope.condition(QStringLiteral("c"), values);
    const QString leads = scope.condition(QStringLiteral("l"), values);
    const QString contacts = scope.condition(QStringLiteral("c"), values);
    return QStringLiteral(
                   "((activities.related_table = 'customers' AND EXISTS (SELECT 1 FROM customers c "
                   "WHERE c.id = activities.related_id AND c.deleted = 0 AND %1)) "
                   "OR (activities.related_table = 'leads' AND EXISTS (SELECT 1 FROM leads l "
                   "WHERE l.id = activities.related_id AND l.deleted = 0 AND %2)) "
                   "OR (activities.related_table = 'contacts' AND EXISTS (SELECT 1 FROM contacts "
                   "ct JOIN customers c ON c.id = ct.customer_id WHERE ct.id = "
                   "activities.related_id AND ct.deleted = 0 AND %3)))")
            .arg(customers, leads, contacts);
}

bool ActivityJson::scopeKeys(QSqlDatabase &db, const Activity &activity, ScopeKeys *keys,
                             QString *error)
{
    QString sql;
    if (activity.relatedTable == QLatin1String("customers"))
        sql = QStringLiteral("SELECT owner_id, branch_id FROM customers WHERE id = ? AND "
                             "deleted = 0");
    else if (activity.relatedTable == QLatin1String("leads"))
        sql = QStringLiteral("SELECT owner_id, branch_id FROM leads WHERE id = ? AND deleted = 0");
    else if (activity.relatedTable == QLatin1String("contacts"))
        sql = QStringLiteral("SELECT c.owner_id, c.branch_id FROM contacts ct JOIN customers c "
                             "ON c.id = ct.customer_id WHERE ct.id = ? AND ct.deleted = 0");
    *keys = ScopeKeys{};
    if (sql.isEmpty())
        return true;
    QSqlQuery query(db);
    query.prepare(sql);
    query.addBindValue(activity.relatedId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    if (query.next())
        *keys = ScopeKeys{ query.value(0).toString(), query.value(1).toString(), false };
    return true;
}

bool ActivityJson::inScope(QSqlDatabase &db, const DataScope &scope, const Activity &activity,
                           bool *inside, QString *error)
{
    ScopeKeys keys;
    if (!scopeKeys(db, activity, &keys, error))
        return false;
    *inside = scope.contains(keys);
    return true;
}

void ActivityJson::applyDefaults(Activity &activity, const Caller &caller)
{
    activity.authorId = caller.userId; // whoever writes it is its author, always
}

std::optional<QString> ActivityJson::checkWrite(const Caller &caller, const Activity *,
                                                Activity &activity, QStringList *set)
{
    if (!set->contains(QStringLiteral("author_id")))
        return std::nullopt;
    if (!activity.authorId.isEmpty() && activity.authorId != caller.userId)
        return tr("An activity is written in its author's name only: author_id must be your "
                  "own user id, or left out.");
    set->removeAll(QStringLiteral("author_id"));
    return std::nullopt;
}

QStringList ActivityJson::fields()
{
    return { QStringLiteral("kind"),
             QStringLiteral("related_table"),
             QStringLiteral("related_id"),
             QStringLiteral("author_id"),
             QStringLiteral("occurred_at"),
             QStringLiteral("subject"),
             QStringLiteral("body"),
             QStringLiteral("attachment_name"),
             QStringLiteral("attachment_size"),
             QStringLiteral("attachment_sha256") };
}

QJsonObject ActivityJson::toJson(const Activity &a)
{
    return {
        { QStringLiteral("id"), a.meta.id },
        { QStringLiteral("version"), a.meta.version },
        { QStringLiteral("kind"), RecordEnums::code(a.kind) },
        { QStringLiteral("related_table"), a.relatedTable },
        { QStringLiteral("related_id"), a.relatedId },
        { QStringLiteral("author_id"), a.authorId },
        { QStringLiteral("occurred_at"), a.occurredAt.toUTC().toString(Qt::ISODateWithMs) },
        { QStringLiteral("subject"), a.subject },
        { QStringLiteral("body"), a.body },
        { QStringLiteral("attachment_name"), a.attachmentName },
        { QStringLiteral("attachment_size"), a.attachmentSize },
        { QStringLiteral("attachment_sha256"), a.attachmentSha256 },
        { QStringLiteral("created_at"), a.meta.createdAt.toString(Qt::ISODateWithMs) },
    };
}

bool ActivityJson::apply(const QJsonObject &object, Activity *a, QStringList *set, QString *problem)
{
    const QStringList known = fields();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        if (key == QLatin1String("id") || key == QLatin1String("version"))
            continue;
        if (!known.contains(key)) {
            *problem = tr("\"%1\" is not a field of an activity that can be set.").arg(key);
            return false;
        }
        if (key == QLatin1String("attachment_size")) {
            const double size = it.value().toDouble(-1);
            if (!it.value().isDouble() || size < 0 || size != double(qint64(size))) {
                *problem = tr("The field \"%1\" has a value of the wrong type.").arg(key);
                return false;
            }
            a->attachmentSize = qint64(size);
            set->append(key);
            continue;
        }
        if (!it.value().isString()) {
            *problem = tr("The field \"%1\" has a value of the wrong type.").arg(key);
            return false;
        }
        const QString text = it.value().toString();
        bool validValue = true;
        if (key == QLatin1String("kind")) {
            const auto kind = RecordEnums::parse<ActivityKind>(text);
            validValue = kind.has_value();
            a->kind = kind.value_or(a->kind);
        } else if (key == QLatin1String("related_table")) {
            a->relatedTable = text;
            validValue = text == QLatin1String("customers") || text == QLatin1String("contacts")
                    || text == QLatin1String("leads");
        } else if (key == QLatin1String("related_id")) {
            a->relatedId = text;
        } else if (key == QLatin1String("author_id")) {
            a->authorId = text;
        } else if (key == QLatin1String("occurred_at")) {
            a->occurredAt = QDateTime::fromString(text, Qt::ISODateWithMs);
            validValue = a->occurredAt.isValid();
        } else if (key == QLatin1String("subject")) {
            a->subject = text;
        } else if (key == QLatin1String("body")) {
            a->body = text;
        } else if (key == QLatin1String("attachment_name")) {
            a->attachmentName = text;
        } else if (key == QLatin1String("attachment_sha256")) {
            a->attachmentSha256 = text;
        }
        if (!validValue) {
            *problem = tr("\"%1\" is not a valid value for \"%2\".").arg(text, key);
            return false;
        }
        set->append(key);
    }
    return true;
}

QString ActivityJson::selectColumns()
{
    return QStringLiteral("id, version, deleted, created_at, updated_at, ")
            + fields().join(QStringLiteral(", "));
}

Activity ActivityJson::read(const QSqlQuery &query)
{
    const PiiRow q(query, PiiTable::of<ActivityJson>());
    Activity a;
    a.meta.id = q.value(0).toString();
    a.meta.version = q.value(1).toLongLong();
    a.meta.deleted = q.value(2).toInt() != 0;
    a.meta.createdAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    a.meta.updatedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    a.kind = RecordEnums::parse<ActivityKind>(q.value(5).toString()).value_or(ActivityKind::Note);
    a.relatedTable = q.value(6).toString();
    a.relatedId = q.value(7).toString();
    a.authorId = q.value(8).toString();
    a.occurredAt = QDateTime::fromString(q.value(9).toString(), Qt::ISODateWithMs);
    a.subject = q.value(10).toString();
    a.body = q.value(11).toString();
    a.attachmentName = q.value(12).toString();
    a.attachmentSize = q.value(13).toLongLong();
    a.attachmentSha256 = q.value(14).toString();
    return a;
}

void ActivityJson::bindAll(QSqlQuery &query, const Activity &a)
{
    query.addBindValue(RecordEnums::code(a.kind));
    query.addBindValue(textValue(a.relatedTable));
    query.addBindValue(textValue(a.relatedId));
    query.addBindValue(nullableText(a.authorId));
    query.addBindValue(a.occurredAt.toUTC().toString(Qt::ISODateWithMs));
    query.addBindValue(textValue(a.subject));
    query.addBindValue(textValue(a.body));
    query.addBindValue(nullableText(a.attachmentName));
    query.addBindValue(a.attachmentName.isEmpty() ? QVariant(QMetaType::fromType<qlonglong>())
                                                  : QVariant(a.attachmentSize));
    query.addBindValue(nullableText(a.attachmentSha256));
}

} // namespace branchline::server
