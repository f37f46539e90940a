// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskJson.h"

#include "PiiRow.h"
#include "core/SqlValues.h"

namespace branchline::server {

namespace {

QString iso(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QVariant isoOrNull(const QDateTime &time)
{
    return nullableText(iso(time));
}

} // namespace

QStringList TaskJson::filterColumns()
{
    return { QStringLiteral("status"), QStringLiteral("priority") };
}

QString TaskJson::notFound(const QString &id)
{
    return tr("There is no task %1 that you may see.").arg(id);
}

std::optional<QString> TaskJson::deleteRefusal(Role role)
{
    if (role == Role::RiskOfficer || role == Role::Admin)
        return tr("Tasks are deleted by the people who work them.");
    return std::nullopt;
}

QStringList TaskJson::fields()
{
    return { QStringLiteral("title"),         QStringLiteral("due_at"),
             QStringLiteral("owner_id"),      QStringLiteral("branch_id"),
             QStringLiteral("related_table"), QStringLiteral("related_id"),
             QStringLiteral("priority"),      QStringLiteral("status"),
             QStringLiteral("reminder_at"),   QStringLiteral("completed_at"),
             QStringLiteral("notes") };
}

QJsonObject TaskJson::toJson(const ServerTask &t)
{
    return {
        { QStringLiteral("id"), t.meta.id },
        { QStringLiteral("version"), t.meta.version },
        { QStringLiteral("title"), t.title },
        { QStringLiteral("due_at"), iso(t.dueAt) },
        { QStringLiteral("owner_id"), t.ownerId },
        { QStringLiteral("branch_id"), t.branchId },
        { QStringLiteral("related_table"), t.relatedTable },
        { QStringLiteral("related_id"), t.relatedId },
        { QStringLiteral("priority"), RecordEnums::code(t.priority) },
        { QStringLiteral("status"), RecordEnums::code(t.status) },
        { QStringLiteral("reminder_at"), iso(t.reminderAt) },
        { QStringLiteral("completed_at"), iso(t.completedAt) },
        { QStringLiteral("notes"), t.notes },
        { QStringLiteral("created_at"), iso(t.meta.createdAt) },
        { QStringLiteral("updated_at"), iso(t.meta.updatedAt) },
    };
}

bool TaskJson::apply(const QJsonObject &object, ServerTask *t, QStringList *set, QString *problem)
{
    const QStringList known = fields();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        if (key == QLatin1String("id") || key == QLatin1String("version"))
            continue;
        if (!known.contains(key)) {
            *problem = tr("\"%1\" is not a field of a task.").arg(key);
            return false;
        }
        if (!it.value().isString()) {
            *problem = tr("The field \"%1\" has a value of the wrong type.").arg(key);
            return false;
        }
        const QString text = it.value().toString();
        bool validValue = true;
        auto time = [&](QDateTime *target) {
            *target = text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
            validValue = text.isEmpty() || target->isValid();
        };
        if (key == QLatin1String("title")) {
            t->title = text;
        } else if (key == QLatin1String("due_at")) {
            time(&t->dueAt);
        } else if (key == QLatin1String("reminder_at")) {
            time(&t->reminderAt);
        } else if (key == QLatin1String("completed_at")) {
            time(&t->completedAt);
        } else if (key == QLatin1String("owner_id")) {
            t->ownerId = text;
        } else if (key == QLatin1String("branch_id")) {
            t->branchId = text;
        } else if (key == QLatin1String("related_table")) {
            t->relatedTable = text;
            validValue = text.isEmpty() || text == QLatin1String("customers")
                    || text == QLatin1String("contacts") || text == QLatin1String("leads");
        } else if (key == QLatin1String("related_id")) {
            t->relatedId = text;
        } else if (key == QLatin1String("priority")) {
            const auto priority = RecordEnums::parse<TaskPriority>(text);
            validValue = priority.has_value();
            t->priority = priority.value_or(t->priority);
        } else if (key == QLatin1String("status")) {
            const auto status = RecordEnums::parse<TaskStatus>(text);
            validValue = status.has_value();
            t->status = status.value_or(t->status);
        } else if (key == QLatin1String("notes")) {
            t->notes = text;
        }
        if (!validValue) {
            *problem = tr("\"%1\" is not a valid value for \"%2\".").arg(text, key);
            return false;
        }
        set->append(key);
    }
    return true;
}

QString TaskJson::selectColumns()
{
    return QStringLiteral("id, version, deleted, created_at, updated_at, ")
            + fields().join(QStringLiteral(", "));
}

ServerTask TaskJson::read(const QSqlQuery &query)
{
    const PiiRow q(query, PiiTable::of<TaskJson>());
    auto time = [&q](int i) {
        return QDateTime::fromString(q.value(i).toString(), Qt::ISODateWithMs);
    };
    ServerTask t;
    t.meta.id = q.value(0).toString();
    t.meta.version = q.value(1).toLongLong();
    t.meta.deleted = q.value(2).toInt() != 0;
    t.meta.createdAt = time(3);
    t.meta.updatedAt = time(4);
    t.title = q.value(5).toString();
    t.dueAt = time(6);
    t.ownerId = q.value(7).toString();
    t.branchId = q.value(8).toString();
    t.relatedTable = q.value(9).toString();
    t.relatedId = q.value(10).toString();
    t.priority =
            RecordEnums::parse<TaskPriority>(q.value(11).toString()).value_or(TaskPriority::Normal);
    t.status = RecordEnums::parse<TaskStatus>(q.value(12).toString()).value_or(TaskStatus::Open);
    t.reminderAt = time(13);
    t.completedAt = time(14);
    t.notes = q.value(15).toString();
    return t;
}

void TaskJson::bindAll(QSqlQuery &query, const ServerTask &t)
{
    query.addBindValue(textValue(t.title));
    query.addBindValue(isoOrNull(t.dueAt));
    query.addBindValue(nullableText(t.ownerId));
    query.addBindValue(nullableText(t.branchId));
    query.addBindValue(nullableText(t.relatedTable));
    query.addBindValue(nullableText(t.relatedId));
    query.addBindValue(RecordEnums::code(t.priority));
    query.addBindValue(RecordEnums::code(t.status));
    query.addBindValue(isoOrNull(t.reminderAt));
    query.addBindValue(isoOrNull(t.completedAt));
    query.addBindValue(textValue(t.notes));
}

} // namespace branchline::server
