// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreError.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

namespace branchline::sync {

// The mutations the server acknowledged, kept for `retentionDays` after the answer
// (local migration 4), so that a server restored from an older backup can be given them
// again: an acknowledged edit is never lost to a restore within that time.
//
// Works inside the caller's transaction (SyncStore's).
class SentHistory
{
public:
    explicit SentHistory(QSqlDatabase db);

    static constexpr int retentionDays = 30;

    // Moves the answered mutations from the outbox into the history, and forgets history
    // rows older than the retention.
    bool keep(const QList<qint64> &mutations, const QDateTime &now, StoreError *error);
    // Moves history rows numbered `from` and later back into the outbox, with their
    // numbers, so they are pushed again before every later edit.
    bool requeue(qint64 from, int *requeued, StoreError *error);

private:
    QSqlDatabase m_db;
};

} // namespace branchline::sync
