// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

struct sqlite3;
struct sqlite3_stmt;

namespace branchline {

// The benchmark's read queries run straight on the C API of whichever SQLite the program
// links: plain SQLite in bench_store_plain, SQLCipher in bench_store_cipher (compiled with
// BRANCHLINE_SQLCIPHER). It is the floor under each Qt driver, so the results can tell
// the engine's cost from the driver's.
//
// A connection is set up as SqlCipherDriver sets up its own (same pragmas, same order,
// same tokenizer), with the key when one is given. Rows are read with the accessor for
// each value's type and go no further: no QVariant, no QString.
class CApiStore
{
public:
    CApiStore() = default;
    ~CApiStore();
    CApiStore(const CApiStore &) = delete;
    CApiStore &operator=(const CApiStore &) = delete;

    // `keyLiteral` is SQLCipher's x'...' raw key, or empty for no key. It is a fixed
    // benchmark key, not a secret, hence a plain QByteArray.
    bool open(const QString &filePath, const QByteArray &keyLiteral, QString *error);
    void close();
    // Runs statements without reading rows.
    bool exec(const char *sql, QString *error);
    sqlite3 *handle() const { return m_db; }

    // Runs one statement and reads its first row's first column (the "first query").
    bool firstValue(const char *sql, qint64 *value, QString *error);

    // One prepared statement for all `ids`.
    bool lookups(const QByteArray &sql, const QStringList &ids, qint64 *found, qint64 *localIdSum,
                 QString *error);
    bool firstPage(const QByteArray &sql, const QByteArray &match, int limit, qint64 *rows,
                   qint64 *localIdSum, QString *error);
    bool matchCount(const QByteArray &match, qint64 *count, QString *error);
    // The GROUP BY rows as "city|risk|count" lines.
    bool groups(const QByteArray &sql, QStringList *lines, QString *error);

private:
    bool prepare(const QByteArray &sql, sqlite3_stmt **statement, QString *error);
    bool failed(int resultCode, QString *error) const;

    sqlite3 *m_db = nullptr;
};

} // namespace branchline
