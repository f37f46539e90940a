// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace branchline {

// One side of the storage benchmark: how a store file is created and how a connection to
// it is opened. StoreBenchmark runs the same steps, with the same SQL, over either side.
//
// Both sides must end up with the same settings: the product schema applied verbatim,
// 4096-byte pages, `cachePages` of page cache, WAL, synchronous=NORMAL, temp_store=MEMORY
// and the "branchline" search tokenizer.
class BenchStore
{
public:
    // What SqlCipherDriver::Options uses by default (64 MiB); the plain side sets the same.
    static constexpr int cachePages = 16384;

    virtual ~BenchStore() = default;

    // Creates a new store file holding migration 0001_initial.sql and nothing else.
    virtual bool create(const QString &filePath, QString *error) = 0;
    // Opens a connection the way this side's product code would, ready for queries.
    virtual QSqlDatabase open(const QString &filePath, const QString &connectionName,
                              QString *error) = 0;
    // Closes the connection; every QSqlQuery and QSqlDatabase copy must be gone by then.
    virtual void close(const QString &connectionName) = 0;
};

} // namespace branchline
