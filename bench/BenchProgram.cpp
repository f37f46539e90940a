// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchProgram.h"

#include "BenchReport.h"
#include "StoreBenchmark.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdio>

namespace branchline {

int runBenchProgram(int argc, char *argv[], const char *side, BenchStore &store,
                    const std::function<bool(const BenchOptions &)> &afterwards)
{
    QCoreApplication app(argc, argv);
    // Both programs silence debug output the same way, so no step pays for log lines.
    QLoggingCategory::setFilterRules("*.debug=false\n*.info=false");

    BenchOptions options;
    QString error;
    if (!BenchOptions::parse(app.arguments(), side, &options, &error)) {
        std::fprintf(stderr, "%s\n%s", qPrintable(error),
                     qPrintable(BenchOptions::usage(app.applicationName())));
        return 2;
    }
    QTemporaryDir folder;
    if (options.filePath.isEmpty())
        options.filePath = folder.filePath(QString::fromLatin1(side) + ".db");

    StoreBenchmark benchmark(&store, options, BenchReport(options.side));
    const bool ok = benchmark.run() && afterwards(options);
    if (!options.keep) {
        for (const char *suffix : { "", "-wal", "-shm" })
            QFile::remove(options.filePath + suffix);
    }
    return ok ? 0 : 1;
}

} // namespace branchline
