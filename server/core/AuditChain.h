// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyRing.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

namespace branchline::server {

// One row of audit_log as it is stored: what its link covers.
struct AuditRow
{
    qint64 seq = 0;
    QString at;
    QVariant actorId; // SQL NULL for the server itself; never '' from the server
    QString action;
    QString entity;
    QString entityId;
    QString reason;
    QString detail;
    int keyNumber = 0; // the audit key of the MAC; 0: an entry from before the chain was keyed
    QString previous; // the link of the entry before it (hex)
    QString link; // this entry's MAC (keyed) or SHA-256 (from before), hex
};

// How one entry is linked to the one before it.
//
// A keyed entry's link is HMAC-SHA256, under the audit key it names, of a canonical
// encoding: a version tag, then every value with its length in front, so no text can move
// a boundary between fields, and SQL NULL marked apart from an empty text. It covers the
// sequence number, the time, every field, the key number and the previous link, so an
// entry cannot be changed, moved, re-keyed or re-chained without the key.
//
// Entries written before the upgrade (key number 0) keep the old SHA-256 over the fields
// joined by 0x1f; anyone can recompute those, so they are only trustworthy up to the first
// keyed entry, whose MAC covers the last of them.
class AuditChain
{
public:
    static QString genesis(); // the "previous link" of entry 1: 64 zeros
    static QByteArray canonical(const AuditRow &row);
    static QString mac(const KeyRing::Key &key, const AuditRow &row);
    // Compares in constant time; false for a link that is not 64 hex digits.
    static bool macMatches(const KeyRing::Key &key, const AuditRow &row);
    static QString legacyHash(const AuditRow &row);
};

} // namespace branchline::server
