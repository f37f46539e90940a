// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskRepository.h"

#include "RecordTable.h"
#include "StoredRecord.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace branchline {

namespace {

const QString tableName = QStringLiteral("tasks");
const QString ownColumns = StoredRecord<Task>::columns();
// Tasks without a due date sort after every real date.
const QString dueKey = QStringLiteral("coalesce(due_at, '9999-12-31')");

} // namespace

TaskRepository::TaskRepository(const QSqlDatabase &db)
    : RecordRepository(db, tableName, ownColumns, StoredRecord<Task>::columnsOf,
                       StoredRecord<Task>::read)
{
}

QList<Task> TaskRepository::page(const TaskFilter &filter, const PageCursor &after, int limit,
                                 StoreError *error) const
{
    QStringList conditions{ QStringLiteral("deleted = 0") };
    QVariantList values;
    if (!filter.ownerId.isEmpty()) {
        conditions << QStringLiteral("owner_id = ?");
        values << filter.ownerId;
    }
    if (filter.status) {
        conditions << QStringLiteral("status = ?");
        values << RecordEnums::code(*filter.status);
    }
    if (!filter.relatedId.isEmpty()) {
        conditions << QStringLiteral("related_id = ?");
        values << filter.relatedId;
    }
    if (!after.isStart()) {
        conditions << QStringLiteral("(%1, local_id) > (?, ?)").arg(dueKey);
        values << after.key << after.localId;
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, %2 FROM tasks WHERE %3 ORDER BY %4, local_id LIMIT ?")
                          .arg(RecordTable::metaColumns(), ownColumns,
                               conditions.join(QStringLiteral(" AND ")), dueKey));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(limit);
    return readAll(query, error);
}

template<typename Change>
SaveResult TaskRepository::change(const QString &id, Change edit)
{
    StoreError error;
    std::optional<Task> task = find(id, &error);
    if (!task)
        return SaveResult::failed(error);
    edit(*task);
    return update(*task);
}

SaveResult TaskRepository::complete(const QString &id, const QDateTime &at)
{
    return change(id, [&at](Task &task) {
        if (task.status == TaskStatus::Done)
            return; // keeps the first completion time
        task.status = TaskStatus::Done;
        task.completedAt = at;
    });
}

SaveResult TaskRepository::reopen(const QString &id)
{
    return change(id, [](Task &task) {
        task.status = TaskStatus::Open;
        task.completedAt = QDateTime();
    });
}

SaveResult TaskRepository::reschedule(const QString &id, const QDateTime &due)
{
    return change(id, [&due](Task &task) {
        if (task.reminderAt.isValid() && task.dueAt.isValid())
            task.reminderAt = due.addSecs(task.dueAt.secsTo(task.reminderAt));
        else if (task.reminderAt.isValid() && task.reminderAt > due)
            task.reminderAt = QDateTime(); // a reminder after the task is due means nothing
        task.dueAt = due;
    });
}

QString TaskRepository::selectColumns(const QString &alias)
{
    QStringList prefixed;
    for (const QString &column : ownColumns.split(QStringLiteral(", ")))
        prefixed << alias + QLatin1Char('.') + column;
    return RecordTable::metaColumns(alias) + QStringLiteral(", ")
            + prefixed.join(QStringLiteral(", "));
}

int TaskRepository::selectColumnCount()
{
    return RecordTable::metaColumnCount + int(ownColumns.count(QLatin1Char(','))) + 1;
}

Task TaskRepository::fromRow(const QSqlQuery &query)
{
    return StoredRecord<Task>::read(query);
}

PageCursor TaskRepository::cursorAfter(const Task &row)
{
    const QVariant due = RecordTable::timestamp(row.dueAt);
    return PageCursor{ due.isNull() ? QVariant(QStringLiteral("9999-12-31")) : due,
                       row.meta.localId };
}

} // namespace branchline
