// SPDX-License-Identifier: GPL-3.0-or-later
// bench_store_cipher: the storage benchmark over our SqlCipherDriver (LocalStore), then
// its read steps straight on the SQLCipher C API. Normally started by bench_store.
#include "BenchProgram.h"
#include "CApiBenchmark.h"
#include "CipherBenchStore.h"

using namespace branchline;

int main(int argc, char *argv[])
{
    CipherBenchStore store;
    return runBenchProgram(argc, argv, "cipher", store, [](const BenchOptions &options) {
        // The fixed benchmark key as SQLCipher's x'...' literal, as SqlCipherDriver passes it.
        const SecretBytes literal = CipherBenchStore::key().toRawKeyLiteral();
        const QByteArray keyLiteral(reinterpret_cast<const char *>(literal.data()),
                                    static_cast<qsizetype>(literal.size()));
        return CApiBenchmark(options, keyLiteral).run();
    });
}
