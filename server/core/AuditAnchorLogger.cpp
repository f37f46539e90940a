// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditAnchorLogger.h"

#include "AuditAnchor.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAuditAnchor, "branchline.server.audit")

namespace branchline::server {

AuditAnchorLogger::AuditAnchorLogger(const Database &database, std::chrono::milliseconds interval)
    : m_database(database)
    , m_interval(interval)
{
}

AuditAnchorLogger::~AuditAnchorLogger()
{
    stop();
}

void AuditAnchorLogger::start()
{
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void AuditAnchorLogger::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void AuditAnchorLogger::run()
{
    bool failing = false;
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        QString error;
        AuditAnchor anchor;
        QSqlDatabase db = m_database.connection(&error);
        if (db.isOpen() && AuditAnchor::read(db, &anchor, &error)) {
            failing = false;
            qCInfo(lcAuditAnchor).noquote() << anchor.line();
        } else if (!failing) {
            failing = true; // said once, not every period while the database is away
            qCWarning(lcAuditAnchor).noquote() << "cannot read the audit anchor:" << error;
        }
        lock.lock();
        m_wake.wait_for(lock, m_interval, [this] { return m_stopping; });
    }
}

} // namespace branchline::server
