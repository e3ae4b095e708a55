#pragma once

#include <QHostAddress>
#include <QList>
#include <QNetworkInterface>
#include <QString>

#include <optional>

// An interface that can carry IPv4 multicast, by one of its IPv4 addresses.
// Loopback is included: Linux's lo lacks the multicast flag yet works when pinned.
struct InterfaceChoice
{
    QString name;        // the system's name: "lo", "eth0"; on Windows "ethernet_32769"
    QHostAddress address; // one of its IPv4 addresses
    int index = 0;
    bool isUp = false;
    // What people call it where that differs from the name: Windows' "Ethernet 2". Empty
    // where it is the name (Linux, macOS).
    QString friendlyName;

    // "lo — 127.0.0.1"; on Windows "Ethernet 2 (#12) — 198.18.0.1", the index telling
    // apart two adapters that share a friendly name's start.
    QString label() const;
    // What a person types and reads: the friendly name where there is one, else the name.
    QString shownName() const { return friendlyName.isEmpty() ? name : friendlyName; }
    QNetworkInterface qtInterface() const;
    friend bool operator==(const InterfaceChoice &a, const InterfaceChoice &b)
    {
        return a.name == b.name && a.address == b.address && a.index == b.index
               && a.isUp == b.isUp && a.friendlyName == b.friendlyName;
    }
};

namespace NetworkInterfaces {

// The address an IPv6 datagram sent out of this interface comes from: its first global
// address, else its link-local one (with its scope); null when it has neither.
QHostAddress ipv6Source(int interfaceIndex);

// One choice per IPv4 address: an interface with two is listed twice ("eth0 — 198.18.0.1",
// "eth0 — 198.18.0.2"), as each is a different source to send from.
QList<InterfaceChoice> ipv4Interfaces();
// Every interface once, with its first IPv4 address, or a null one when it has none (IPv6
// needs none).
QList<InterfaceChoice> allInterfaces();
// ipv4Interfaces() with, in their places, the interfaces that have no IPv4 address by name:
// the choices where IPv6 groups are wanted too.
QList<InterfaceChoice> ipv4InterfacesAndOthers();
// Finds an interface by name ("lo"), friendly name (Windows' "Ethernet 2", any case), one of
// its addresses ("127.0.0.1") or, failing those, its index ("12"). For IPv4 it must have an
// IPv4 address (the one sending uses); IPv6 needs none but its index.
enum class Need { IPv4Address, IndexOnly };
std::optional<InterfaceChoice> resolve(const QString &spec, QString *error = nullptr,
                                       Need need = Need::IPv4Address);

} // namespace NetworkInterfaces
