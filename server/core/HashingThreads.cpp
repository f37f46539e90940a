// SPDX-License-Identifier: GPL-3.0-or-later
#include "HashingThreads.h"

#include <algorithm>
#include <sys/resource.h>
#include <unistd.h>

namespace branchline::server {

namespace {
// Linux keeps a nice value per thread: this lowers only the hashing threads.
constexpr int hashingNice = 10;
} // namespace

HashingThreads::HashingThreads(int count)
{
    if (count <= 0)
        count = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 8);
    for (int i = 0; i < count; ++i)
        m_threads.emplace_back([this] {
            setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), hashingNice);
            serve();
        });
}

HashingThreads::~HashingThreads()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_ready.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
}

bool HashingThreads::run(const std::function<bool()> &work)
{
    std::packaged_task<bool()> task(work);
    std::future<bool> answer = task.get_future();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(task));
    }
    m_ready.notify_one();
    return answer.get();
}

void HashingThreads::serve()
{
    for (;;) {
        std::packaged_task<bool()> task;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_ready.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping, and nothing left to answer
            task = std::move(m_queue.front());
            m_queue.pop_front();
        }
        task();
    }
}

} // namespace branchline::server
