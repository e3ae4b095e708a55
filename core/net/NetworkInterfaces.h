#pragma once

#include <QHostAddress>
#include <QList>
#include <QNetworkInterface>
#include <QString>

#include <optional>

// An interface that can carry IPv4 multicast: it is up and has an IPv4 address.
// Loopback is included: Linux's lo lacks the multicast flag yet works when pinned.
struct InterfaceChoice
{
    QString name;        // "lo", "eth0"
    QHostAddress address; // its first IPv4 address
    int index = 0;
    bool isUp = false;

    QString label() const; // "lo — 127.0.0.1"
    QNetworkInterface qtInterface() const;
    friend bool operator==(const InterfaceChoice &a, const InterfaceChoice &b)
    {
        return a.name == b.name && a.address == b.address && a.index == b.index
               && a.isUp == b.isUp;
    }
};

namespace NetworkInterfaces {

// The address an IPv6 datagram sent out of this interface comes from: its first global
// address, else its link-local one (with its scope); null when it has neither.
QHostAddress ipv6Source(int interfaceIndex);

QList<InterfaceChoice> ipv4Interfaces();
// Every interface, those without an IPv4 address with a null address (IPv6 needs none).
QList<InterfaceChoice> allInterfaces();
// Finds an interface by name ("lo") or by one of its addresses ("127.0.0.1"). For IPv4 it
// must have an IPv4 address (the one sending uses); IPv6 needs none but its index.
enum class Need { IPv4Address, IndexOnly };
std::optional<InterfaceChoice> resolve(const QString &spec, QString *error = nullptr,
                                       Need need = Need::IPv4Address);

} // namespace NetworkInterfaces
