// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskAgendaQueries.h"

#include "RecordTable.h"
#include "TaskRepository.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

// Tasks without a due date sort after every real date (as TaskRepository::page).
const QString dueKey = QStringLiteral("coalesce(t.due_at, '9999-12-31')");
const QString noDueKey = QStringLiteral("9999-12-31");

// What a task is about, by its kind: one join per kind, each matching only its own kind's
// rows, so a task costs at most one probe per join (every join is on a unique id).
const QString relatedColumns = QStringLiteral(
        "CASE t.related_table WHEN 'customers' THEN c.legal_name "
        "WHEN 'contacts' THEN ct.name WHEN 'leads' THEN l.name END, "
        "CASE t.related_table WHEN 'contacts' THEN cc.legal_name "
        "WHEN 'leads' THEN l.company END, "
        "CASE t.related_table WHEN 'customers' THEN c.id WHEN 'contacts' THEN cc.id "
        "WHEN 'leads' THEN lc.id END, "
        // One outbox_by_record probe per row.
        "EXISTS (SELECT 1 FROM outbox o WHERE o.table_name = 'tasks' AND o.record_id = t.id)");
const QString relatedJoins = QStringLiteral(
        " LEFT JOIN customers c ON t.related_table = 'customers' AND c.id = t.related_id "
        "AND c.deleted = 0"
        " LEFT JOIN contacts ct ON t.related_table = 'contacts' AND ct.id = t.related_id "
        "AND ct.deleted = 0"
        " LEFT JOIN customers cc ON cc.id = ct.customer_id AND cc.deleted = 0"
        " LEFT JOIN leads l ON t.related_table = 'leads' AND l.id = t.related_id "
        "AND l.deleted = 0"
        " LEFT JOIN customers lc ON lc.id = l.converted_customer_id AND lc.deleted = 0");

QVariant stamp(const QDateTime &at)
{
    return RecordTable::timestamp(at);
}

} // namespace

TaskAgendaQueries::TaskAgendaQueries(const QSqlDatabase &db)
    : m_db(db)
{
}

QList<TaskRow> TaskAgendaQueries::select(const QString &where, const QString &order,
                                         const QVariantList &values, StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, %2 FROM tasks t%3 WHERE t.deleted = 0 AND %4%5")
                          .arg(TaskRepository::selectColumns(QStringLiteral("t")), relatedColumns,
                               relatedJoins, where, order));
    for (const QVariant &value : values)
        query.addBindValue(value);
    QList<TaskRow> rows;
    if (!query.exec()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return rows;
    }
    const int extra = TaskRepository::selectColumnCount();
    while (query.next()) {
        TaskRow row;
        row.task = TaskRepository::fromRow(query);
        row.relatedName = query.value(extra).toString();
        row.relatedContext = query.value(extra + 1).toString();
        row.customerId = query.value(extra + 2).toString();
        row.pending = query.value(extra + 3).toBool();
        rows << row;
    }
    if (query.lastError().isValid() && error)
        *error = StoreError::fromSql(query.lastError());
    return rows;
}

QList<TaskRow> TaskAgendaQueries::openPage(const QString &ownerId, const PageCursor &after,
                                           int limit, StoreError *error) const
{
    QString where = QStringLiteral("t.owner_id = ? AND t.status = 'open'");
    QVariantList values{ ownerId };
    if (!after.isStart()) {
        where += QStringLiteral(" AND (%1, t.local_id) > (?, ?)").arg(dueKey);
        values << after.key << after.localId;
    }
    values << limit;
    return select(where, QStringLiteral(" ORDER BY %1, t.local_id LIMIT ?").arg(dueKey), values,
                  error);
}

PageCursor TaskAgendaQueries::cursorAfter(const TaskRow &row)
{
    const QVariant due = stamp(row.task.dueAt);
    return PageCursor{ due.isNull() ? QVariant(noDueKey) : due, row.task.meta.localId };
}

QList<TaskRow> TaskAgendaQueries::doneSince(const QString &ownerId, const QDateTime &since,
                                            StoreError *error) const
{
    return select(QStringLiteral("t.owner_id = ? AND t.status = 'done' AND t.completed_at >= ?"),
                  QStringLiteral(" ORDER BY t.completed_at DESC, t.local_id DESC"),
                  { ownerId, stamp(since) }, error);
}

QList<TaskRow> TaskAgendaQueries::remindable(const QString &ownerId, const QDateTime &now, int lead,
                                             const QDateTime &dueAfter, StoreError *error) const
{
    // Timestamps are ISO 8601 UTC text of one width, so comparing the text compares times.
    return select(QStringLiteral("t.owner_id = ? AND t.status = 'open' AND t.due_at > ? AND "
                                 "(t.reminder_at <= ? OR (t.reminder_at IS NULL AND "
                                 "t.due_at <= ?))"),
                  QStringLiteral(" ORDER BY t.due_at, t.local_id"),
                  { ownerId, stamp(dueAfter), stamp(now), stamp(now.addSecs(lead)) }, error);
}

std::optional<TaskRow> TaskAgendaQueries::row(const QString &taskId, StoreError *error) const
{
    const QList<TaskRow> rows = select(QStringLiteral("t.id = ?"), QString(), { taskId }, error);
    if (rows.isEmpty()) {
        if (error && !error->isError())
            *error = StoreError::make(StoreError::Kind::RecordNotFound, taskId);
        return std::nullopt;
    }
    return rows.first();
}

} // namespace branchline
