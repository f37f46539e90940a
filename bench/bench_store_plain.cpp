// SPDX-License-Identifier: GPL-3.0-or-later
// bench_store_plain: the storage benchmark's baseline, Qt's QSQLITE on plain SQLite.
// Then the read steps straight on the same SQLite's C API. Links no SQLCipher (see
// PlainBenchStore). Normally started by bench_store.
#include "BenchProgram.h"
#include "CApiBenchmark.h"
#include "PlainBenchStore.h"

using namespace branchline;

int main(int argc, char *argv[])
{
    PlainBenchStore store;
    return runBenchProgram(argc, argv, "plain", store, [](const BenchOptions &options) {
        return CApiBenchmark(options, QByteArray()).run();
    });
}
