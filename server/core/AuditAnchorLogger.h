// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace branchline::server {

// Logs the audit trail's anchor (AuditAnchor::line) at info level, category
// branchline.server.audit, when started and then every `interval`, on its own thread and
// connection. Under systemd the journal keeps those lines out of the database's reach: an
// automatic anchor for verify-audit --anchor.
class AuditAnchorLogger
{
public:
    AuditAnchorLogger(const Database &database, std::chrono::milliseconds interval);
    ~AuditAnchorLogger();
    AuditAnchorLogger(const AuditAnchorLogger &) = delete;
    AuditAnchorLogger &operator=(const AuditAnchorLogger &) = delete;

    void start();
    // Ends the thread (and closes its connection). Safe to call twice.
    void stop();

private:
    void run();

    const Database &m_database;
    std::chrono::milliseconds m_interval;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

} // namespace branchline::server
