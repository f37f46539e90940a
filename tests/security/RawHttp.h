// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace branchline::server::test {

// A whole HTTP answer read off the socket, as an attacker's tool sees it.
struct RawReply
{
    int status = 0; // 0: no connection, or no answer in time
    QByteArray head;
    QByteArray body;
    QJsonObject json; // the body, when it is a JSON object
    qint64 ms = 0; // from connecting to the whole answer

    QByteArray header(const QByteArray &name) const;
};

// One request written by hand on a connection of its own ("Connection: close"), read until
// the server closes it or `timeoutMs` pass. `headers` are extra lines, each ending in CRLF.
// Safe from any thread: the attacks send these from many at once.
RawReply rawRequest(quint16 port, const QByteArray &method, const QByteArray &path,
                    const QByteArray &body = {}, const QByteArray &headers = {},
                    int timeoutMs = 30000);

} // namespace branchline::server::test
