// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalReads.h"

#include "ApprovalMessages.h"
#include "ApprovalStore.h"
#include "ApprovalSyncTables.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace branchline::server {

namespace {

QJsonObject rowOf(const sync::Change &change)
{
    QJsonObject row = change.row;
    row.insert(QStringLiteral("id"), change.id);
    return row;
}

bool idsOf(QSqlDatabase &db, const QString &table, const QString &requestId, QStringList *ids,
           QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id FROM %1 WHERE request_id = ?").arg(table));
    query.addBindValue(requestId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next())
        ids->append(query.value(0).toString());
    return true;
}

} // namespace

ApprovalReads::ApprovalReads(const Database &database, const ApprovalService &service)
    : m_database(database)
    , m_service(service)
{
}

RecordOutcome ApprovalReads::get(const Caller &caller, const QString &id) const
{
    RecordOutcome outcome;
    QString error;
    const bool ok = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                DataScope scope;
                bool visible = false;
                if (!DataScope::resolve(db, caller, &scope, txError)
                    || !ApprovalStore::isVisible(db, id, caller, scope, &visible, txError))
                    return false;
                if (!visible) {
                    outcome = RecordSupport::failure(404, QStringLiteral("not_found"),
                                                     ApprovalMessages::requestNotFound());
                    return true;
                }
                QStringList added;
                if (!m_service.escalate(db, id, &added, txError))
                    return false;
                QList<sync::Change> request;
                QList<sync::Change> steps;
                QList<sync::Change> decisions;
                QStringList stepIds;
                QStringList decisionIds;
                using Which = ApprovalTable::Which;
                if (!ApprovalTable(Which::Requests)
                             .current(db, caller, scope, { id }, &request, txError)
                    || !idsOf(db, QStringLiteral("approval_steps"), id, &stepIds, txError)
                    || !idsOf(db, QStringLiteral("approval_decisions"), id, &decisionIds, txError)
                    || !ApprovalTable(Which::Steps)
                                .current(db, caller, scope, stepIds, &steps, txError)
                    || !ApprovalTable(Which::Decisions)
                                .current(db, caller, scope, decisionIds, &decisions, txError))
                    return false;
                auto list = [](const QList<sync::Change> &changes, const QString &order) {
                    QList<sync::Change> sorted = changes;
                    std::sort(sorted.begin(), sorted.end(),
                              [&order](const sync::Change &a, const sync::Change &b) {
                                  const QJsonValue x = a.row.value(order);
                                  const QJsonValue y = b.row.value(order);
                                  return x.isDouble() ? x.toDouble() < y.toDouble()
                                                      : x.toString() < y.toString();
                              });
                    QJsonArray items;
                    for (const sync::Change &change : std::as_const(sorted))
                        items.append(rowOf(change));
                    return items;
                };
                outcome = RecordOutcome{
                    200,
                    { { QStringLiteral("request"),
                        request.isEmpty() ? QJsonObject() : rowOf(request.first()) },
                      { QStringLiteral("steps"), list(steps, QStringLiteral("position")) },
                      { QStringLiteral("decisions"),
                        list(decisions, QStringLiteral("decided_at")) } }
                };
                return true;
            },
            &error);
    return ok ? outcome : RecordSupport::storageFailure(error);
}

} // namespace branchline::server
