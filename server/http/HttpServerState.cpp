// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpServerState.h"

#include <algorithm>

namespace branchline::server {

namespace {

template<typename T>
void trackIn(std::vector<std::weak_ptr<T>> &list, const std::shared_ptr<T> &item)
{
    // Forget the ended ones while we are here, so the list never grows without bound.
    list.erase(std::remove_if(list.begin(), list.end(),
                              [](const std::weak_ptr<T> &s) { return s.expired(); }),
               list.end());
    list.push_back(item);
}

template<typename T>
std::vector<std::shared_ptr<T>> alive(const std::vector<std::weak_ptr<T>> &list)
{
    std::vector<std::shared_ptr<T>> result;
    result.reserve(list.size());
    for (const auto &weak : list)
        if (auto item = weak.lock())
            result.push_back(std::move(item));
    return result;
}

} // namespace

HttpServerState::HttpServerState(const Router &r, HttpServerSettings s)
    : router(r)
    , settings(std::move(s))
    , clientAddress(settings.trustedProxies)
    , maxConnections(settings.maxConnections)
{
}

void HttpServerState::track(const std::shared_ptr<HttpConnection> &connection)
{
    std::lock_guard<std::mutex> lock(mutex);
    trackIn(connections, connection);
}

void HttpServerState::track(const std::shared_ptr<EventSocketBase> &socket)
{
    std::lock_guard<std::mutex> lock(mutex);
    trackIn(sockets, socket);
}

std::vector<std::shared_ptr<HttpConnection>> HttpServerState::openConnections()
{
    std::lock_guard<std::mutex> lock(mutex);
    return alive(connections);
}

std::vector<std::shared_ptr<EventSocketBase>> HttpServerState::openSockets()
{
    std::lock_guard<std::mutex> lock(mutex);
    return alive(sockets);
}

qint64 HttpServerState::evictIdlest(qint64 count)
{
    std::vector<std::shared_ptr<HttpConnection>> idle = openConnections();
    idle.erase(std::remove_if(idle.begin(), idle.end(),
                              [](const auto &c) { return c->busy || c->evicting; }),
               idle.end());
    const auto n =
            static_cast<std::ptrdiff_t>(std::min<qint64>(count, static_cast<qint64>(idle.size())));
    std::partial_sort(idle.begin(), idle.begin() + n, idle.end(), [](const auto &a, const auto &b) {
        return a->lastActive.load() < b->lastActive.load();
    });
    for (auto victim = idle.begin(); victim != idle.begin() + n; ++victim) {
        (*victim)->evicting = true;
        ++evictionsPending;
        (*victim)->evict();
    }
    return n;
}

bool HttpServerState::makeRoom()
{
    const qint64 excess = metrics.openConnections - evictionsPending + 1 - qint64(maxConnections);
    return excess <= 0 || evictIdlest(excess) >= excess;
}

} // namespace branchline::server
