// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientAddress.h"

#include <QCoreApplication>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <variant>
#include <vector>

namespace branchline::server {

namespace ip = boost::asio::ip;

namespace {

using Network = std::variant<ip::network_v4, ip::network_v6>;

bool parseNetwork(const QString &text, Network *network)
{
    const std::string entry = text.trimmed().toStdString();
    boost::system::error_code ec;
    if (entry.find('/') == std::string::npos) {
        const ip::address address = ip::make_address(entry, ec);
        if (ec)
            return false;
        if (address.is_v4())
            *network = ip::network_v4(address.to_v4(), 32);
        else
            *network = ip::network_v6(address.to_v6(), 128);
        return true;
    }
    const ip::network_v4 v4 = ip::make_network_v4(entry, ec);
    if (!ec) {
        *network = v4;
        return true;
    }
    const ip::network_v6 v6 = ip::make_network_v6(entry, ec);
    if (ec)
        return false;
    *network = v6;
    return true;
}

// "[::1]:443", "10.0.0.1:5000" and plain addresses: the address alone, or empty.
QString addressOnly(QString entry)
{
    entry = entry.trimmed();
    if (entry.startsWith(QLatin1Char('['))) {
        const qsizetype end = entry.indexOf(QLatin1Char(']'));
        return end < 0 ? QString() : entry.mid(1, end - 1);
    }
    if (entry.count(QLatin1Char(':')) == 1)
        entry = entry.section(QLatin1Char(':'), 0, 0);
    boost::system::error_code ec;
    const ip::address address = ip::make_address(entry.toStdString(), ec);
    return ec ? QString() : QString::fromStdString(address.to_string());
}

} // namespace

struct ClientAddress::Networks
{
    std::vector<Network> list;
};

ClientAddress::ClientAddress(const QStringList &trustedProxies)
    : d(std::make_unique<Networks>())
{
    for (const QString &entry : trustedProxies) {
        Network network;
        if (parseNetwork(entry, &network))
            d->list.push_back(network);
    }
}

ClientAddress::~ClientAddress() = default;

ClientAddress::ClientAddress(const ClientAddress &other)
    : d(std::make_unique<Networks>(*other.d))
{
}

ClientAddress &ClientAddress::operator=(const ClientAddress &other)
{
    *d = *other.d;
    return *this;
}

bool ClientAddress::validate(const QStringList &trustedProxies, QString *why)
{
    for (const QString &entry : trustedProxies) {
        Network network;
        if (!parseNetwork(entry, &network)) {
            *why = QCoreApplication::translate("ClientAddress",
                                               "\"%1\" is neither an IP address nor a network "
                                               "such as 10.20.0.0/24")
                           .arg(entry.trimmed());
            return false;
        }
    }
    return true;
}

bool ClientAddress::isTrusted(const QString &text) const
{
    boost::system::error_code ec;
    ip::address address = ip::make_address(text.toStdString(), ec);
    if (ec)
        return false;
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = ip::make_address_v4(ip::v4_mapped, address.to_v6());
    for (const Network &network : d->list) {
        if (const auto *v4 = std::get_if<ip::network_v4>(&network)) {
            if (address.is_v4()
                && ip::network_v4(address.to_v4(), v4->prefix_length()).network() == v4->network())
                return true;
        } else if (const auto *v6 = std::get_if<ip::network_v6>(&network)) {
            if (address.is_v6()
                && ip::network_v6(address.to_v6(), v6->prefix_length()).network() == v6->network())
                return true;
        }
    }
    return false;
}

QString ClientAddress::resolve(const QString &peer, const QByteArray &forwardedFor) const
{
    if (d->list.empty() || !isTrusted(peer))
        return peer;
    QString client = peer;
    const QList<QByteArray> hops = forwardedFor.split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QString address = addressOnly(QString::fromLatin1(*hop));
        if (address.isEmpty())
            break; // not an address: nothing left of it can be believed
        client = address;
        if (!isTrusted(address))
            break;
    }
    return client;
}

} // namespace branchline::server
