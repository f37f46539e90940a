// SPDX-License-Identifier: GPL-3.0-or-later
#include "Integrations.h"

#include "CustomerJson.h"
#include "LeadJson.h"
#include "MerchantVolumes.h"
#include "PiiTable.h"
#include "core/AuditLog.h"
#include "core/Authenticator.h"
#include "core/SqlValues.h"
#include "gate/WriteGate.h"
#include "domain/records/Lead.h"
#include "domain/rules/CreditCode.h"
#include "domain/rules/RecordValidator.h"
#include "sync/ChangeLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <sodium.h>

namespace branchline::server {

namespace {

using Outcome = Integrations::Outcome;

Outcome failure(int status, const QString &code, const QString &message)
{
    return RecordSupport::failure(status, code, message);
}

// A non-negative whole number from JSON (integers only: money is counted in fen).
bool count(const QJsonObject &row, const QString &field, bool required, qint64 *value)
{
    const QJsonValue v = row.value(field);
    if (v.isUndefined() && !required) {
        *value = 0;
        return true;
    }
    if (!v.isDouble())
        return false;
    const double number = v.toDouble();
    if (number < 0 || number != double(qint64(number)) || number > 9.0e15)
        return false;
    *value = qint64(number);
    return true;
}

} // namespace

Integrations::Integrations(const Database &database)
    : m_database(database)
{
}

bool Integrations::add(const QString &name, const QStringList &scopes, QString *key, QString *error)
{
    for (const QString &scope : scopes) {
        if (scope != QLatin1String("transactions") && scope != QLatin1String("leads")) {
            *error = tr("Unknown scope \"%1\": use transactions and/or leads.").arg(scope);
            return false;
        }
    }
    if (name.trimmed().isEmpty() || scopes.isEmpty()) {
        *error = tr("An integration needs a name and at least one scope.");
        return false;
    }
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    *key = QStringLiteral("bl_")
            + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes)
                                          .toBase64(QByteArray::Base64UrlEncoding
                                                    | QByteArray::OmitTrailingEquals));
    sodium_memzero(bytes, sizeof bytes);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("INSERT INTO integrations (id, name, key_hash, "
                                             "scopes, created_at) VALUES (?, ?, ?, ?, ?)"));
                query.addBindValue(id);
                query.addBindValue(name.trimmed());
                query.addBindValue(Authenticator::tokenHash(*key));
                query.addBindValue(scopes.join(QLatin1Char(',')));
                query.addBindValue(RecordSupport::now());
                if (!query.exec()) {
                    *txError = tr("The integration could not be added: %1")
                                       .arg(query.lastError().text());
                    return false;
                }
                return AuditLog::append(
                        db,
                        { QString(), QStringLiteral("integration.create"),
                          QStringLiteral("integrations"), id, QString(),
                          RecordSupport::json({ { QStringLiteral("name"), name.trimmed() },
                                                { QStringLiteral("scopes"),
                                                  scopes.join(QLatin1Char(',')) } }) },
                        txError);
            },
            error);
}

bool Integrations::revoke(const QString &name, bool *found, QString *error)
{
    *found = false;
    return m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("SELECT id FROM integrations WHERE name = ? AND "
                                             "revoked_at IS NULL"));
                query.addBindValue(name.trimmed());
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                if (!query.next())
                    return true;
                *found = true;
                const QString id = query.value(0).toString();
                query.finish();
                query.prepare(
                        QStringLiteral("UPDATE integrations SET revoked_at = ? WHERE id = ?"));
                query.addBindValue(RecordSupport::now());
                query.addBindValue(id);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                return AuditLog::append(
                        db,
                        { QString(), QStringLiteral("integration.revoke"),
                          QStringLiteral("integrations"), id, QString(),
                          RecordSupport::json({ { QStringLiteral("name"), name.trimmed() } }) },
                        txError);
            },
            error);
}

QList<Integrations::Listed> Integrations::list(QString *error) const
{
    QList<Listed> all;
    QSqlDatabase db = m_database.connection(error);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT name, scopes, created_at, revoked_at FROM integrations "
                                   "ORDER BY name"))) {
        *error = query.lastError().text();
        return all;
    }
    while (query.next())
        all.append(Listed{ query.value(0).toString(),
                           query.value(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts),
                           query.value(2).toString(), query.value(3).toString() });
    return all;
}

std::optional<Integrations::Integration> Integrations::authenticate(const QString &key) const
{
    if (!key.startsWith(QLatin1String("bl_")))
        return std::nullopt;
    QSqlDatabase db = m_database.connection();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, name, scopes FROM integrations WHERE key_hash = ? "
                                 "AND revoked_at IS NULL"));
    query.addBindValue(Authenticator::tokenHash(key));
    if (!query.exec() || !query.next())
        return std::nullopt;
    return Integration{ query.value(0).toString(), query.value(1).toString(),
                        query.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts) };
}

Outcome Integrations::upsertAggregates(const Integration &integration,
                                       const QJsonObject &body) const
{
    if (!integration.scopes.contains(QLatin1String("transactions")))
        return failure(403, QStringLiteral("scope_missing"),
                       tr("This integration may not deliver transaction data."));
    if (!body.value(QStringLiteral("aggregates")).isArray())
        return failure(400, QStringLiteral("missing_field"),
                       tr("The body needs an \"aggregates\" array."));
    const QJsonArray rows = body.value(QStringLiteral("aggregates")).toArray();
    if (rows.size() > maxAggregatesPerBatch)
        return failure(413, QStringLiteral("batch_too_large"),
                       tr("At most %1 aggregates per request; split the batch.")
                               .arg(maxAggregatesPerBatch));

    QJsonArray results;
    int applied = 0;
    QString error;
    const bool ok = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery find(db);
                QSqlQuery upsert(db);
                upsert.prepare(QStringLiteral(
                        "INSERT INTO transaction_aggregates (customer_id, day, volume_fen, "
                        "tx_count, refund_fen, refund_count, chargeback_count, source, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (customer_id, day) DO "
                        "UPDATE SET volume_fen = excluded.volume_fen, tx_count = "
                        "excluded.tx_count, "
                        "refund_fen = excluded.refund_fen, refund_count = excluded.refund_count, "
                        "chargeback_count = excluded.chargeback_count, source = excluded.source, "
                        "updated_at = excluded.updated_at"));
                const QString stamp = RecordSupport::now();
                // Every month a posted day falls in, summed again once the batch is in.
                QSet<QPair<QString, QString>> months;
                for (qsizetype i = 0; i < rows.size(); ++i) {
                    const QJsonObject row = rows.at(i).toObject();
                    auto reject = [&](const QString &reason) {
                        results.append(QJsonObject{
                                { QStringLiteral("index"), int(i) },
                                { QStringLiteral("status"), QStringLiteral("rejected") },
                                { QStringLiteral("reason"), reason } });
                    };
                    // The merchant, by our id or by its 统一社会信用代码.
                    QString customerId = row.value(QStringLiteral("customer_id")).toString();
                    if (customerId.isEmpty()) {
                        const IdentifierCheck code = CreditCode::check(
                                row.value(QStringLiteral("credit_code")).toString());
                        if (!code.ok()) {
                            reject(tr("No customer_id, and credit_code is not valid: %1")
                                           .arg(code.message()));
                            continue;
                        }
                        // Stored sealed: found through its blind index.
                        QString column;
                        QString index;
                        PiiTable::of<CustomerJson>().lookup(QStringLiteral("credit_code"),
                                                            code.normalized, &column, &index);
                        find.prepare(QStringLiteral("SELECT id FROM customers WHERE %1 = ? AND "
                                                    "kind = 'merchant' AND deleted = 0")
                                             .arg(column));
                        find.addBindValue(index);
                    } else {
                        find.prepare(QStringLiteral("SELECT id FROM customers WHERE id = ? AND "
                                                    "kind = 'merchant' AND deleted = 0"));
                        find.addBindValue(customerId);
                    }
                    if (!find.exec()) {
                        *txError = find.lastError().text();
                        return false;
                    }
                    if (!find.next()) {
                        reject(tr("No merchant matches this row."));
                        continue;
                    }
                    customerId = find.value(0).toString();
                    find.finish();
                    const QDate day = QDate::fromString(row.value(QStringLiteral("day")).toString(),
                                                        Qt::ISODate);
                    if (!day.isValid() || day > QDate::currentDate().addDays(1)) {
                        reject(tr("\"day\" must be a date (yyyy-MM-dd) and not in the future."));
                        continue;
                    }
                    qint64 volume = 0, transactions = 0, refunds = 0, refundCount = 0,
                           chargebacks = 0;
                    if (!count(row, QStringLiteral("volume_fen"), true, &volume)
                        || !count(row, QStringLiteral("tx_count"), true, &transactions)
                        || !count(row, QStringLiteral("refund_fen"), false, &refunds)
                        || !count(row, QStringLiteral("refund_count"), false, &refundCount)
                        || !count(row, QStringLiteral("chargeback_count"), false, &chargebacks)) {
                        reject(tr("Amounts and counts must be whole numbers of 0 or more "
                                  "(amounts in fen); volume_fen and tx_count are required."));
                        continue;
                    }
                    upsert.addBindValue(customerId);
                    upsert.addBindValue(day.toString(Qt::ISODate));
                    upsert.addBindValue(volume);
                    upsert.addBindValue(transactions);
                    upsert.addBindValue(refunds);
                    upsert.addBindValue(refundCount);
                    upsert.addBindValue(chargebacks);
                    upsert.addBindValue(integration.name);
                    upsert.addBindValue(stamp);
                    if (!upsert.exec()) {
                        *txError = upsert.lastError().text();
                        return false;
                    }
                    ++applied;
                    months.insert({ customerId, day.toString(QStringLiteral("yyyy-MM")) });
                    results.append(
                            QJsonObject{ { QStringLiteral("index"), int(i) },
                                         { QStringLiteral("status"), QStringLiteral("applied") },
                                         { QStringLiteral("customer_id"), customerId } });
                }
                for (const auto &[merchant, month] : std::as_const(months))
                    if (!MerchantVolumes::recompute(db, merchant, month, txError))
                        return false;
                return AuditLog::append(
                        db,
                        { integration.id, QStringLiteral("integration.transactions"),
                          QStringLiteral("transaction_aggregates"), QString(), QString(),
                          RecordSupport::json(
                                  { { QStringLiteral("applied"), applied },
                                    { QStringLiteral("rejected"), int(rows.size()) - applied } }) },
                        txError);
            },
            &error);
    if (!ok)
        return RecordSupport::storageFailure(error);
    return Outcome{ 200,
                    QJsonObject{ { QStringLiteral("applied"), applied },
                                 { QStringLiteral("rejected"), int(rows.size()) - applied },
                                 { QStringLiteral("results"), results } } };
}

Outcome Integrations::intakeLead(const Integration &integration, const QJsonObject &body) const
{
    if (!integration.scopes.contains(QLatin1String("leads")))
        return failure(403, QStringLiteral("scope_missing"),
                       tr("This integration may not deliver leads."));
    Lead lead;
    static const QStringList known = { QStringLiteral("name"),   QStringLiteral("company"),
                                       QStringLiteral("phone"),  QStringLiteral("email"),
                                       QStringLiteral("source"), QStringLiteral("product_interest"),
                                       QStringLiteral("city"),   QStringLiteral("notes") };
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()) || !it.value().isString())
            return failure(
                    400, QStringLiteral("bad_field"),
                    tr("\"%1\" is not a lead field, or its value is not text.").arg(it.key()));
    }
    const QString source =
            body.value(QStringLiteral("source")).toString(QStringLiteral("web_form"));
    if (!RecordEnums::parse<LeadSource>(source))
        return failure(400, QStringLiteral("bad_field"),
                       tr("\"%1\" is not a lead source.").arg(source));
    QJsonObject fields = body;
    fields.insert(QStringLiteral("source"), source);
    fields.insert(QStringLiteral("status"), QStringLiteral("new"));
    fields.insert(QStringLiteral("city"), body.value(QStringLiteral("city")).toString().trimmed());
    QStringList set;
    QString problem;
    if (!LeadJson::apply(fields, &lead, &set, &problem))
        return failure(400, QStringLiteral("bad_field"), problem);
    lead.meta.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Outcome outcome;
    QString error;
    const bool ok = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                // Routed by region: the first branch in the lead's city takes it; without one
                // it waits, unassigned, for a manager to hand it out.
                query.prepare(QStringLiteral("SELECT id FROM branches WHERE city = ? AND level = "
                                             "'branch' ORDER BY name LIMIT 1"));
                query.addBindValue(lead.city);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                if (query.next()) {
                    lead.branchId = query.value(0).toString();
                    set << QStringLiteral("branch_id");
                }
                query.finish();
                // A delivery of the integration's key: the fields of a lead it may set, in
                // whatever branch the routing chose; nobody's scope, never an owner.
                WriteActor actor;
                actor.caller.userId = integration.id;
                actor.channel = WriteChannel::Integration;
                actor.commandFields = known;
                actor.commandFields << QStringLiteral("status") << QStringLiteral("branch_id");
                actor.auditAction = QStringLiteral("integration.lead");
                actor.auditDetail = { { QStringLiteral("source"), source } };
                std::optional<WriteRefusal> refusal;
                if (!WriteGate<LeadJson>::create(db, actor, lead, set, &refusal, txError))
                    return false;
                if (refusal) {
                    outcome = WriteGateSupport::outcome(*refusal);
                    return true;
                }
                // Which integration delivered it: provenance kept beside the record's fields.
                query.prepare(QStringLiteral("UPDATE leads SET intake = ? WHERE id = ?"));
                query.addBindValue(integration.name);
                query.addBindValue(lead.meta.id);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                outcome = Outcome{ 201,
                                   QJsonObject{ { QStringLiteral("id"), lead.meta.id },
                                                { QStringLiteral("branch_id"),
                                                  lead.branchId.isEmpty()
                                                          ? QJsonValue()
                                                          : QJsonValue(lead.branchId) } } };
                return true;
            },
            &error);
    if (!ok)
        return RecordSupport::storageFailure(error);
    return outcome;
}

} // namespace branchline::server
