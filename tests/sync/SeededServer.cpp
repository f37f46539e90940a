// SPDX-License-Identifier: GPL-3.0-or-later
#include "SeededServer.h"

namespace branchline::test {

SeededServer::SeededServer(const QString &engine, int customers)
    : m_database(std::make_unique<ServerDatabase>(engine, m_dir.path()))
{
    if (!m_database->isReady()) {
        m_failure = m_database->failure();
        return;
    }
    m_process = std::make_unique<ServerProcess>(m_database->url());
    if (!m_process->seed(customers, &m_failure))
        return;
    m_running = m_process->start();
    if (!m_running)
        m_failure = QStringLiteral("branchline-server did not start on %1").arg(engine);
}

} // namespace branchline::test
