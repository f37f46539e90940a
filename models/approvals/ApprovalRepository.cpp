// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalRepository.h"

#include "repositories/RecordTable.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {

// The newest refusal the server journalled for a row this device sent.
QString refusalColumn(const char *column, const char *table, const char *alias)
{
    return QStringLiteral("(SELECT j.%1 FROM sync_conflicts j WHERE j.table_name = '%2' "
                          "AND j.record_id = %3.id AND j.kind = 'rejected' AND j.deleted = 0 "
                          "ORDER BY j.created_at DESC, j.local_id DESC LIMIT 1)")
            .arg(QLatin1String(column), QLatin1String(table), QLatin1String(alias));
}

QString pendingColumn(const char *table, const char *alias)
{
    return QStringLiteral("EXISTS (SELECT 1 FROM outbox o WHERE o.table_name = '%1' "
                          "AND o.record_id = %2.id)")
            .arg(QLatin1String(table), QLatin1String(alias));
}

QDateTime timeOf(const QVariant &value)
{
    if (value.isNull() || value.toString().isEmpty())
        return QDateTime();
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time.toUTC();
}

QJsonObject objectOf(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QList<ApproverSlot> placesOf(const QVariant &value)
{
    QList<ApproverSlot> places;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &entry : array) {
        const QJsonObject object = entry.toObject();
        ApproverSlot slot;
        slot.userId = object.value(QLatin1String("user_id")).toString();
        slot.via = object.value(QLatin1String("via")).toString();
        slot.holderId = object.value(QLatin1String("holder_id")).toString(slot.userId);
        if (slot.holderId.isEmpty())
            slot.holderId = slot.userId;
        slot.decision = object.value(QLatin1String("decision")).toString();
        slot.decidedBy = object.value(QLatin1String("decided_by")).toString();
        slot.decidedAt = timeOf(object.value(QLatin1String("decided_at")).toString());
        places << slot;
    }
    return places;
}

bool run(QSqlQuery &query, const QVariantList &values, StoreError *error)
{
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (query.exec())
        return true;
    if (error)
        *error = StoreError::fromSql(query.lastError());
    return false;
}

} // namespace

ApprovalRepository::ApprovalRepository(const QSqlDatabase &db)
    : m_db(db)
{
}

QList<ApprovalItem> ApprovalRepository::list(int limit, StoreError *error) const
{
    return select(QStringLiteral("1 = 1"), {}, limit, error);
}

QList<ApprovalItem> ApprovalRepository::forRecord(const QString &recordId, StoreError *error) const
{
    return select(QStringLiteral("r.record_id = ?"), { recordId }, 500, error);
}

std::optional<ApprovalItem> ApprovalRepository::find(const QString &requestId,
                                                     StoreError *error) const
{
    const QList<ApprovalItem> found = select(QStringLiteral("r.id = ?"), { requestId }, 1, error);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<ApprovalItem> ApprovalRepository::select(const QString &condition, const QVariantList &values,
                                               int limit, StoreError *error) const
{
    const QString chosen = QStringLiteral("FROM approval_requests r WHERE r.deleted = 0 AND %1 "
                                          "ORDER BY r.created_at DESC, r.local_id DESC LIMIT %2")
                                   .arg(condition)
                                   .arg(limit);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(
            QStringLiteral("SELECT %1, r.flow_code, r.record_table, r.record_id, r.record_label, "
                           "r.requester_id, r.proposed, r.before_values, r.reason, r.status, "
                           "r.current_step, r.round, r.decided_at, "
                           "(SELECT u.display_name FROM users u WHERE u.id = r.requester_id), "
                           "(SELECT c.legal_name FROM customers c WHERE c.id = r.record_id "
                           "AND c.deleted = 0), %2, %3, %4 ")
                    .arg(RecordTable::metaColumns(QStringLiteral("r")),
                         pendingColumn("approval_requests", "r"),
                         refusalColumn("code", "approval_requests", "r"),
                         refusalColumn("message", "approval_requests", "r"))
            + chosen);
    QList<ApprovalItem> items;
    if (!run(query, values, error))
        return items;
    while (query.next()) {
        ApprovalItem item;
        ApprovalRequest &r = item.request;
        RecordTable::readMeta(query, 0, &r.meta);
        int i = RecordTable::metaColumnCount;
        r.flowCode = query.value(i++).toString();
        r.recordTable = query.value(i++).toString();
        r.recordId = query.value(i++).toString();
        r.recordLabel = query.value(i++).toString();
        r.requesterId = query.value(i++).toString();
        r.proposed = objectOf(query.value(i++));
        r.before = objectOf(query.value(i++));
        r.reason = query.value(i++).toString();
        r.status = query.value(i++).toString();
        r.currentStep = query.value(i++).toInt();
        r.round = query.value(i++).toInt();
        r.decidedAt = timeOf(query.value(i++));
        item.requesterName = query.value(i++).toString();
        item.customerName = query.value(i++).toString();
        r.queued = query.value(i++).toBool();
        r.refusalCode = query.value(i++).toString();
        r.refusalMessage = query.value(i++).toString();
        items << item;
    }
    if (items.isEmpty())
        return items;

    const QString requests = QStringLiteral("(SELECT r.id ") + chosen + QLatin1Char(')');
    QHash<QString, QList<ApprovalStep>> steps;
    QHash<QString, QList<ApprovalDecision>> decisions;
    if (!readSteps(requests, values, &steps, error)
        || !readDecisions(requests, values, &decisions, error))
        return {};
    for (ApprovalItem &item : items) {
        item.steps = steps.value(item.request.meta.id);
        item.decisions = decisions.value(item.request.meta.id);
    }
    return items;
}

bool ApprovalRepository::readSteps(const QString &requests, const QVariantList &values,
                                   QHash<QString, QList<ApprovalStep>> *steps,
                                   StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, request_id, position, round, name_en, name_zh, "
                                 "mode, state, approvers, due_hours, due_at, decided_at, "
                                 "escalations FROM approval_steps "
                                 "WHERE deleted = 0 AND request_id IN %1 "
                                 "ORDER BY request_id, position")
                          .arg(requests));
    if (!run(query, values, error))
        return false;
    while (query.next()) {
        ApprovalStep step;
        step.id = query.value(0).toString();
        step.position = query.value(2).toInt();
        step.round = query.value(3).toInt();
        step.nameEn = query.value(4).toString();
        step.nameZh = query.value(5).toString();
        step.mode = query.value(6).toString();
        step.state = query.value(7).toString();
        step.approvers = placesOf(query.value(8));
        step.dueHours = query.value(9).toInt();
        step.dueAt = timeOf(query.value(10));
        step.decidedAt = timeOf(query.value(11));
        step.escalations = query.value(12).toInt();
        (*steps)[query.value(1).toString()] << step;
    }
    return true;
}

bool ApprovalRepository::readDecisions(const QString &requests, const QVariantList &values,
                                       QHash<QString, QList<ApprovalDecision>> *decisions,
                                       StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT d.id, d.request_id, d.expected_step, d.decider_id, "
                                 "d.on_behalf_of, d.decision, d.delegate_to, d.comment, "
                                 "d.decided_at, d.version, %1, %2, %3 "
                                 "FROM approval_decisions d "
                                 "WHERE d.deleted = 0 AND d.request_id IN %4 "
                                 "ORDER BY d.decided_at, d.local_id")
                          .arg(pendingColumn("approval_decisions", "d"),
                               refusalColumn("code", "approval_decisions", "d"),
                               refusalColumn("message", "approval_decisions", "d"), requests));
    if (!run(query, values, error))
        return false;
    while (query.next()) {
        ApprovalDecision d;
        d.id = query.value(0).toString();
        d.requestId = query.value(1).toString();
        d.expectedStep = query.value(2).toInt();
        d.deciderId = query.value(3).toString();
        d.onBehalfOf = query.value(4).toString();
        d.decision = query.value(5).toString();
        d.delegateTo = query.value(6).toString();
        d.comment = query.value(7).toString();
        d.decidedAt = timeOf(query.value(8));
        const bool recorded = query.value(9).toLongLong() > 0;
        const bool inOutbox = query.value(10).toBool();
        d.refusalCode = query.value(11).toString();
        d.refusalMessage = query.value(12).toString();
        d.delivery = recorded                             ? ApprovalDecision::Delivery::Recorded
                : (!inOutbox && !d.refusalCode.isEmpty()) ? ApprovalDecision::Delivery::Refused
                                                          : ApprovalDecision::Delivery::Queued;
        (*decisions)[d.requestId] << d;
    }
    return true;
}

} // namespace branchline
