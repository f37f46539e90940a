// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QTimer>

namespace branchline {

// The longest time this thread's event loop could not get to a 1 ms timer: what a user
// feels as a frozen window. Work done synchronously on the GUI thread (building a page,
// loading a model) shows up here in full unless it is split across turns of the loop.
class StallProbe
{
public:
    StallProbe();

    void start();
    // The longest gap between two ticks, less the tick interval, in ms.
    double stop();

private:
    static constexpr int intervalMs = 1;

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_worstNs = 0;
};

} // namespace branchline
