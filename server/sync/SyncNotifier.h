// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Database.h"

#include <QByteArray>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace branchline::server {

// Watches the change log's head (sync_state.last_seq) on its own thread and connection and
// calls `moved` with the new head whenever it changes (sync rule 16). It reads the shared
// database rather than hooking this instance's writes, so a change made through any
// instance behind the load balancer is announced by all of them.
class SyncNotifier
{
public:
    using Callback = std::function<void(qint64 head)>;

    SyncNotifier(const Database &database, Callback moved,
                 std::chrono::milliseconds interval = std::chrono::milliseconds(300));
    ~SyncNotifier();
    SyncNotifier(const SyncNotifier &) = delete;
    SyncNotifier &operator=(const SyncNotifier &) = delete;

    // Returns once the starting head has been read.
    void start();
    // Ends the thread (and closes its connection). Safe to call twice.
    void stop();

    // What the events socket carries: {"type":"changes","head":N}.
    static QByteArray changesMessage(qint64 head);

private:
    void run();

    const Database &m_database;
    Callback m_moved;
    std::chrono::milliseconds m_interval;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    bool m_started = false;
};

} // namespace branchline::server
