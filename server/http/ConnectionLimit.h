// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace branchline::server {

// How many connections the server may hold: the configured maximum, unless the process's
// file descriptor limit (RLIMIT_NOFILE; systemd's LimitNOFILE) leaves less room. Each
// connection is one descriptor; the rest of the server needs some too (database connections
// of its threads, SQLite's journal files, the listener, the event loop), so those are kept
// back. Beyond the limit, accept() would fail with EMFILE and the server could no longer
// take even a health check.
class ConnectionLimit
{
public:
    // `threads`: every thread of the server that may open a database connection.
    ConnectionLimit(int wanted, int threads);

    int connections() const { return m_connections; }
    bool lowered() const { return m_connections < m_wanted; }
    // For the log when lowered(): the limits, and what to raise.
    QString explanation() const;

    // The smallest limit used, however few descriptors there are.
    static constexpr int minimum = 16;

private:
    int m_wanted;
    int m_connections;
    qint64 m_files = -1; // the descriptor limit, -1 if none
    qint64 m_reserved = 0;
};

} // namespace branchline::server
