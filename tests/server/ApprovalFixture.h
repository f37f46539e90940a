// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerFixture.h"
#include "sync/SyncService.h"

#include <QHash>
#include <QJsonObject>

namespace branchline::server::test {

// The organisation of the approval tests, with real users (approvers are resolved from the
// users table):
//
//   总行 hq (risk, admin)
//   ├── 浙江分行 zj (zjmgr)
//   │   └── 杭州西湖支行 xihu (xmgr, xmgr2, rep)
//   └── 江苏分行 js
//       └── 南京支行 nanjing (njmgr, rep2)
//
// and two of rep's customers in xihu: a prospect merchant (MCC 5812, low risk) and a
// corporate borrower.
struct ApprovalOrg
{
    Branch hq, zj, xihu, js, nanjing;
    Caller rep, rep2, xmgr, xmgr2, zjmgr, njmgr, risk, admin;
    QString merchant;
    QString borrower;
};
bool makeApprovalOrg(Database &database, ApprovalOrg *org, QString *error);
// The password of every user makeApprovalOrg() adds (for tests that sign in).
QString approvalPassword();

QString newId();

// One device of one user, pushing numbered mutations to the sync service and pulling.
class Device
{
public:
    Device(SyncService &service, const Caller &caller);

    sync::MutationResult insert(const QString &table, const QString &id, const QJsonObject &fields);
    sync::MutationResult update(const QString &table, const QString &id, const QJsonObject &fields);
    // A decision on `request` (an approval_decisions insert); its id is new.
    sync::MutationResult decide(const QString &request, int expectedStep, const QString &what,
                                const QString &comment = QString(),
                                const QString &delegateTo = QString());
    // Everything the user sees from a fresh snapshot: table -> id -> row.
    QHash<QString, QHash<QString, QJsonObject>> pullAll();

    Caller caller;
    QString clientId;
    sync::PushResponse last; // the last push's whole answer

private:
    sync::MutationResult push(sync::Mutation mutation);

    SyncService &m_service;
    qint64 m_next = 1;
};

// The fee-rate change request fields the tests send.
QJsonObject feeRequest(const QString &customer, qint64 debit, const QString &reason = "渠道竞争");

// One value from the database (first column of the first row), or an invalid QVariant.
QVariant scalar(Database &database, const QString &sql, const QVariantList &values = {});
// Runs a statement; false (said as a warning unless `quiet`) when it failed.
bool exec(Database &database, const QString &sql, const QVariantList &values = {},
          bool quiet = false);
// Whether the database refuses a statement (a trigger, a constraint).
bool refusedByDatabase(Database &database, const QString &sql, const QVariantList &values = {});
// The request row as stored.
QJsonObject storedRequest(Database &database, const QString &id);
// The audit actions about a request, oldest first.
QStringList auditActions(Database &database, const QString &requestId);

} // namespace branchline::server::test
