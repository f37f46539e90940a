// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace branchline::server {

// Where the server keeps its data: an embedded SQLite file (the default) or PostgreSQL.
//
//   sqlite:///var/lib/branchline/branchline.db   or a bare path
//   postgresql://user:password@host:5432/branchline?host=/run/postgresql
struct DatabaseUrl
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseUrl)

public:
    enum class Engine { Sqlite, Postgres };

    Engine engine = Engine::Sqlite;
    QString path; // SQLite file
    QString host; // PostgreSQL host name, or a socket directory
    int port = 5432;
    QString database;
    QString user;
    QString password;

    // Parses `text`; on failure returns false and says why in `error` (translated).
    static bool parse(const QString &text, DatabaseUrl *url, QString *error);
    // The URL without its password, for logs and status output.
    QString redacted() const;
    QString qtDriverName() const;
};

} // namespace branchline::server
