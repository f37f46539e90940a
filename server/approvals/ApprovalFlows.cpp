// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalFlows.h"

#include "core/SqlValues.h"
#include "records/RecordSupport.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

QJsonObject StoredFlow::toJson() const
{
    return { { QStringLiteral("code"), code },
             { QStringLiteral("version"), version },
             { QStringLiteral("definition"), definition },
             { QStringLiteral("created_by"),
               createdBy.isEmpty() ? QJsonValue() : QJsonValue(createdBy) },
             { QStringLiteral("created_at"), createdAt },
             { QStringLiteral("active"), active } };
}

bool ApprovalFlows::read(QSqlDatabase &db, const QString &where, const QVariantList &values,
                         QList<StoredFlow> *flows, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT code, version, definition, created_by, created_at, "
                                 "active FROM approval_flows WHERE %1 ORDER BY code, version")
                          .arg(where));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next())
        flows->append(
                StoredFlow{ query.value(0).toString(), query.value(1).toInt(),
                            QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object(),
                            query.value(3).toString(), query.value(4).toString(),
                            query.value(5).toInt() != 0 });
    return true;
}

std::optional<FlowDefinition> ApprovalFlows::parse(const StoredFlow &stored, QString *error)
{
    // A stored version was checked when it was added; one that no longer parses was changed
    // behind the server's back, which is a storage error, not a missing flow.
    QString problem;
    auto flow = FlowDefinition::fromJson(stored.definition, stored.code, stored.version, &problem);
    if (!flow)
        *error = QStringLiteral("approval flow %1 version %2 is damaged: %3")
                         .arg(stored.code)
                         .arg(stored.version)
                         .arg(problem);
    return flow;
}

bool ApprovalFlows::active(QSqlDatabase &db, const QString &code,
                           std::optional<FlowDefinition> *flow, QString *error)
{
    QList<StoredFlow> flows;
    if (!read(db, QStringLiteral("code = ? AND active = 1"), { code }, &flows, error))
        return false;
    flow->reset();
    if (flows.isEmpty())
        return true;
    *flow = parse(flows.first(), error);
    return flow->has_value();
}

bool ApprovalFlows::version(QSqlDatabase &db, const QString &code, int version,
                            std::optional<FlowDefinition> *flow, QString *error)
{
    QList<StoredFlow> flows;
    if (!read(db, QStringLiteral("code = ? AND version = ?"), { code, version }, &flows, error))
        return false;
    flow->reset();
    if (flows.isEmpty())
        return true;
    *flow = parse(flows.first(), error);
    return flow->has_value();
}

bool ApprovalFlows::list(QSqlDatabase &db, const QString &code, QList<StoredFlow> *flows,
                         QString *error)
{
    return code.isEmpty() ? read(db, QStringLiteral("1 = 1"), {}, flows, error)
                          : read(db, QStringLiteral("code = ?"), { code }, flows, error);
}

bool ApprovalFlows::add(QSqlDatabase &db, FlowDefinition &flow, const QString &actorId,
                        bool activate, const QString &now, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT max(version) FROM approval_flows WHERE code = ?"));
    query.addBindValue(flow.code);
    if (!query.exec() || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    flow.version = query.value(0).toInt() + 1;
    query.finish();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO approval_flows (code, version, definition, "
                                  "created_by, created_at, active) VALUES (?, ?, ?, ?, ?, 0)"));
    insert.addBindValue(flow.code);
    insert.addBindValue(flow.version);
    insert.addBindValue(RecordSupport::json(flow.toJson()));
    insert.addBindValue(nullableText(actorId));
    insert.addBindValue(now);
    if (!insert.exec()) {
        *error = insert.lastError().text();
        return false;
    }
    bool found = false;
    return !activate || ApprovalFlows::activate(db, flow.code, flow.version, &found, error);
}

bool ApprovalFlows::activate(QSqlDatabase &db, const QString &code, int version, bool *found,
                             QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM approval_flows WHERE code = ? AND version = ?"));
    query.addBindValue(code);
    query.addBindValue(version);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    *found = query.next();
    query.finish();
    if (!*found)
        return true;
    // Off first, then on: the unique index allows one active version per code at any time.
    for (const char *sql :
         { "UPDATE approval_flows SET active = 0 WHERE code = ? AND active = 1",
           "UPDATE approval_flows SET active = 1 WHERE code = ? AND version = ?" }) {
        QSqlQuery update(db);
        update.prepare(QString::fromLatin1(sql));
        update.addBindValue(code);
        if (QByteArray(sql).contains("version"))
            update.addBindValue(version);
        if (!update.exec()) {
            *error = update.lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace branchline::server
