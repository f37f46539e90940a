// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerService.h"

#include "CustomerJson.h"
#include "core/AuditLog.h"
#include "core/DataScope.h"
#include "rules/CreditCode.h"
#include "rules/FieldPolicy.h"
#include "rules/MobileNumber.h"
#include "rules/RecordValidator.h"
#include "rules/ResidentIdNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <optional>

namespace branchline::server {

namespace {

using Outcome = CustomerService::Outcome;

Outcome failure(int status, const QString &code, const QString &message)
{
    return Outcome{ status,
                    QJsonObject{ { QStringLiteral("code"), code },
                                 { QStringLiteral("message"), message } } };
}

Outcome storageFailure(const QString &error)
{
    return failure(500, QStringLiteral("storage_error"), error);
}

Outcome notFound(const QString &id)
{
    // The same answer whether the customer does not exist or lies outside the caller's
    // scope: a probe learns nothing about other branches' customers.
    return failure(404, QStringLiteral("not_found"),
                   CustomerService::tr("There is no customer %1 that you may see.").arg(id));
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// The record as this caller may see it: hidden fields left out, PII masked unless revealed.
QJsonObject present(const Caller &caller, const Customer &customer, const QStringList &revealed)
{
    QJsonObject object = CustomerJson::toJson(customer);
    for (const QString &field : CustomerJson::fields()) {
        const FieldPermission permission =
                FieldPolicy::permission(caller.role, RecordType::Customer, field);
        if (permission == FieldPermission::Hidden) {
            object.remove(field);
            continue;
        }
        if (!object.value(field).isString())
            continue;
        object.insert(field,
                      FieldPolicy::present(caller.role, RecordType::Customer, field,
                                           object.value(field).toString(),
                                           revealed.contains(field)));
    }
    return object;
}

std::optional<Customer> load(QSqlDatabase &db, const QString &id, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM customers WHERE id = ? AND deleted = 0")
                          .arg(CustomerJson::selectColumns()));
    query.addBindValue(id);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return CustomerJson::read(query);
}

// Runs `work` in one transaction on customer `id` if it exists and lies in the caller's
// scope; otherwise the outcome is a 404. `work` fills the outcome and returns false only
// on a storage error, which rolls everything back.
template<typename Work>
Outcome withCustomerInScope(const Database &database, const Caller &caller, const QString &id,
                            Work work)
{
    Outcome outcome;
    QString error;
    const bool ok = database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                DataScope scope;
                if (!DataScope::resolve(db, caller, &scope, txError))
                    return false;
                std::optional<Customer> customer = load(db, id, txError);
                if (!customer || !scope.contains(customer->ownerId, customer->branchId)) {
                    if (txError->isEmpty())
                        outcome = notFound(id);
                    return txError->isEmpty();
                }
                return work(db, scope, *customer, &outcome, txError);
            },
            &error);
    return ok ? outcome : storageFailure(error);
}

// A write may set only fields the caller's role may edit.
std::optional<Outcome> refuseUneditable(const Caller &caller, const QStringList &set)
{
    for (const QString &field : set) {
        if (FieldPolicy::permission(caller.role, RecordType::Customer, field)
            != FieldPermission::Editable) {
            const QString message = FieldPolicy::isSensitive(RecordType::Customer, field)
                    ? CustomerService::tr("\"%1\" changes only through an approval or by the "
                                          "role responsible for it.")
                              .arg(field)
                    : CustomerService::tr("Your role may not change \"%1\".").arg(field);
            return failure(403, QStringLiteral("field_not_editable"), message);
        }
    }
    return std::nullopt;
}

std::optional<Outcome> refuseInvalid(Customer &customer)
{
    RecordValidator::normalize(customer);
    const FieldIssues issues = RecordValidator::validate(customer);
    if (issues.isEmpty())
        return std::nullopt;
    QJsonArray list;
    for (const FieldIssue &issue : issues)
        list.append(QJsonObject{ { QStringLiteral("field"), issue.field },
                                 { QStringLiteral("message"), issue.message } });
    Outcome outcome = failure(422, QStringLiteral("invalid"),
                              CustomerService::tr("The customer has fields to correct."));
    outcome.body.insert(QStringLiteral("issues"), list);
    return outcome;
}

} // namespace

CustomerService::CustomerService(const Database &database)
    : m_database(database)
{
}

Outcome CustomerService::list(const Caller &caller, const QUrlQuery &parameters) const
{
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    if (!db.isOpen())
        return storageFailure(error);
    DataScope scope;
    if (!DataScope::resolve(db, caller, &scope, &error))
        return storageFailure(error);

    QVariantList values;
    QStringList conditions{ QStringLiteral("deleted = 0"), scope.condition(QString(), &values) };
    const QString text =
            parameters.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).trimmed();
    if (!text.isEmpty()) {
        // PII matches only in full; names match as a substring.
        if (const IdentifierCheck code = CreditCode::check(text); code.ok()) {
            conditions << QStringLiteral("credit_code = ?");
            values << code.normalized;
        } else if (const IdentifierCheck id = ResidentIdNumber::check(text); id.ok()) {
            conditions << QStringLiteral("id_number = ?");
            values << id.normalized;
        } else if (const IdentifierCheck phone = MobileNumber::check(text); phone.ok()) {
            conditions << QStringLiteral("phone = ?");
            values << phone.normalized;
        } else {
            QString pattern = text;
            pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
                    .replace(QLatin1Char('%'), QLatin1String("\\%"))
                    .replace(QLatin1Char('_'), QLatin1String("\\_"));
            conditions << QStringLiteral("legal_name LIKE ? ESCAPE '\\'");
            values << QString(QLatin1Char('%') + pattern + QLatin1Char('%'));
        }
    }
    for (const QString &filter :
         { QStringLiteral("kind"), QStringLiteral("status"), QStringLiteral("risk_level") }) {
        if (parameters.hasQueryItem(filter)) {
            conditions << filter + QStringLiteral(" = ?");
            values << parameters.queryItemValue(filter, QUrl::FullyDecoded);
        }
    }
    if (parameters.hasQueryItem(QStringLiteral("after_id"))) {
        conditions << QStringLiteral("(legal_name > ? OR (legal_name = ? AND id > ?))");
        const QString name =
                parameters.queryItemValue(QStringLiteral("after_name"), QUrl::FullyDecoded);
        values << name << name
               << parameters.queryItemValue(QStringLiteral("after_id"), QUrl::FullyDecoded);
    }
    bool limitOk = true;
    int limit = 50;
    if (parameters.hasQueryItem(QStringLiteral("limit")))
        limit = parameters.queryItemValue(QStringLiteral("limit")).toInt(&limitOk);
    if (!limitOk || limit < 1 || limit > 200)
        return failure(400, QStringLiteral("bad_parameter"),
                       tr("limit must be a whole number from 1 to 200."));

    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(
            QStringLiteral("SELECT %1 FROM customers WHERE %2 ORDER BY legal_name, id LIMIT ?")
                    .arg(CustomerJson::selectColumns(), conditions.join(QStringLiteral(" AND "))));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(limit + 1); // one more tells whether there is a next page
    if (!query.exec())
        return storageFailure(query.lastError().text());
    QJsonArray items;
    Customer last;
    bool more = false;
    while (query.next()) {
        if (items.size() == limit) {
            more = true;
            break;
        }
        last = CustomerJson::read(query);
        items.append(present(caller, last, {}));
    }
    QJsonObject body{ { QStringLiteral("items"), items } };
    body.insert(QStringLiteral("next"),
                more ? QJsonValue(QJsonObject{ { QStringLiteral("after_name"), last.legalName },
                                               { QStringLiteral("after_id"), last.meta.id } })
                     : QJsonValue());
    return Outcome{ 200, body };
}

Outcome CustomerService::get(const Caller &caller, const QString &id, const QStringList &reveal,
                             const QString &reason) const
{
    for (const QString &field : reveal) {
        if (!FieldPolicy::piiKind(RecordType::Customer, field))
            return failure(400, QStringLiteral("bad_parameter"),
                           tr("\"%1\" is not personal data that can be revealed.").arg(field));
        if (!FieldPolicy::mayReveal(caller.role, RecordType::Customer, field))
            return failure(403, QStringLiteral("reveal_not_allowed"),
                           tr("Your role may not see \"%1\" unmasked.").arg(field));
    }
    if (!reveal.isEmpty() && reason.trimmed().size() < 4)
        return failure(400, QStringLiteral("reason_required"),
                       tr("Say why you need to see this personal data; the reason is recorded."));

    return withCustomerInScope(m_database, caller, id,
                               [&](QSqlDatabase &db, const DataScope &, const Customer &customer,
                                   Outcome *outcome, QString *txError) {
                                   *outcome = Outcome{ 200, present(caller, customer, reveal) };
                                   if (reveal.isEmpty())
                                       return true;
                                   return AuditLog::append(
                                           db,
                                           { caller.userId, QStringLiteral("pii.unmask"),
                                             QStringLiteral("customers"), id, reason.trimmed(),
                                             json({ { QStringLiteral("fields"),
                                                      QJsonArray::fromStringList(reveal) } }) },
                                           txError);
                               });
}

Outcome CustomerService::create(const Caller &caller, const QJsonObject &body) const
{
    Customer customer;
    QStringList set;
    QString problem;
    if (!CustomerJson::apply(body, &customer, &set, &problem))
        return failure(400, QStringLiteral("bad_field"), problem);
    if (const auto refusal = refuseUneditable(caller, set))
        return *refusal;
    if (customer.ownerId.isEmpty())
        customer.ownerId = caller.userId;
    if (customer.branchId.isEmpty())
        customer.branchId = caller.branchId;
    if (const auto refusal = refuseInvalid(customer))
        return *refusal;
    customer.meta.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    customer.meta.version = 1;

    Outcome outcome;
    QString error;
    const bool ok = m_database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                DataScope scope;
                if (!DataScope::resolve(db, caller, &scope, txError))
                    return false;
                if (!scope.contains(customer.ownerId, customer.branchId)) {
                    outcome = failure(403, QStringLiteral("out_of_scope"),
                                      tr("You may not create customers for that owner or "
                                         "branch."));
                    return true;
                }
                QSqlQuery query(db);
                query.prepare(QStringLiteral("INSERT INTO customers (id, version, created_at, "
                                             "updated_at, %1) VALUES (?, 1, ?, ?%2)")
                                      .arg(CustomerJson::fields().join(QStringLiteral(", ")),
                                           QStringLiteral(", ?").repeated(
                                                   int(CustomerJson::fields().size()))));
                const QString stamp = now();
                query.addBindValue(customer.meta.id);
                query.addBindValue(stamp);
                query.addBindValue(stamp);
                CustomerJson::bindAll(query, customer);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                customer.meta.createdAt = QDateTime::fromString(stamp, Qt::ISODateWithMs);
                customer.meta.updatedAt = customer.meta.createdAt;
                outcome = Outcome{ 201, present(caller, customer, {}) };
                return AuditLog::append(
                        db,
                        { caller.userId, QStringLiteral("record.create"),
                          QStringLiteral("customers"), customer.meta.id, QString(),
                          json({ { QStringLiteral("fields"), QJsonArray::fromStringList(set) } }) },
                        txError);
            },
            &error);
    return ok ? outcome : storageFailure(error);
}

Outcome CustomerService::update(const Caller &caller, const QString &id,
                                const QJsonObject &body) const
{
    return withCustomerInScope(
            m_database, caller, id,
            [&](QSqlDatabase &db, const DataScope &scope, Customer customer, Outcome *outcome,
                QString *txError) {
                QStringList set;
                QString problem;
                if (!CustomerJson::apply(body, &customer, &set, &problem)) {
                    *outcome = failure(400, QStringLiteral("bad_field"), problem);
                    return true;
                }
                if (const auto refusal = refuseUneditable(caller, set)) {
                    *outcome = *refusal;
                    return true;
                }
                if (const auto refusal = refuseInvalid(customer)) {
                    *outcome = *refusal;
                    return true;
                }
                if (!scope.contains(customer.ownerId, customer.branchId)) {
                    *outcome = failure(403, QStringLiteral("out_of_scope"),
                                       tr("You may not move a customer outside your scope."));
                    return true;
                }
                QStringList assignments;
                for (const QString &field : CustomerJson::fields())
                    assignments << field + QStringLiteral(" = ?");
                QSqlQuery query(db);
                query.prepare(QStringLiteral("UPDATE customers SET version = version + 1, "
                                             "updated_at = ?, %1 WHERE id = ?")
                                      .arg(assignments.join(QStringLiteral(", "))));
                const QString stamp = now();
                query.addBindValue(stamp);
                CustomerJson::bindAll(query, customer);
                query.addBindValue(id);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                customer.meta.version += 1;
                customer.meta.updatedAt = QDateTime::fromString(stamp, Qt::ISODateWithMs);
                *outcome = Outcome{ 200, present(caller, customer, {}) };
                // The names of the changed fields, never their values: PII stays out of the log.
                return AuditLog::append(
                        db,
                        { caller.userId, QStringLiteral("record.update"),
                          QStringLiteral("customers"), id, QString(),
                          json({ { QStringLiteral("fields"), QJsonArray::fromStringList(set) } }) },
                        txError);
            });
}

Outcome CustomerService::remove(const Caller &caller, const QString &id) const
{
    return withCustomerInScope(
            m_database, caller, id,
            [&](QSqlDatabase &db, const DataScope &, const Customer &, Outcome *outcome,
                QString *txError) {
                if (caller.role == Role::RiskOfficer) {
                    *outcome = failure(403, QStringLiteral("forbidden"),
                                       tr("Risk officers review customers; they do not delete "
                                          "them."));
                    return true;
                }
                QSqlQuery query(db);
                query.prepare(
                        QStringLiteral("UPDATE customers SET deleted = 1, version = version + 1, "
                                       "updated_at = ? WHERE id = ?"));
                query.addBindValue(now());
                query.addBindValue(id);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                *outcome = Outcome{ 200,
                                    QJsonObject{ { QStringLiteral("id"), id },
                                                 { QStringLiteral("deleted"), true } } };
                return AuditLog::append(db,
                                        { caller.userId, QStringLiteral("record.delete"),
                                          QStringLiteral("customers"), id, QString(), QString() },
                                        txError);
            });
}

} // namespace branchline::server
