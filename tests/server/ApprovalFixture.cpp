// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalFixture.h"

#include "core/PasswordHasher.h"
#include "records/CustomerService.h"
#include "domain/rules/CreditCode.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace branchline::server::test {

namespace {

const QString password = QStringLiteral("Xihu-Longjing-2026");

} // namespace

QString approvalPassword()
{
    return password;
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool makeApprovalOrg(Database &database, ApprovalOrg *o, QString *error)
{
    PasswordHasher hasher(PasswordHasher::Strength::Minimum);
    Accounts accounts(database, hasher);
    o->hq = Branch{ QString(), QString(), "总行", "head_office", "北京" };
    if (!accounts.addBranch(o->hq, QString(), error))
        return false;
    o->zj = Branch{ QString(), o->hq.id, "浙江分行", "region", "杭州" };
    o->js = Branch{ QString(), o->hq.id, "江苏分行", "region", "南京" };
    if (!accounts.addBranch(o->zj, QString(), error)
        || !accounts.addBranch(o->js, QString(), error))
        return false;
    o->xihu = Branch{ QString(), o->zj.id, "杭州西湖支行", "branch", "杭州" };
    o->nanjing = Branch{ QString(), o->js.id, "南京支行", "branch", "南京" };
    if (!accounts.addBranch(o->xihu, QString(), error)
        || !accounts.addBranch(o->nanjing, QString(), error))
        return false;
    QStringList problems;
    auto add = [&](const QString &login, const QString &name, Role role, const QString &branch,
                   Caller *caller) {
        UserAccount user;
        user.login = login;
        user.displayName = name;
        user.role = role;
        user.branchId = branch;
        if (!accounts.addUser(user, password, QString(), &problems, error))
            return false;
        *caller = Caller{ user.id, login, role, branch, login + "-session", login + "-device" };
        return true;
    };
    if (!add("rep", "王芳", Role::SalesRep, o->xihu.id, &o->rep)
        || !add("rep2", "李娜", Role::SalesRep, o->nanjing.id, &o->rep2)
        || !add("xmgr", "张伟", Role::BranchManager, o->xihu.id, &o->xmgr)
        || !add("xmgr2", "刘洋", Role::BranchManager, o->xihu.id, &o->xmgr2)
        || !add("zjmgr", "陈静", Role::BranchManager, o->zj.id, &o->zjmgr)
        || !add("njmgr", "赵磊", Role::BranchManager, o->nanjing.id, &o->njmgr)
        || !add("risk", "风控 周敏", Role::RiskOfficer, o->hq.id, &o->risk)
        || !add("admin", "系统管理员", Role::Admin, o->hq.id, &o->admin))
        return false;
    CustomerService customers(database);
    // A merchant is onboarded only with a valid 统一社会信用代码 (RecordValidator).
    const QString organisation = QStringLiteral("12345678");
    const QString first17 = QStringLiteral("91330106") + organisation
            + CreditCode::organisationCheckCharacter(organisation);
    const RecordOutcome merchant = customers.create(
            o->rep,
            { { "legal_name", "杭州鑫源餐饮管理有限公司" },
              { "kind", "merchant" },
              { "credit_code", QString(first17 + CreditCode::checkCharacter(first17)) },
              { "mcc", "5812" } });
    const RecordOutcome borrower = customers.create(
            o->rep, { { "legal_name", "杭州华信电子有限公司" }, { "kind", "corporate" } });
    if (merchant.status != 201 || borrower.status != 201) {
        *error = QJsonDocument(merchant.status != 201 ? merchant.body : borrower.body).toJson();
        return false;
    }
    o->merchant = merchant.body.value("id").toString();
    o->borrower = borrower.body.value("id").toString();
    return exec(database, "UPDATE customers SET risk_level = 'low' WHERE id IN (?, ?)",
                { o->merchant, o->borrower });
}

Device::Device(SyncService &service, const Caller &who)
    : caller(who)
    , clientId(newId())
    , m_service(service)
{
}

sync::MutationResult Device::push(sync::Mutation mutation)
{
    mutation.number = m_next++;
    sync::PushRequest request{ clientId, { mutation }, 1 };
    const RecordOutcome outcome = m_service.push(caller, request.toJson());
    [&] { QVERIFY2(outcome.status == 200, QJsonDocument(outcome.body).toJson().constData()); }();
    QString problem;
    last = sync::PushResponse::fromJson(outcome.body, &problem).value_or(sync::PushResponse{});
    if (!last.refusedCode.isEmpty())
        m_next = last.expected; // a storage failure: the same number goes again
    return last.results.isEmpty() ? sync::MutationResult{} : last.results.last();
}

sync::MutationResult Device::insert(const QString &table, const QString &id,
                                    const QJsonObject &fields)
{
    sync::Mutation mutation;
    mutation.table = table;
    mutation.id = id;
    mutation.op = sync::Mutation::Op::Insert;
    mutation.fields = fields;
    return push(mutation);
}

sync::MutationResult Device::update(const QString &table, const QString &id,
                                    const QJsonObject &fields)
{
    sync::Mutation mutation;
    mutation.table = table;
    mutation.id = id;
    mutation.op = sync::Mutation::Op::Update;
    mutation.fields = fields;
    return push(mutation);
}

sync::MutationResult Device::decide(const QString &request, int expectedStep, const QString &what,
                                    const QString &comment, const QString &delegateTo)
{
    QJsonObject fields{ { "request_id", request },
                        { "expected_step", expectedStep },
                        { "decision", what },
                        { "comment", comment } };
    if (!delegateTo.isEmpty())
        fields.insert("delegate_to", delegateTo);
    return insert("approval_decisions", newId(), fields);
}

QHash<QString, QHash<QString, QJsonObject>> Device::pullAll()
{
    QHash<QString, QHash<QString, QJsonObject>> rows;
    QString cursor;
    for (int pages = 0; pages < 1000; ++pages) {
        sync::PullRequest request{ clientId, cursor, 500, 0 };
        const RecordOutcome outcome = m_service.pull(caller, request.toJson());
        QString problem;
        const auto page = sync::PullPage::fromJson(outcome.body, &problem);
        [&] { QVERIFY2(page, qPrintable(problem)); }();
        if (!page)
            return rows;
        for (const sync::Change &change : page->changes) {
            if (change.op == sync::Change::Op::Remove)
                rows[change.table].remove(change.id);
            else
                rows[change.table].insert(change.id, change.row);
        }
        cursor = page->cursor;
        if (!page->more)
            break;
    }
    return rows;
}

QJsonObject feeRequest(const QString &customer, qint64 debit, const QString &reason)
{
    return { { "flow_code", "fee_rate_change" },
             { "record_table", "customers" },
             { "record_id", customer },
             { "proposed", QJsonObject{ { "fee_rate_debit", debit } } },
             { "reason", reason } };
}

QVariant scalar(Database &database, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(database.connection());
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return QVariant();
    return query.value(0);
}

bool exec(Database &database, const QString &sql, const QVariantList &values, bool quiet)
{
    QSqlQuery query(database.connection());
    // Unprepared when there is nothing to bind: PostgreSQL's dollar quoting does not survive
    // a prepared statement.
    bool ok = false;
    if (values.isEmpty()) {
        ok = query.exec(sql);
    } else {
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        ok = query.exec();
    }
    if (ok)
        return true;
    if (!quiet)
        qWarning() << sql << query.lastError().text();
    return false;
}

bool refusedByDatabase(Database &database, const QString &sql, const QVariantList &values)
{
    return !exec(database, sql, values, true);
}

QJsonObject storedRequest(Database &database, const QString &id)
{
    QSqlQuery query(database.connection());
    query.prepare("SELECT status, current_step, round, flow_version, proposed, before_values, "
                  "requester_id FROM approval_requests WHERE id = ?");
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return {};
    return { { "status", query.value(0).toString() },
             { "current_step", query.value(1).toInt() },
             { "round", query.value(2).toInt() },
             { "flow_version", query.value(3).toInt() },
             { "proposed", QJsonDocument::fromJson(query.value(4).toByteArray()).object() },
             { "before_values", QJsonDocument::fromJson(query.value(5).toByteArray()).object() },
             { "requester_id", query.value(6).toString() } };
}

QStringList auditActions(Database &database, const QString &requestId)
{
    QSqlQuery query(database.connection());
    query.prepare("SELECT action FROM audit_log WHERE entity = 'approval_requests' AND "
                  "entity_id = ? ORDER BY seq");
    query.addBindValue(requestId);
    QStringList actions;
    if (query.exec())
        while (query.next())
            actions << query.value(0).toString();
    return actions;
}

} // namespace branchline::server::test
