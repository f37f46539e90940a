// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/asio/ip/tcp.hpp>

namespace branchline::server {

struct HttpServerState;

// Serves one accepted connection, over TLS when the state has a TLS context: its requests
// one after the other, each handled on a request thread, until it closes or becomes an
// events socket. The only place Boost.Beast's templates are instantiated.
void serveConnection(boost::asio::ip::tcp::socket &&socket, HttpServerState &state);

} // namespace branchline::server
