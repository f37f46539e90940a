// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProgressEstimate.h"

namespace branchline {

void ProgressEstimate::start(qint64 nowMs)
{
    *this = ProgressEstimate();
    m_startMs = nowMs;
    m_baseMs = nowMs;
}

void ProgressEstimate::update(qint64 done, qint64 total, qint64 nowMs)
{
    // A new total (a phase with a count began, or the count changed) starts a new measure.
    if (total != m_total || done < m_done) {
        m_baseDone = done;
        m_baseMs = nowMs;
    }
    m_total = total;
    m_done = done;
}

std::optional<qint64> ProgressEstimate::remainingMs(qint64 nowMs) const
{
    if (m_total <= 0)
        return std::nullopt;
    if (m_done >= m_total)
        return 0;
    const qint64 measured = nowMs - m_baseMs;
    const qint64 progressed = m_done - m_baseDone;
    if (measured < minimumMeasureMs || progressed <= 0)
        return std::nullopt;
    return (m_total - m_done) * measured / progressed;
}

} // namespace branchline
