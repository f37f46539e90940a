// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreError.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>

namespace branchline {

// Which task reminders were shown, so each task is reminded once per due time, across
// restarts too. Kept in the account's own encrypted store (store_meta), so it goes with
// the account and names no task outside it. A rescheduled task has a new due time and is
// reminded again.
class ReminderLedger
{
public:
    explicit ReminderLedger(const QSqlDatabase &db);

    bool contains(const QString &taskId, const QDateTime &due) const;
    void remember(const QString &taskId, const QDateTime &due);
    // Drops the entries of due times before `before`, which can never be reminded again.
    void forgetBefore(const QDateTime &before);
    bool save(StoreError *error);

private:
    QSqlDatabase m_db;
    QHash<QString, QDateTime> m_reminded; // task id -> the due time it was reminded for
    bool m_changed = false;
};

} // namespace branchline
