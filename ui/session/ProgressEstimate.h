// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <optional>

namespace branchline {

// Elapsed time and time left of a long transfer whose total may be unknown. The rate is
// measured from the moment the total became known, so a slow start (signing in, the first
// page) does not stretch the estimate. No clock of its own: the caller passes the time.
class ProgressEstimate
{
public:
    void start(qint64 nowMs);
    // `total` < 0: not known (a snapshot streams without a count).
    void update(qint64 done, qint64 total, qint64 nowMs);

    qint64 elapsedMs(qint64 nowMs) const { return nowMs - m_startMs; }
    // Nothing while the total is unknown or too little has been measured to say.
    std::optional<qint64> remainingMs(qint64 nowMs) const;

    static constexpr qint64 minimumMeasureMs = 1500;

private:
    qint64 m_startMs = 0;
    qint64 m_total = -1;
    qint64 m_done = 0;
    qint64 m_baseDone = 0; // done when the current total became known
    qint64 m_baseMs = 0;
};

} // namespace branchline
