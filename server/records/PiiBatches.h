// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PiiTable.h"
#include "core/Database.h"

#include <functional>

namespace branchline::server {

// Walks a table that holds personal data in id order, one batch of rows per short
// transaction, so the server goes on serving while it runs: the upgrade that seals the
// values stored in clear (PiiUpgrade) and the key rotation (PiiRekey). Each value changed
// is written only if it is still what was read (compare and set): a value a request wrote
// meanwhile is left alone and counted as missed, for a later pass.
class PiiBatches
{
public:
    struct Row
    {
        QString id;
        QStringList values; // per column of the table, as stored
        QStringList indexes; // per column: its blind index as stored (empty without one)
    };
    struct Change
    {
        int column = 0; // in the table's columns()
        QString value; // what to store
        bool setIndex = false;
        QVariant index; // with setIndex: the blind index to store
    };
    struct Counts
    {
        qint64 rows = 0;
        qint64 changed = 0;
        qint64 missed = 0; // changed by someone else between the read and the write
    };
    // Decides the changes of one row; false (with `error`) stops the walk.
    using Work = std::function<bool(const Row &row, QList<Change> *changes, QString *error)>;

    static bool walk(const Database &database, const PiiTable &table, int batchSize,
                     const Work &work, Counts *counts, QString *error);
};

} // namespace branchline::server
