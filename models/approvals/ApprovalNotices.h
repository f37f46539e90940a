// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "approvals/ApprovalRecords.h"
#include "store/StoreError.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlDatabase>

namespace branchline {

// One desktop notification about approvals.
struct ApprovalNotice
{
    QString requestId;
    QString title;
    QString message;
};

// Which approval events the person has been told of, so each notification shows once,
// across restarts too: a request reaching a step that waits for me, and a decision someone
// else made on my request. Kept in the account's store (store_meta) like task reminders.
// The first look at a store only takes note of what is there: a first sync is not news.
class ApprovalNotices
{
    Q_DECLARE_TR_FUNCTIONS(ApprovalNotices)

public:
    ApprovalNotices(const QSqlDatabase &db, QString userId);

    // The events in `items` not told yet; remembers them (save() keeps the record).
    QList<ApprovalNotice> fresh(const QList<ApprovalItem> &items);
    bool save(StoreError *error = nullptr);

private:
    // Every event the items hold for me, keyed so the same event always has the same key.
    QList<QPair<QString, ApprovalNotice>> events(const QList<ApprovalItem> &items) const;

    QSqlDatabase m_db;
    QString m_userId;
    QSet<QString> m_seen;
    bool m_known = false; // a record existed: later events are news
    bool m_changed = false;
};

} // namespace branchline
