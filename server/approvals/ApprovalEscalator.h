// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApprovalService.h"
#include "core/Database.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace branchline::server {

// Escalates approval steps past their due time, every `interval` on its own thread and
// connection. Several instances on one database may all run it: each request is escalated
// in its own transaction with its row locked, and a step escalated once has its due time
// moved on, so the second instance finds nothing left to do.
class ApprovalEscalator
{
public:
    ApprovalEscalator(const Database &database, const ApprovalService &service,
                      std::chrono::milliseconds interval = std::chrono::minutes(1));
    ~ApprovalEscalator();
    ApprovalEscalator(const ApprovalEscalator &) = delete;
    ApprovalEscalator &operator=(const ApprovalEscalator &) = delete;

    void start();
    // Ends the thread (and closes its connection). Safe to call twice.
    void stop();
    // Steps escalated since start (for tests and logs).
    int escalated() const;

private:
    void run();

    const Database &m_database;
    const ApprovalService &m_service;
    std::chrono::milliseconds m_interval;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    int m_escalated = 0;
};

} // namespace branchline::server
