// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace branchline::server {

// Splits a migration script into statements. Qt's QSQLITE runs only the first statement of
// a query, so scripts are split here, for both engines alike. Semicolons inside strings,
// comments, trigger bodies (CREATE TRIGGER ... END;) and PostgreSQL $$ bodies do not split.
class SqlScript
{
public:
    static QStringList split(const QString &script);

    // A migration's one source text as one engine runs it. The text is shared; where the
    // engines differ it says so:
    //
    // - `${BIGINT}` is INTEGER on SQLite (which stores every integer in 64 bits) and BIGINT
    //   on PostgreSQL;
    // - lines between `-- @sqlite` and `-- @postgres` are SQLite's, lines from there to
    //   `-- @end` PostgreSQL's (triggers, functions: what has no common syntax).
    //
    // False with `error` for a block that is opened twice or never closed.
    static bool forEngine(const QString &source, bool postgres, QString *script, QString *error);
};

} // namespace branchline::server
