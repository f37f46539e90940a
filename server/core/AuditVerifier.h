// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AuditChain.h"
#include "AuditLog.h"

#include <QHash>
#include <QSqlQuery>

#include <memory>
#include <optional>

namespace branchline::server {

// Walks the audit trail from entry 1 and names the first entry that is not as the server
// wrote it: a missing entry, a changed one (its MAC or, before the upgrade, its SHA-256
// link no longer matches), one without a MAC after keyed ones, one made with a key older
// than the trail had already moved on to, entries behind the head's back, a missing or
// rewound head, and (given an anchor) an entry the anchor recorded that is gone or changed.
class AuditVerifier
{
    Q_DECLARE_TR_FUNCTIONS(AuditVerifier)

public:
    explicit AuditVerifier(std::shared_ptr<const KeyRing> ring);

    AuditLog::Verification verify(QSqlDatabase &db, const AuditAnchor *anchor);

private:
    struct Head
    {
        qint64 seq = 0;
        QString link;
        QString at;
    };
    // What the walk has seen so far.
    struct State
    {
        QString previous = AuditChain::genesis();
        QString previousAt;
        qint64 lastSeq = 0;
        int lastKey = 0; // key number of the newest keyed entry
        int rotatedTo = 0; // the key named by the newest "audit.key_rotated"
        qint64 rotatedAt = 0;
        QString anchorLink; // the link of the entry the anchor names, once reached
        QString anchorAt;
    };

    static bool readRow(const QSqlQuery &query, AuditRow *row);
    // The problem with `row` given what came before it; empty when it is good. `rest` is the
    // query positioned on it, read on only to tell a wrong key file from a changed entry.
    QString check(const AuditRow &row, const State &state, QSqlQuery &rest);
    QString checkMac(const AuditRow &row, const State &state, QSqlQuery &rest);
    static QString checkHead(const std::optional<Head> &head, const State &state, qint64 *brokenAt);
    static QString checkAnchor(const AuditAnchor &anchor, const State &state, qint64 *brokenAt);

    std::shared_ptr<const KeyRing> m_ring;
    QHash<int, qint64> m_firstSeqOfKey; // key number -> the first entry made with it
};

} // namespace branchline::server
