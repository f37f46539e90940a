// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace branchline {

// The bookkeeping every synced record carries (see migrations/0001_initial.sql).
struct SyncMeta
{
    qint64 localId = 0; // this device's row number; 0 until first saved
    QString id; // global id (UUID); made on first save if empty
    qint64 version = 0; // server seq last seen; 0 = never synced
    bool deleted = false; // tombstone
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace branchline
