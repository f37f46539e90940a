// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchReport.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <vector>

namespace branchline {

BenchReport::BenchReport(QString side)
    : m_side(std::move(side))
{
}

void BenchReport::line(const QString &text) const
{
    // Unbuffered per line: when a run dies half-way, the steps it finished still count.
    std::fputs(text.toUtf8().append('\n').constData(), stdout);
    std::fflush(stdout);
}

void BenchReport::step(const QString &id, const QString &title) const
{
    line(QString("STEP step=%1 title=%2").arg(id, title));
}

void BenchReport::result(const QString &id, double ms, int repetitions) const
{
    line(QString("RESULT side=%1 step=%2 ms=%3 reps=%4")
                 .arg(m_side, id, QString::number(ms, 'f', 3))
                 .arg(repetitions));
    progress(QString("%1: %2 ms").arg(id, QString::number(ms, 'f', 3)));
}

void BenchReport::check(const QString &id, const QString &value) const
{
    line(QString("CHECK side=%1 step=%2 value=%3").arg(m_side, id, value));
}

void BenchReport::info(const QString &key, const QString &value) const
{
    line(QString("INFO side=%1 key=%2 value=%3").arg(m_side, key, value));
}

void BenchReport::plan(const QString &id, const QString &detail) const
{
    line(QString("PLAN side=%1 step=%2 detail=%3").arg(m_side, id, detail));
}

void BenchReport::memory() const
{
    line(QString("MEMORY side=%1 peak_rss_kib=%2").arg(m_side).arg(peakRssKib()));
}

void BenchReport::progress(const QString &text) const
{
    std::fputs(QString("[%1] %2\n").arg(m_side, text).toUtf8().constData(), stderr);
    std::fflush(stderr);
}

double BenchReport::medianMs(int warmups, int repetitions, const std::function<double()> &measure)
{
    for (int i = 0; i < warmups; ++i) {
        if (measure() < 0)
            return -1;
    }
    std::vector<double> times;
    times.reserve(static_cast<std::size_t>(repetitions));
    for (int i = 0; i < repetitions; ++i) {
        const double ms = measure();
        if (ms < 0)
            return -1;
        times.push_back(ms);
    }
    std::sort(times.begin(), times.end());
    const std::size_t middle = times.size() / 2;
    return times.size() % 2 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
}

double BenchReport::timeMs(const std::function<bool()> &run)
{
    QElapsedTimer timer;
    timer.start();
    const bool ok = run();
    const qint64 ns = timer.nsecsElapsed();
    return ok ? static_cast<double>(ns) / 1e6 : -1;
}

long BenchReport::peakRssKib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // Linux reports KiB
}

} // namespace branchline
