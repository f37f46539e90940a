// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerJson.h"

#include "PiiRow.h"
#include "core/SqlValues.h"
#include "rules/CreditCode.h"
#include "rules/MobileNumber.h"
#include "rules/ResidentIdNumber.h"

#include <QJsonArray>

namespace branchline::server {

namespace {

// The whole-number columns (fee rates in millionths, the credit limit in fen): JSON
// numbers, or null when not set.
QJsonValue wholeNumber(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

bool isWholeNumberField(const QString &key)
{
    return key == QLatin1String("fee_rate_debit") || key == QLatin1String("fee_rate_credit")
            || key == QLatin1String("fee_rate_qr") || key == QLatin1String("credit_limit_fen");
}

std::optional<qint64> *wholeNumberOf(Customer *c, const QString &key)
{
    if (key == QLatin1String("fee_rate_debit"))
        return &c->feeRateDebit;
    if (key == QLatin1String("fee_rate_credit"))
        return &c->feeRateCredit;
    if (key == QLatin1String("fee_rate_qr"))
        return &c->feeRateQr;
    return &c->creditLimitFen;
}

QVariant boundNumber(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<qint64> readNumber(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

} // namespace

QStringList CustomerJson::fields()
{
    return { QStringLiteral("kind"),
             QStringLiteral("legal_name"),
             QStringLiteral("credit_code"),
             QStringLiteral("id_number"),
             QStringLiteral("phone"),
             QStringLiteral("address"),
             QStringLiteral("city"),
             QStringLiteral("industry"),
             QStringLiteral("mcc"),
             QStringLiteral("branch_id"),
             QStringLiteral("owner_id"),
             QStringLiteral("status"),
             QStringLiteral("risk_level"),
             QStringLiteral("kyc_status"),
             QStringLiteral("tags"),
             QStringLiteral("notes"),
             QStringLiteral("fee_rate_debit"),
             QStringLiteral("fee_rate_credit"),
             QStringLiteral("fee_rate_qr"),
             QStringLiteral("credit_limit_fen"),
             QStringLiteral("settlement_account") };
}

QStringList CustomerJson::filterColumns()
{
    return { QStringLiteral("kind"), QStringLiteral("status"), QStringLiteral("risk_level") };
}

bool CustomerJson::exactMatch(const QString &text, QString *column, QString *value)
{
    // Stored sealed: found through the column's blind index.
    const PiiTable &pii = PiiTable::of<CustomerJson>();
    if (const IdentifierCheck code = CreditCode::check(text); code.ok())
        return pii.lookup(QStringLiteral("credit_code"), code.normalized, column, value);
    if (const IdentifierCheck id = ResidentIdNumber::check(text); id.ok())
        return pii.lookup(QStringLiteral("id_number"), id.normalized, column, value);
    if (const IdentifierCheck phone = MobileNumber::check(text); phone.ok())
        return pii.lookup(QStringLiteral("phone"), phone.normalized, column, value);
    return false;
}

QString CustomerJson::notFound(const QString &id)
{
    return tr("There is no customer %1 that you may see.").arg(id);
}

std::optional<QString> CustomerJson::deleteRefusal(Role role)
{
    if (role == Role::RiskOfficer)
        return tr("Risk officers review customers; they do not delete them.");
    return std::nullopt;
}

QJsonObject CustomerJson::toJson(const Customer &c)
{
    return {
        { QStringLiteral("id"), c.meta.id },
        { QStringLiteral("version"), c.meta.version },
        { QStringLiteral("kind"), RecordEnums::code(c.kind) },
        { QStringLiteral("legal_name"), c.legalName },
        { QStringLiteral("credit_code"), c.creditCode },
        { QStringLiteral("id_number"), c.idNumber },
        { QStringLiteral("phone"), c.phone },
        { QStringLiteral("address"), c.address },
        { QStringLiteral("city"), c.city },
        { QStringLiteral("industry"), c.industry },
        { QStringLiteral("mcc"), c.mcc },
        { QStringLiteral("branch_id"), c.branchId },
        { QStringLiteral("owner_id"), c.ownerId },
        { QStringLiteral("status"), RecordEnums::code(c.status) },
        { QStringLiteral("risk_level"),
          c.riskLevel ? QJsonValue(RecordEnums::code(*c.riskLevel)) : QJsonValue() },
        { QStringLiteral("kyc_status"), RecordEnums::code(c.kycStatus) },
        { QStringLiteral("tags"), QJsonArray::fromStringList(c.tags) },
        { QStringLiteral("notes"), c.notes },
        { QStringLiteral("fee_rate_debit"), wholeNumber(c.feeRateDebit) },
        { QStringLiteral("fee_rate_credit"), wholeNumber(c.feeRateCredit) },
        { QStringLiteral("fee_rate_qr"), wholeNumber(c.feeRateQr) },
        { QStringLiteral("credit_limit_fen"), wholeNumber(c.creditLimitFen) },
        { QStringLiteral("settlement_account"), c.settlementAccount },
        { QStringLiteral("created_at"), c.meta.createdAt.toString(Qt::ISODateWithMs) },
        { QStringLiteral("updated_at"), c.meta.updatedAt.toString(Qt::ISODateWithMs) },
    };
}

bool CustomerJson::apply(const QJsonObject &object, Customer *c, QStringList *set, QString *problem)
{
    const QStringList known = fields();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        const QJsonValue value = it.value();
        if (key == QLatin1String("id") || key == QLatin1String("version"))
            continue; // identify the record; never written from the body
        if (!known.contains(key)) {
            *problem = tr("\"%1\" is not a field of a customer.").arg(key);
            return false;
        }
        auto wrongType = [&]() {
            *problem = tr("The field \"%1\" has a value of the wrong type.").arg(key);
            return false;
        };
        if (key == QLatin1String("tags")) {
            if (!value.isArray())
                return wrongType();
            c->tags.clear();
            for (const QJsonValue &tag : value.toArray()) {
                if (!tag.isString())
                    return wrongType();
                c->tags << tag.toString();
            }
        } else if (key == QLatin1String("risk_level") && value.isNull()) {
            c->riskLevel.reset();
        } else if (isWholeNumberField(key)) {
            if (value.isNull()) {
                wholeNumberOf(c, key)->reset();
            } else {
                const double number = value.toDouble(-1);
                if (!value.isDouble() || number < 0 || number > 9.0e15
                    || number != double(qint64(number)))
                    return wrongType();
                *wholeNumberOf(c, key) = qint64(number);
            }
        } else if (!value.isString()) {
            return wrongType();
        } else {
            const QString text = value.toString();
            bool validValue = true;
            if (key == QLatin1String("kind")) {
                const auto kind = RecordEnums::parse<CustomerKind>(text);
                validValue = kind.has_value();
                c->kind = kind.value_or(c->kind);
            } else if (key == QLatin1String("status")) {
                const auto status = RecordEnums::parse<CustomerStatus>(text);
                validValue = status.has_value();
                c->status = status.value_or(c->status);
            } else if (key == QLatin1String("risk_level")) {
                c->riskLevel = RecordEnums::parse<RiskLevel>(text);
                validValue = c->riskLevel.has_value();
            } else if (key == QLatin1String("kyc_status")) {
                const auto kyc = RecordEnums::parse<KycStatus>(text);
                validValue = kyc.has_value();
                c->kycStatus = kyc.value_or(c->kycStatus);
            } else if (key == QLatin1String("legal_name")) {
                c->legalName = text;
            } else if (key == QLatin1String("credit_code")) {
                c->creditCode = text;
            } else if (key == QLatin1String("id_number")) {
                c->idNumber = text;
            } else if (key == QLatin1String("phone")) {
                c->phone = text;
            } else if (key == QLatin1String("address")) {
                c->address = text;
            } else if (key == QLatin1String("city")) {
                c->city = text;
            } else if (key == QLatin1String("industry")) {
                c->industry = text;
            } else if (key == QLatin1String("mcc")) {
                c->mcc = text;
            } else if (key == QLatin1String("branch_id")) {
                c->branchId = text;
            } else if (key == QLatin1String("owner_id")) {
                c->ownerId = text;
            } else if (key == QLatin1String("notes")) {
                c->notes = text;
            } else if (key == QLatin1String("settlement_account")) {
                c->settlementAccount = text;
            }
            if (!validValue) {
                *problem = tr("\"%1\" is not a valid value for \"%2\".").arg(text, key);
                return false;
            }
        }
        set->append(key);
    }
    return true;
}

QString CustomerJson::selectColumns()
{
    return QStringLiteral("id, version, deleted, created_at, updated_at, ")
            + fields().join(QStringLiteral(", "));
}

Customer CustomerJson::read(const QSqlQuery &query)
{
    const PiiRow q(query, PiiTable::of<CustomerJson>());
    Customer c;
    c.meta.id = q.value(0).toString();
    c.meta.version = q.value(1).toLongLong();
    c.meta.deleted = q.value(2).toInt() != 0;
    c.meta.createdAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    c.meta.updatedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    int i = 5;
    c.kind = RecordEnums::parse<CustomerKind>(q.value(i++).toString())
                     .value_or(CustomerKind::Merchant);
    c.legalName = q.value(i++).toString();
    c.creditCode = q.value(i++).toString();
    c.idNumber = q.value(i++).toString();
    c.phone = q.value(i++).toString();
    c.address = q.value(i++).toString();
    c.city = q.value(i++).toString();
    c.industry = q.value(i++).toString();
    c.mcc = q.value(i++).toString();
    c.branchId = q.value(i++).toString();
    c.ownerId = q.value(i++).toString();
    c.status = RecordEnums::parse<CustomerStatus>(q.value(i++).toString())
                       .value_or(CustomerStatus::Prospect);
    c.riskLevel = RecordEnums::parse<RiskLevel>(q.value(i++).toString());
    c.kycStatus =
            RecordEnums::parse<KycStatus>(q.value(i++).toString()).value_or(KycStatus::NotStarted);
    c.tags = q.value(i++).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    c.notes = q.value(i++).toString();
    c.feeRateDebit = readNumber(q.value(i++));
    c.feeRateCredit = readNumber(q.value(i++));
    c.feeRateQr = readNumber(q.value(i++));
    c.creditLimitFen = readNumber(q.value(i++));
    c.settlementAccount = q.value(i++).toString();
    return c;
}

void CustomerJson::bindAll(QSqlQuery &query, const Customer &c)
{
    query.addBindValue(RecordEnums::code(c.kind));
    query.addBindValue(textValue(c.legalName));
    query.addBindValue(nullableText(c.creditCode));
    query.addBindValue(nullableText(c.idNumber));
    query.addBindValue(nullableText(c.phone));
    query.addBindValue(textValue(c.address));
    query.addBindValue(textValue(c.city));
    query.addBindValue(textValue(c.industry));
    query.addBindValue(nullableText(c.mcc));
    query.addBindValue(nullableText(c.branchId));
    query.addBindValue(nullableText(c.ownerId));
    query.addBindValue(RecordEnums::code(c.status));
    query.addBindValue(c.riskLevel ? QVariant(RecordEnums::code(*c.riskLevel))
                                   : QVariant(QMetaType::fromType<QString>()));
    query.addBindValue(RecordEnums::code(c.kycStatus));
    query.addBindValue(textValue(c.tags.join(QLatin1Char(','))));
    query.addBindValue(textValue(c.notes));
    query.addBindValue(boundNumber(c.feeRateDebit));
    query.addBindValue(boundNumber(c.feeRateCredit));
    query.addBindValue(boundNumber(c.feeRateQr));
    query.addBindValue(boundNumber(c.creditLimitFen));
    query.addBindValue(nullableText(c.settlementAccount));
}

} // namespace branchline::server
