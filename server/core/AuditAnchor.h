// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace branchline::server {

// The newest entry of the audit trail as one line of text (sequence number, MAC, time), for
// keeping outside the database: in syslog, the journal, a WORM store. Someone with write
// access to the database can cut entries off the end and rewind the head to match, leaving
// a shorter chain that is consistent in itself; an anchor taken earlier names an entry that
// such a trail no longer holds with that MAC (verify-audit --anchor).
struct AuditAnchor
{
    Q_DECLARE_TR_FUNCTIONS(AuditAnchor)

public:
    qint64 seq = 0;
    QString mac; // 64 hex digits
    QString at; // the entry's time; "-" for an empty trail

    // "branchline-audit-anchor seq=N mac=HEX at=TIME"
    QString line() const;
    // Finds the anchor in `text`: the line as printed, or a log line holding it (a journal or
    // syslog line with its own prefix). Nothing when there is none.
    static std::optional<AuditAnchor> parse(const QString &text);
    // The anchor of the trail's head as the database has it now.
    static bool read(QSqlDatabase &db, AuditAnchor *anchor, QString *error);
};

} // namespace branchline::server
