// SPDX-License-Identifier: GPL-3.0-or-later
// bench_store_plain: the storage benchmark's baseline, Qt's QSQLITE on plain SQLite.
// Then the read steps straight on the same SQLite's C API. Links no SQLCipher (see
// PlainBenchStore). Normally started by bench_store.
#include "BenchOptions.h"
#include "BenchReport.h"
#include "CApiBenchmark.h"
#include "PlainBenchStore.h"
#include "StoreBenchmark.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdio>

using namespace branchline;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Both programs silence debug output the same way, so no step pays for log lines.
    QLoggingCategory::setFilterRules("*.debug=false\n*.info=false");

    BenchOptions options;
    QString error;
    if (!BenchOptions::parse(app.arguments(), "plain", &options, &error)) {
        std::fprintf(stderr, "%s\n%s", qPrintable(error),
                     qPrintable(BenchOptions::usage(app.applicationName())));
        return 2;
    }
    QTemporaryDir folder;
    if (options.filePath.isEmpty())
        options.filePath = folder.filePath("plain.db");

    PlainBenchStore store;
    StoreBenchmark benchmark(&store, options, BenchReport(options.side));
    const bool ok = benchmark.run() && CApiBenchmark(options, QByteArray()).run();
    if (!options.keep) {
        for (const char *suffix : { "", "-wal", "-shm" })
            QFile::remove(options.filePath + suffix);
    }
    return ok ? 0 : 1;
}
