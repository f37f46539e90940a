// SPDX-License-Identifier: GPL-3.0-or-later
// bench_store_cipher: the storage benchmark over our SqlCipherDriver (LocalStore), then
// its read steps straight on the SQLCipher C API. Normally started by bench_store.
#include "BenchOptions.h"
#include "BenchReport.h"
#include "CApiBenchmark.h"
#include "CipherBenchStore.h"
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
    if (!BenchOptions::parse(app.arguments(), "cipher", &options, &error)) {
        std::fprintf(stderr, "%s\n%s", qPrintable(error),
                     qPrintable(BenchOptions::usage(app.applicationName())));
        return 2;
    }
    QTemporaryDir folder;
    if (options.filePath.isEmpty())
        options.filePath = folder.filePath("cipher.db");

    CipherBenchStore store;
    StoreBenchmark benchmark(&store, options, BenchReport(options.side));
    // The fixed benchmark key as SQLCipher's x'...' literal, as SqlCipherDriver passes it.
    const SecretBytes literal = CipherBenchStore::key().toRawKeyLiteral();
    const QByteArray keyLiteral(reinterpret_cast<const char *>(literal.data()),
                                static_cast<qsizetype>(literal.size()));
    const bool ok = benchmark.run() && CApiBenchmark(options, keyLiteral).run();
    if (!options.keep) {
        for (const char *suffix : { "", "-wal", "-shm" })
            QFile::remove(options.filePath + suffix);
    }
    return ok ? 0 : 1;
}
