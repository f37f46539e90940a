// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QStringList>

namespace branchline::test {

// Reference rows as a sync round would pull them (the client never writes these itself).
bool addBranch(const QSqlDatabase &db, const QString &id, const QString &name,
               const QString &city = QString());
bool addUser(const QSqlDatabase &db, const QString &id, const QString &displayName,
             const QString &branchId, const QString &roleCode = QStringLiteral("sales_rep"));

// Empties the outbox, as if the server had confirmed every edit: a store after a sync.
bool confirmAllEdits(const QSqlDatabase &db);

// A small, realistic book of business for GUI tests and screenshots: two branches, three
// reps, merchants, individual and corporate borrowers with contacts, a timeline, open
// tasks and leads. Everything is confirmed (nothing pending).
struct DemoBook
{
    QString hangzhouBranch = QStringLiteral("branch-hz");
    QString ningboBranch = QStringLiteral("branch-nb");
    QString repWang = QStringLiteral("user-wang"); // 王磊, 杭州西湖支行
    QString repLi = QStringLiteral("user-li"); // 李静, 杭州西湖支行
    QString repChen = QStringLiteral("user-chen"); // 陈涛, 宁波鄞州支行
    QString teaMerchant; // 杭州西湖龙井茶叶有限公司: contacts, a timeline, tasks, a lead
    QString borrower; // 张秀英, an individual borrower
    QStringList customerIds;
};
DemoBook seedDemoBook(const QSqlDatabase &db, int customers = 60);

} // namespace branchline::test
