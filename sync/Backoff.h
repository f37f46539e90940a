// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator>

#include <algorithm>

namespace branchline::sync {

// How long to wait before retry number `attempt` (0 = the first): exponential from
// `baseMs`, capped at `maxMs`, with jitter over its upper half, so a branch full of
// clients does not return to a restarted server in step.
inline int backoffDelayMs(int attempt, int baseMs, int maxMs)
{
    const int ceiling = int(std::min<qint64>(maxMs, qint64(baseMs) << std::clamp(attempt, 0, 16)));
    return ceiling / 2 + int(QRandomGenerator::global()->bounded(ceiling / 2 + 1));
}

} // namespace branchline::sync
