// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchOptions.h"
#include "BenchReport.h"

#include <QByteArray>

namespace branchline {

// StoreBenchmark's read steps (lookup, the searches, GROUP BY, open) once more on the
// store it left behind, straight on the C API (CApiStore): same SQL, same ids, same
// warm-up and repetitions. Reported as side "<side>-capi".
//
// On the cipher side this is the second baseline (the search within 2x of the C
// API). On every side it tells what the Qt driver adds over its engine.
class CApiBenchmark
{
public:
    CApiBenchmark(BenchOptions options, QByteArray keyLiteral);

    bool run();

private:
    bool fail(const QString &what, const QString &error) const;

    BenchOptions m_options;
    QByteArray m_keyLiteral;
    BenchReport m_report;
};

} // namespace branchline
