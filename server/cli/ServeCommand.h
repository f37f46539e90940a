// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerSettings.h"

#include <QTextStream>

namespace branchline::server {

// `branchline-server serve`: migrates the database, then answers HTTP until SIGTERM or
// SIGINT, finishing the requests in progress before it exits.
int serve(const ServerSettings &settings, QTextStream &out, QTextStream &err);

// Parses "address:port" (or ":port", or "[v6]:port") for --listen.
bool parseListen(const QString &text, HttpServerSettings *settings);

} // namespace branchline::server
