// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardFixture.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

namespace branchline::test {

namespace {

const QString kStamp = QStringLiteral("2026-03-18T00:00:00.000Z");

bool insert(QSqlDatabase db, const QString &table, const QStringList &columns,
            const QList<QVariantList> &rows)
{
    QStringList marks;
    for (int i = 0; i < columns.size() + 1; ++i)
        marks << QStringLiteral("?");
    QSqlQuery query(db);
    const bool hasCreated = columns.contains(QStringLiteral("created_at"));
    query.prepare(QStringLiteral("INSERT INTO %1 (%2, updated_at%3) VALUES (%4%5)")
                          .arg(table, columns.join(QLatin1Char(',')),
                               hasCreated ? QString() : QStringLiteral(", created_at"),
                               marks.join(QLatin1Char(',')),
                               hasCreated ? QString() : QStringLiteral(",?")));
    for (const QVariantList &row : rows) {
        for (const QVariant &value : row)
            query.addBindValue(value);
        query.addBindValue(kStamp);
        if (!hasCreated)
            query.addBindValue(kStamp);
        if (!query.exec()) {
            qWarning("fixture insert into %s failed: %s", qPrintable(table),
                     qPrintable(query.lastError().text()));
            return false;
        }
    }
    return true;
}

QString at(const char *day, const char *time = "10:00:00")
{
    return QStringLiteral("%1T%2.000Z").arg(QLatin1String(day), QLatin1String(time));
}

} // namespace

bool fillDashboardFixture(QSqlDatabase db)
{
    const QVariant none;
    return insert(db, QStringLiteral("branches"),
                  { QStringLiteral("id"), QStringLiteral("parent_id"), QStringLiteral("name"),
                    QStringLiteral("level") },
                  { { "HQ", none, QStringLiteral("总部"), "head_office" },
                    { "R1", "HQ", QStringLiteral("华东区"), "region" },
                    { "B1", "R1", QStringLiteral("杭州分公司"), "branch" },
                    { "B2", "R1", QStringLiteral("上海分公司"), "branch" },
                    { "B3", "HQ", QStringLiteral("北京分公司"), "branch" } })
            && insert(db, QStringLiteral("users"),
                      { QStringLiteral("id"), QStringLiteral("display_name"),
                        QStringLiteral("branch_id"), QStringLiteral("role") },
                      { { "u1", QStringLiteral("王芳"), "B1", "sales_rep" },
                        { "u2", QStringLiteral("李强"), "B2", "sales_rep" },
                        { "u3", QStringLiteral("张伟"), "R1", "branch_manager" } })
            && insert(db, QStringLiteral("customers"),
                      { QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("legal_name"),
                        QStringLiteral("city"), QStringLiteral("branch_id"),
                        QStringLiteral("owner_id"), QStringLiteral("status"),
                        QStringLiteral("risk_level"), QStringLiteral("kyc_status"),
                        QStringLiteral("mcc"), QStringLiteral("credit_limit_fen"),
                        QStringLiteral("settlement_account"), QStringLiteral("deleted"),
                        QStringLiteral("created_at") },
                      { { "c1", "merchant", QStringLiteral("西湖茶馆"), QStringLiteral("杭州"),
                          "B1", "u1", "active", "low", "verified", "5812", 100000, "acct1", 0,
                          at("2026-01-05") },
                        { "c2", "merchant", QStringLiteral("文三超市"), QStringLiteral("杭州"),
                          "B1", "u1", "onboarding", "medium", "in_progress", "5411", 200000,
                          "acct2", 0, at("2026-02-10") },
                        { "c3", "merchant", QStringLiteral("外滩餐厅"), QStringLiteral("上海"),
                          "B2", "u2", "active", "high", "verified", "5812", none, "acct1", 0,
                          at("2026-03-02") },
                        { "c4", "individual", QStringLiteral("陈明"), QStringLiteral("上海"), "B2",
                          "u2", "prospect", none, "not_started", none, 50000, none, 0,
                          at("2026-03-15") },
                        { "c5", "corporate", QStringLiteral("京城贸易"), QStringLiteral("北京"),
                          "B3", "u1", "suspended", "low", "expired", none, 300000, "acct3", 0,
                          at("2025-12-20") },
                        { "c6", "merchant", QStringLiteral("已删除"), QStringLiteral("杭州"), "B1",
                          "u1", "active", "low", "verified", "5812", 999999, "acct9", 1,
                          at("2026-03-01") } })
            && insert(db, QStringLiteral("leads"),
                      { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("branch_id"),
                        QStringLiteral("owner_id"), QStringLiteral("status"),
                        QStringLiteral("source"), QStringLiteral("score"),
                        QStringLiteral("converted_customer_id"), QStringLiteral("created_at") },
                      { { "l1", QStringLiteral("赵一"), "B1", "u1", "new", "web_form", 50, none,
                          at("2026-03-01") },
                        { "l2", QStringLiteral("钱二"), "B1", "u1", "converted", "referral", 80,
                          "c1", at("2026-02-01") },
                        { "l3", QStringLiteral("孙三"), "B2", "u2", "lost", "event", 20, none,
                          at("2026-03-10") },
                        { "l4", QStringLiteral("李四"), "B1", "u1", "qualified", "web_form", 70,
                          none, at("2026-03-17") } })
            && insert(db, QStringLiteral("tasks"),
                      { QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("owner_id"),
                        QStringLiteral("status"), QStringLiteral("priority"),
                        QStringLiteral("due_at"), QStringLiteral("related_table"),
                        QStringLiteral("related_id"), QStringLiteral("branch_id") },
                      { { "t1", QStringLiteral("回访"), "u1", "open", "high", at("2026-03-20"),
                          "customers", "c1", "B1" },
                        { "t2", QStringLiteral("签约"), "u1", "done", "normal", at("2026-03-10"),
                          "leads", "l2", "B1" },
                        { "t3", QStringLiteral("补件"), "u2", "open", "urgent", at("2026-03-25"),
                          "customers", "c3", "B2" },
                        { "t4", QStringLiteral("培训"), "u2", "done", "normal", at("2026-02-01"),
                          none, none, "B3" } })
            && insert(db, QStringLiteral("activities"),
                      { QStringLiteral("id"), QStringLiteral("kind"),
                        QStringLiteral("related_table"), QStringLiteral("related_id"),
                        QStringLiteral("author_id"), QStringLiteral("occurred_at"),
                        QStringLiteral("subject"), QStringLiteral("attachment_size") },
                      { { "a1", "call", "customers", "c1", "u1", at("2026-03-01"),
                          QStringLiteral("电话"), none },
                        { "a2", "visit", "customers", "c1", "u1", at("2026-03-02"),
                          QStringLiteral("拜访"), none },
                        { "a3", "note", "leads", "l3", "u2", at("2026-03-03"),
                          QStringLiteral("备注"), none },
                        { "a4", "call", "customers", "c3", "u2", at("2026-03-16"),
                          QStringLiteral("电话"), 1000 },
                        { "a5", "email", "customers", "c2", "u1", at("2026-03-17"),
                          QStringLiteral("邮件"), 3000 } })
            && insert(
                    db, QStringLiteral("approval_requests"),
                    { QStringLiteral("id"), QStringLiteral("flow_code"),
                      QStringLiteral("record_id"), QStringLiteral("record_label"),
                      QStringLiteral("requester_id"), QStringLiteral("branch_id"),
                      QStringLiteral("status"), QStringLiteral("round"),
                      QStringLiteral("decided_at"), QStringLiteral("created_at") },
                    { { "ap1", "fee_rate_change", "c1", QStringLiteral("西湖茶馆"), "u1", "B1",
                        "pending", 1, none, at("2026-03-01", "00:00:00") },
                      { "ap2", "fee_rate_change", "c2", QStringLiteral("文三超市"), "u1", "B1",
                        "approved", 2, at("2026-03-03", "12:00:00"), at("2026-03-02", "00:00:00") },
                      { "ap3", "settlement_account_change", "c3", QStringLiteral("外滩餐厅"), "u2",
                        "B2", "rejected", 1, at("2026-03-05", "12:00:00"),
                        at("2026-03-05", "00:00:00") } })
            && insert(db, QStringLiteral("merchant_volumes"),
                      { QStringLiteral("id"), QStringLiteral("customer_id"),
                        QStringLiteral("month"), QStringLiteral("volume_fen"),
                        QStringLiteral("tx_count"), QStringLiteral("refund_fen"),
                        QStringLiteral("chargeback_count") },
                      { { "mv1", "c1", "2026-01", 100000, 10, 1000, 1 },
                        { "mv2", "c1", "2026-02", 200000, 20, 0, 0 },
                        { "mv3", "c2", "2026-02", 50000, 5, 500, 0 },
                        { "mv4", "c3", "2026-03", 300000, 30, 3000, 2 },
                        { "mv5", "c3", "2025-12", 70000, 7, 0, 1 } });
}

} // namespace branchline::test
