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
};

} // namespace branchline::server
