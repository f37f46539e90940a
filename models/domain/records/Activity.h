// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecordEnums.h"
#include "SyncMeta.h"

namespace branchline {

// One entry of a record's timeline: a call, visit, note, email or document. Append-only.
struct Activity
{
    SyncMeta meta;
    ActivityKind kind = ActivityKind::Note;
    QString relatedTable = QStringLiteral("customers");
    QString relatedId;
    QString authorId;
    QDateTime occurredAt;
    QString subject;
    QString body;
    QString attachmentName;
    qint64 attachmentSize = 0;
    QString attachmentSha256;
};

} // namespace branchline
