// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionLimit.h"

#include <QCoreApplication>

#include <algorithm>
#include <sys/resource.h>

namespace branchline::server {

ConnectionLimit::ConnectionLimit(int wanted, int threads)
    : m_wanted(std::max(minimum, wanted))
    , m_connections(m_wanted)
{
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) != 0 || files.rlim_cur == RLIM_INFINITY)
        return;
    m_files = static_cast<qint64>(files.rlim_cur);
    // Per thread: a database connection, which on SQLite holds the file, its WAL and its
    // shared memory; and a margin for the process itself (standard streams, the event loop,
    // the listener, a migration's backup copy, TLS files).
    m_reserved = 64 + 4 * qint64(std::max(1, threads) + 4);
    m_connections =
            static_cast<int>(std::clamp<qint64>(m_files - m_reserved, minimum, qint64(m_wanted)));
}

QString ConnectionLimit::explanation() const
{
    return QCoreApplication::translate("HttpServer",
                                       "max_connections is %1, but this process may open only "
                                       "%2 files (RLIMIT_NOFILE), %3 of them kept for the "
                                       "server itself: at most %4 connections. Raise the limit "
                                       "(LimitNOFILE= in the systemd unit, ulimit -n) to allow "
                                       "more.")
            .arg(m_wanted)
            .arg(m_files)
            .arg(m_reserved)
            .arg(m_connections);
}

} // namespace branchline::server
