// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace branchline::server {

// Where a request came from. Behind a reverse proxy or load balancer every connection comes
// from the proxy, and sign-in would count one address for everybody; so when the peer is a
// trusted proxy, the client is the right-most address of X-Forwarded-For that is not itself
// a trusted proxy (entries further left are the client's own word, and a client can forge
// them). Without trusted proxies the header is ignored: anyone could send it.
class ClientAddress
{
public:
    // `trustedProxies`: addresses ("10.20.0.5", "::1") or networks ("10.20.0.0/24").
    explicit ClientAddress(const QStringList &trustedProxies = {});
    ~ClientAddress();
    ClientAddress(const ClientAddress &other);
    ClientAddress &operator=(const ClientAddress &other);

    // Whether every entry of `trustedProxies` is an address or a network; if not, `why`
    // names the first one that is not.
    static bool validate(const QStringList &trustedProxies, QString *why);

    QString resolve(const QString &peer, const QByteArray &forwardedFor) const;

private:
    struct Networks;
    bool isTrusted(const QString &address) const;

    std::unique_ptr<Networks> d;
};

} // namespace branchline::server
