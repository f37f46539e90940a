// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

namespace branchline {

// The machine-readable lines one benchmark program prints on stdout, for bench_store to
// combine. One line per fact, `KIND key=value ...`, the free text always last:
//
//   STEP   step=<id> title=<text>            what a step measures (printed once)
//   RESULT side=<side> step=<id> ms=<median> reps=<n>
//   CHECK  side=<side> step=<id> value=<text> what the step returned; must match across sides
//   INFO   side=<side> key=<name> value=<text>
//   PLAN   side=<side> step=<id> detail=<text>
//   MEMORY side=<side> peak_rss_kib=<n>
//
// Progress goes to stderr, so stdout stays parseable.
class BenchReport
{
public:
    explicit BenchReport(QString side);

    QString side() const { return m_side; }

    void step(const QString &id, const QString &title) const;
    void result(const QString &id, double ms, int repetitions) const;
    void check(const QString &id, const QString &value) const;
    void info(const QString &key, const QString &value) const;
    void plan(const QString &id, const QString &detail) const;
    void memory() const;
    void progress(const QString &text) const;

    // Calls `measure` `warmups` times and ignores the result, then `repetitions` times, and
    // returns the median of what it returned (milliseconds), or a negative number as soon
    // as one call returns one (a failure). The warm-up calls put both sides on the same
    // footing: the file pages a query needs are already in the operating system's cache.
    static double medianMs(int warmups, int repetitions, const std::function<double()> &measure);
    // Times one call of `run` in milliseconds; negative when it returns false.
    static double timeMs(const std::function<bool()> &run);

    // Peak resident set size of this process so far (getrusage), in KiB.
    static long peakRssKib();

private:
    void line(const QString &text) const;

    QString m_side;
};

} // namespace branchline
