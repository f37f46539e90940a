// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QUrl>

#include <array>

namespace branchline::test {

// A TCP proxy between sync clients and the server that delays every HTTP request and cuts
// some of them, drawn from a seeded generator. A cut closes both connections at one of four
// points of the exchange: before the request is forwarded, in the middle of the request,
// after the whole request reached the server but before any of its answer reaches the
// client (the server may well have committed), or in the middle of the answer.
//
// It understands just enough HTTP/1.1 to find where a request ends (headers and
// Content-Length), so that each request, not only each connection, meets its own fate even
// when the client keeps connections alive. Answers are not parsed: with one request in
// flight per connection, whatever the server sends after a request belongs to its answer.
//
// It runs on the thread that creates it. The sync client waits for each answer on a local
// event loop, and that loop serves the proxy's sockets and timers too, so a proxy and the
// clients it serves can share the test's thread; a thread that blocks without an event loop
// (QThread::msleep) holds the proxy up with it, but no request is in flight then.
class FlakyProxy : public QObject
{
    Q_OBJECT

public:
    enum class Fate { Pass, CutBeforeForward, CutMidRequest, CutBeforeAnswer, CutMidAnswer };
    static constexpr int fateCount = 5;
    static const char *fateName(Fate fate);

    FlakyProxy(quint16 serverPort, quint64 seed, QObject *parent = nullptr);
    ~FlakyProxy() override;

    bool listen();
    QUrl url() const;

    // The share of requests that are cut (0: none). The cut kinds are dealt from a shuffled
    // deck, so every kind comes up once in every four cuts.
    void setFaultShare(double share) { m_faultShare = share; }
    // Each request waits up to this long before it is forwarded (0: not at all).
    void setMaxDelayMs(int ms) { m_maxDelayMs = ms; }
    // The next request whose path starts with `path` meets `fate`, whatever the share.
    void forceNext(const QByteArray &path, Fate fate);

    // How many requests met `fate`; every request counts once.
    int count(Fate fate) const { return m_counts[std::size_t(fate)]; }
    int requests() const;

private:
    friend class ProxyConnection;
    Fate fateFor(const QByteArray &path);
    int delayMs() { return m_maxDelayMs > 0 ? int(m_random.bounded(m_maxDelayMs + 1)) : 0; }
    // A cut point strictly inside `size` bytes (at least one byte on either side when there
    // are two or more).
    qsizetype cutPoint(qsizetype size);

    QTcpServer m_listener;
    quint16 m_serverPort;
    QRandomGenerator m_random;
    double m_faultShare = 0;
    int m_maxDelayMs = 0;
    QList<Fate> m_deck;
    QList<std::pair<QByteArray, Fate>> m_forced;
    std::array<int, fateCount> m_counts{};
};

} // namespace branchline::test
