// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace branchline::test {

// The server's REST API as a web client uses it, beside sync: the tests read what the server
// holds without going through a sync round, and act as an administrator.
struct ApiAnswer
{
    int status = 0; // 0: no HTTP answer
    QJsonObject body;
    QByteArray raw; // the body as it came (a text answer such as /metrics)
};

// GET `path` with a bearer token, waiting on a local event loop.
ApiAnswer apiGet(const QUrl &server, const QString &path, const QString &accessToken);
// POST `body` to `path` with a bearer token.
ApiAnswer apiPost(const QUrl &server, const QString &path, const QString &accessToken,
                  const QJsonObject &body);
// PATCH `body` to `path`, as the web client changes a record.
ApiAnswer apiPatch(const QUrl &server, const QString &path, const QString &accessToken,
                   const QJsonObject &body);
// How many sync event sockets the server holds open (its /metrics gauge); -1 when it does
// not answer. A poke only reaches a client whose socket is open.
int openEventSockets(const QUrl &server);
// Signs `login` in (demo password) on a device id of its own; the access token, or empty.
QString apiSignIn(const QUrl &server, const QString &login, QString *userId = nullptr);

} // namespace branchline::test
