// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoApprovalSeeder.h"

#include "approvals/ApprovalService.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace branchline::server {

namespace {

bool callerOf(QSqlDatabase &db, const QString &login, Caller *caller, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, role, branch_id FROM users WHERE login = ?"));
    query.addBindValue(login);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    if (!query.next())
        return true; // left empty: the demo has no such user
    *caller = Caller{ query.value(0).toString(),
                      login,
                      roleFromCode(query.value(1).toString()).value_or(Role::SalesRep),
                      query.value(2).toString(),
                      QString(),
                      QString() };
    return true;
}

// The first of `owner`'s customers (by name) matching `where`, or empty.
bool customerOf(QSqlDatabase &db, const Caller &owner, const QString &where, QString *id,
                QString *error)
{
    id->clear();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id FROM customers WHERE owner_id = ? AND deleted = 0 "
                                 "AND %1 ORDER BY legal_name, id LIMIT 1")
                          .arg(where));
    query.addBindValue(owner.userId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    if (query.next())
        *id = query.value(0).toString();
    return true;
}

} // namespace

DemoApprovalSeeder::DemoApprovalSeeder(const Database &database)
    : m_database(database)
{
}

bool DemoApprovalSeeder::seed(int *requests, QString *error)
{
    *requests = 0;
    QSqlDatabase db = m_database.connection(error);
    if (!db.isOpen())
        return false;
    Caller rep1;
    Caller rep2;
    Caller manager;
    if (!callerOf(db, QStringLiteral("zj.rep1"), &rep1, error)
        || !callerOf(db, QStringLiteral("zj.rep2"), &rep2, error)
        || !callerOf(db, QStringLiteral("zj.manager"), &manager, error))
        return false;
    if (rep1.userId.isEmpty() || rep2.userId.isEmpty() || manager.userId.isEmpty())
        return true;
    const ApprovalService service;

    // Asks as `who` about the first of their customers matching `where`; when `decision` is
    // given, the manager then decides the first step so.
    auto ask = [&](const Caller &who, const QString &where, QJsonObject fields,
                   const QString &decision, const QString &comment) {
        QString customer;
        if (!customerOf(db, who, where, &customer, error))
            return false;
        if (customer.isEmpty())
            return true;
        fields.insert(QStringLiteral("record_id"), customer);
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        std::optional<ApprovalRefusal> refusal;
        bool made = false;
        if (!m_database.inTransaction(
                    [&](QSqlDatabase &tx, QString *txError) {
                        DataScope scope;
                        if (!DataScope::resolve(tx, who, &scope, txError)
                            || !service.request(tx, who, scope, id, fields, &refusal, txError))
                            return false;
                        made = !refusal;
                        if (!made || decision.isEmpty())
                            return true;
                        DataScope managerScope;
                        QString requestId;
                        return DataScope::resolve(tx, manager, &managerScope, txError)
                                && service.decide(
                                        tx, manager, managerScope,
                                        QUuid::createUuid().toString(QUuid::WithoutBraces),
                                        { { QStringLiteral("request_id"), id },
                                          { QStringLiteral("expected_step"), 1 },
                                          { QStringLiteral("decision"), decision },
                                          { QStringLiteral("comment"), comment } },
                                        &requestId, &refusal, txError);
                    },
                    error))
            return false;
        if (made)
            ++*requests;
        return true;
    };
    auto request = [](const char *flow, const QJsonObject &proposed, const QString &reason) {
        return QJsonObject{ { QStringLiteral("flow_code"), QString::fromLatin1(flow) },
                            { QStringLiteral("proposed"), proposed },
                            { QStringLiteral("reason"), reason } };
    };
    const QString lowRisk = QStringLiteral("risk_level IN ('low', 'medium')");
    return ask(rep1,
               QStringLiteral("kind = 'merchant' AND status = 'active' AND %1 AND "
                              "(fee_rate_debit IS NULL OR fee_rate_debit <> 3500)")
                       .arg(lowRisk),
               request("fee_rate_change", { { QStringLiteral("fee_rate_debit"), 3500 } },
                       QStringLiteral("同商圈竞品费率 0.35%，商户月流水稳定在 80 万以上")),
               QString(), QString())
            && ask(rep1,
                   QStringLiteral("kind = 'merchant' AND status IN ('prospect', 'onboarding') "
                                  "AND %1")
                           .arg(lowRisk),
                   request("merchant_onboarding", {}, QStringLiteral("资料齐全，已完成实地走访")),
                   QString(), QString())
            && ask(rep2,
                   QStringLiteral("kind IN ('corporate', 'individual') AND %1 AND "
                                  "(credit_limit_fen IS NULL OR credit_limit_fen <> 3000000)")
                           .arg(lowRisk),
                   request("credit_approval", { { QStringLiteral("credit_limit_fen"), 3000000 } },
                           QStringLiteral("经营三年，流水稳定，无逾期记录")),
                   QString(), QString())
            && ask(rep2, QStringLiteral("kind = 'merchant' AND kyc_status = 'expired'"),
                   request("kyc_exception",
                           { { QStringLiteral("kyc_status"), QStringLiteral("in_progress") } },
                           QStringLiteral("营业执照换证中，新证下周送达")),
                   QStringLiteral("return"), QStringLiteral("请先上传换证受理回执"))
            && ask(rep1, QStringLiteral("kind = 'merchant' AND status = 'suspended'"),
                   request("merchant_termination", {}, QStringLiteral("商户已停业三个月")),
                   QStringLiteral("reject"), QStringLiteral("商户仍有未结清的退款，暂不解约"));
}

} // namespace branchline::server
