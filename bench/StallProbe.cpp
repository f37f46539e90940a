// SPDX-License-Identifier: GPL-3.0-or-later
#include "StallProbe.h"

namespace branchline {

StallProbe::StallProbe()
{
    m_timer.setInterval(intervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_worstNs = std::max(m_worstNs, now - m_lastNs - qint64(intervalMs) * 1'000'000);
        m_lastNs = now;
    });
}

void StallProbe::start()
{
    m_worstNs = 0;
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

double StallProbe::stop()
{
    // The stretch since the last tick counts too: a step that ends blocked is a stall.
    const qint64 now = m_clock.nsecsElapsed();
    m_worstNs = std::max(m_worstNs, now - m_lastNs - qint64(intervalMs) * 1'000'000);
    m_timer.stop();
    return double(std::max<qint64>(m_worstNs, 0)) / 1e6;
}

} // namespace branchline
