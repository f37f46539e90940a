// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace branchline::server {

// A few threads of their own for password hashes, at a lower CPU priority (nice 10). An
// argon2id check keeps a core busy for a good part of a second and takes 64 MiB: a flood of
// sign-ins run on the request threads would take every core and the memory with it, and
// /healthz, the database and every other request would wait for the CPU. Here they queue
// for as many threads as there are cores (at most eight), and whatever else wants a core
// gets it first.
class HashingThreads
{
public:
    // `count` 0: one per core, at most eight.
    explicit HashingThreads(int count = 0);
    ~HashingThreads();
    HashingThreads(const HashingThreads &) = delete;
    HashingThreads &operator=(const HashingThreads &) = delete;

    // Runs `work` on one of the threads and waits for its answer.
    bool run(const std::function<bool()> &work);

private:
    void serve();

    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::packaged_task<bool()>> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace branchline::server
