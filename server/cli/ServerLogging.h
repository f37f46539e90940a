// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace branchline::server {

// The server's log lines go to stderr. Under systemd, whose journal stamps every line with
// its own time, unit and pid, a line carries only a syslog priority prefix ("<4>") so that
// `journalctl -p warning` works; elsewhere Qt's plain "category: message".
class ServerLogging
{
public:
    // debug, info, warning, error: the lowest level written.
    static QStringList levels();
    // Hides the levels below `level` (QT_LOGGING_RULES, when set, still wins) and picks the
    // line format for where stderr goes.
    static void apply(const QString &level);
    // Whether stderr is the journal stream systemd named in $JOURNAL_STREAM (a shell started
    // from a service inherits the variable but not the stream).
    static bool stderrIsJournal();
};

} // namespace branchline::server
