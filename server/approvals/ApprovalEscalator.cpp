// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalEscalator.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcEscalator, "branchline.server.approvals.escalator")

namespace branchline::server {

ApprovalEscalator::ApprovalEscalator(const Database &database, const ApprovalService &service,
                                     std::chrono::milliseconds interval)
    : m_database(database)
    , m_service(service)
    , m_interval(interval)
{
}

ApprovalEscalator::~ApprovalEscalator()
{
    stop();
}

void ApprovalEscalator::start()
{
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void ApprovalEscalator::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

int ApprovalEscalator::escalated() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_escalated;
}

void ApprovalEscalator::run()
{
    bool failing = false;
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        int escalated = 0;
        QString error;
        if (m_service.escalateDue(m_database, &escalated, &error)) {
            failing = false;
            if (escalated > 0)
                qCInfo(lcEscalator) << "escalated" << escalated << "overdue approval steps";
        } else if (!failing) {
            failing = true; // said once, not every period while the database is away
            qCWarning(lcEscalator) << "cannot escalate overdue approval steps:" << error;
        }
        lock.lock();
        m_escalated += escalated;
        m_wake.wait_for(lock, m_interval, [this] { return m_stopping; });
    }
}

} // namespace branchline::server
