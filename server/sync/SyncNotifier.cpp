// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncNotifier.h"

#include "ChangeLog.h"

#include <QLoggingCategory>

#include <optional>

Q_LOGGING_CATEGORY(lcSyncNotifier, "branchline.server.sync.notifier")

namespace branchline::server {

SyncNotifier::SyncNotifier(const Database &database, Callback moved,
                           std::chrono::milliseconds interval)
    : m_database(database)
    , m_moved(std::move(moved))
    , m_interval(interval)
{
}

SyncNotifier::~SyncNotifier()
{
    stop();
}

void SyncNotifier::start()
{
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_started = false;
    m_thread = std::thread([this] { run(); });
    // Once start() returns the first head has been read (or failed to be), so any change
    // made after it is announced.
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait(lock, [this] { return m_started; });
}

void SyncNotifier::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

QByteArray SyncNotifier::changesMessage(qint64 head)
{
    return QByteArray("{\"type\":\"changes\",\"head\":") + QByteArray::number(head) + '}';
}

void SyncNotifier::run()
{
    // The first head read is where we start from: only moves after it are news.
    std::optional<SyncHead> last;
    bool failing = false;
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        QString error;
        QSqlDatabase db = m_database.connection(&error);
        SyncHead head;
        if (db.isOpen() && ChangeLog::head(db, &head, &error)) {
            failing = false;
            // A new epoch (a restored database) is news even at the same seq.
            if (last && (head.lastSeq != last->lastSeq || head.epoch != last->epoch))
                m_moved(head.lastSeq);
            last = head;
        } else if (!failing) {
            failing = true; // said once, not every 300 ms while the database is away
            qCWarning(lcSyncNotifier) << "cannot read the change log head:" << error;
        }
        lock.lock();
        if (!m_started) {
            m_started = true;
            m_wake.notify_all();
        }
        m_wake.wait_for(lock, m_interval, [this] { return m_stopping; });
    }
}

} // namespace branchline::server
