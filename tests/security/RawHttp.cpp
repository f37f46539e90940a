// SPDX-License-Identifier: GPL-3.0-or-later
#include "RawHttp.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>

namespace branchline::server::test {

QByteArray RawReply::header(const QByteArray &name) const
{
    for (const QByteArray &line : head.split('\n'))
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return line.mid(name.size() + 1).trimmed();
    return {};
}

RawReply rawRequest(quint16 port, const QByteArray &method, const QByteArray &path,
                    const QByteArray &body, const QByteArray &headers, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(method + ' ' + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers
                 + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray data;
    // Short waits: the time of an answer is part of what the attacks measure.
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
        socket.waitForReadyRead(20);
        data += socket.readAll();
    }
    data += socket.readAll();
    RawReply reply;
    reply.ms = timer.elapsed();
    const qsizetype end = data.indexOf("\r\n\r\n");
    reply.status = data.mid(9, 3).toInt();
    reply.head = data.left(end);
    reply.body = data.mid(end + 4);
    reply.json = QJsonDocument::fromJson(reply.body).object();
    return reply;
}

} // namespace branchline::server::test
