// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Authenticator.h"
#include "core/DatabaseUrl.h"
#include "http/HttpServer.h"

namespace branchline::server {

// Everything `serve` and the administration commands need, resolved from the built-in
// defaults, the config file and the command line, in that order of precedence.
struct ServerSettings
{
    DatabaseUrl database;
    HttpServerSettings http;
    SessionSettings sessions;
    QString logLevel = QStringLiteral("info"); // debug, info, warning or error
    // The folder of the keys kept out of the database (KeyRing). Empty: beside the SQLite
    // file ("keys" in its folder), or ./branchline-data/keys for PostgreSQL.
    QString keyDirectory;
    // Searches by a full identifier (PII lookups) each user may make an hour.
    int piiLookupsPerHour = 20;
    // serve logs the audit trail's anchor every so many minutes (0: never).
    int auditAnchorMinutes = 60;
    QString configFile; // the file read, if any
    // Where the TLS files were named ("server.conf:12: tls_key" or "--tls-key"), so a file
    // that cannot be read is reported where an administrator can fix it.
    QString certificateOrigin;
    QString privateKeyOrigin;
};

} // namespace branchline::server
