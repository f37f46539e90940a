// SPDX-License-Identifier: GPL-3.0-or-later
#include "FlakyProxy.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <numeric>

namespace branchline::test {

// One client connection and its own connection to the server. Requests are taken whole from
// the client, then after their delay forwarded, cut part-way or dropped; the answer is
// forwarded, dropped or cut part-way as the request's fate says. It deletes itself once both
// sides are closed.
class ProxyConnection : public QObject
{
public:
    ProxyConnection(FlakyProxy &proxy, QTcpSocket *client)
        : QObject(&proxy)
        , m_proxy(proxy)
        , m_client(client)
        , m_server(new QTcpSocket(this))
    {
        m_client->setParent(this);
        connect(m_client, &QTcpSocket::readyRead, this, &ProxyConnection::readRequest);
        connect(m_client, &QTcpSocket::disconnected, this, &ProxyConnection::clientGone);
        connect(m_server, &QTcpSocket::connected, this, &ProxyConnection::sendHeld);
        connect(m_server, &QTcpSocket::readyRead, this, &ProxyConnection::readAnswer);
        connect(m_server, &QTcpSocket::disconnected, this, &ProxyConnection::serverGone);
        connect(m_server, &QTcpSocket::errorOccurred, this, [this] {
            if (m_server->state() == QAbstractSocket::UnconnectedState)
                serverGone(); // refused: the server is down
        });
        m_server->connectToHost(QHostAddress::LocalHost, m_proxy.m_serverPort);
    }

private:
    static bool open(const QTcpSocket *socket)
    {
        return socket->state() == QAbstractSocket::ConnectedState;
    }

    // The length of the first complete request in `m_buffer`, or 0 while it is incomplete.
    qsizetype completeRequest() const
    {
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return 0;
        qsizetype bodyLength = 0;
        const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
                bodyLength = line.mid(colon + 1).trimmed().toLongLong();
        }
        const qsizetype total = headerEnd + 4 + bodyLength;
        return m_buffer.size() >= total ? total : 0;
    }

    void readRequest()
    {
        m_buffer += m_client->readAll();
        if (m_holding || m_ending)
            return;
        const qsizetype length = completeRequest();
        if (length == 0)
            return;
        m_held = m_buffer.left(length);
        m_buffer.remove(0, length);
        const QByteArray path = m_held.left(m_held.indexOf("\r\n")).split(' ').value(1);
        m_fate = m_proxy.fateFor(path);
        m_holding = true;
        QTimer::singleShot(m_proxy.delayMs(), this, [this] {
            m_delayed = true;
            sendHeld();
        });
    }

    void sendHeld()
    {
        if (!m_holding || !m_delayed || m_ending)
            return;
        if (!open(m_server))
            return; // still connecting: sent on connected(); refused: serverGone() cut it
        m_holding = false;
        m_delayed = false;
        switch (m_fate) {
        case FlakyProxy::Fate::CutBeforeForward:
            return cut();
        case FlakyProxy::Fate::CutMidRequest:
            // Part of the request reaches the server, then both connections end: the server
            // must never act on a request it did not receive whole. The server side closes
            // gracefully, after the part is written.
            m_ending = true;
            m_client->abort();
            m_server->write(m_held.left(m_proxy.cutPoint(m_held.size())));
            m_server->disconnectFromHost();
            return finishIfClosed();
        case FlakyProxy::Fate::Pass:
        case FlakyProxy::Fate::CutBeforeAnswer:
        case FlakyProxy::Fate::CutMidAnswer:
            m_answerFate = m_fate;
            m_server->write(m_held);
            m_held.clear();
            readRequest(); // a pipelined request, if the client sent one
            return;
        }
    }

    void readAnswer()
    {
        const QByteArray data = m_server->readAll();
        if (m_ending || !open(m_client))
            return;
        switch (m_answerFate) {
        case FlakyProxy::Fate::CutBeforeAnswer:
            // The server answered, so it acted on the request; the client hears nothing.
            return cut();
        case FlakyProxy::Fate::CutMidAnswer:
            // A truncated answer: the client gets a prefix, then its connection closes
            // gracefully, after the prefix is written.
            m_ending = true;
            m_server->abort();
            m_client->write(data.left(m_proxy.cutPoint(data.size())));
            m_client->disconnectFromHost();
            return finishIfClosed();
        default:
            m_client->write(data);
        }
    }

    // The client closed its connection (or it was cut): the server's side goes too.
    void clientGone()
    {
        if (!m_ending)
            m_server->abort();
        finishIfClosed();
    }

    // The server closed (or was killed): what it sent still reaches the client, then the
    // client's connection closes.
    void serverGone()
    {
        if (!m_ending && m_client->state() != QAbstractSocket::UnconnectedState)
            m_client->disconnectFromHost();
        finishIfClosed();
    }

    void cut()
    {
        m_ending = true;
        m_server->abort();
        m_client->abort();
        finishIfClosed();
    }

    void finishIfClosed()
    {
        if (m_client->state() == QAbstractSocket::UnconnectedState
            && m_server->state() == QAbstractSocket::UnconnectedState)
            deleteLater();
    }

    FlakyProxy &m_proxy;
    QTcpSocket *m_client;
    QTcpSocket *m_server;
    QByteArray m_buffer; // from the client, not yet taken as a request
    QByteArray m_held; // the request waiting for its delay or for the server connection
    bool m_holding = false;
    bool m_delayed = false;
    bool m_ending = false; // cut: nothing more is forwarded either way
    FlakyProxy::Fate m_fate = FlakyProxy::Fate::Pass;
    FlakyProxy::Fate m_answerFate = FlakyProxy::Fate::Pass;
};

namespace {

// All 64 bits of the seed count: QRandomGenerator takes them as two 32-bit words.
std::array<quint32, 2> seedWords(quint64 seed)
{
    return { quint32(seed & 0xffffffffu), quint32(seed >> 32) };
}

} // namespace

const char *FlakyProxy::fateName(Fate fate)
{
    switch (fate) {
    case Fate::Pass:
        return "pass";
    case Fate::CutBeforeForward:
        return "cut before forwarding";
    case Fate::CutMidRequest:
        return "cut mid-request";
    case Fate::CutBeforeAnswer:
        return "cut after the server got the request";
    case Fate::CutMidAnswer:
        return "cut mid-answer";
    }
    return "?";
}

FlakyProxy::FlakyProxy(quint16 serverPort, quint64 seed, QObject *parent)
    : QObject(parent)
    , m_serverPort(serverPort)
    , m_random(seedWords(seed).data(), 2)
{
    connect(&m_listener, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *client = m_listener.nextPendingConnection())
            new ProxyConnection(*this, client);
    });
}

FlakyProxy::~FlakyProxy() = default;

bool FlakyProxy::listen()
{
    return m_listener.listen(QHostAddress::LocalHost, 0);
}

QUrl FlakyProxy::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_listener.serverPort()));
}

void FlakyProxy::forceNext(const QByteArray &path, Fate fate)
{
    m_forced.append({ path, fate });
}

int FlakyProxy::requests() const
{
    return std::accumulate(m_counts.begin(), m_counts.end(), 0);
}

FlakyProxy::Fate FlakyProxy::fateFor(const QByteArray &path)
{
    Fate fate = Fate::Pass;
    const auto forced = std::find_if(m_forced.begin(), m_forced.end(), [&](const auto &entry) {
        return path.startsWith(entry.first);
    });
    if (forced != m_forced.end()) {
        fate = forced->second;
        m_forced.erase(forced);
    } else if (m_faultShare > 0 && m_random.generateDouble() < m_faultShare) {
        if (m_deck.isEmpty()) {
            m_deck = { Fate::CutBeforeForward, Fate::CutMidRequest, Fate::CutBeforeAnswer,
                       Fate::CutMidAnswer };
            for (qsizetype i = m_deck.size() - 1; i > 0; --i)
                m_deck.swapItemsAt(i, qsizetype(m_random.bounded(int(i + 1))));
        }
        fate = m_deck.takeLast();
    }
    ++m_counts[std::size_t(fate)];
    return fate;
}

qsizetype FlakyProxy::cutPoint(qsizetype size)
{
    return size < 2 ? 0 : 1 + qsizetype(m_random.bounded(int(size - 1)));
}

} // namespace branchline::test
