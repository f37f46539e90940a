// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StatementRecorder.h"

#include <QStringList>

struct sqlite3;
struct sqlite3_stmt;

namespace branchline {

// Runs recorded statements again straight on SQLCipher's C API: the benchmark's baseline.
// Each statement is prepared, bound with its recorded values, stepped to the end with
// every column read as its type's accessor gives it (no QVariant, no QString), and
// finalized, as the product's driver prepares a new statement per query.
bool replayStatements(sqlite3 *db, const QList<RecordedStatement> &statements, qint64 *rows,
                      QString *error);

// Binds `values` in order: null, integers, reals, blobs (QByteArray) and text.
bool bindValues(sqlite3_stmt *statement, const QVariantList &values);

// EXPLAIN QUERY PLAN of each statement with its values, one line per plan row, and what
// the statement costs alone (warm).
QStringList queryPlans(sqlite3 *db, const QList<RecordedStatement> &statements);

} // namespace branchline
