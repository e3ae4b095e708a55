#pragma once

#include "decoders/PayloadDecoder.h"
#include "net/IpAddress.h"

#include <QString>

// What to listen to: a group and port on an interface, from any source or (source-specific
// multicast, or a source filter outside the SSM ranges) from one source.
struct Subscription
{
    IpAddress group;
    IpAddress source; // null: any source
    quint16 port = 0;
    QString interfaceSpec; // interface name or address; empty: the default interface
    // How to read its payloads; nothing: as the receive configuration says (by default detected).
    FormatChoice format = std::nullopt;

    bool isSourceSpecific() const { return !source.isNull(); }
    // Whether a datagram from `from` to `to` belongs to this subscription.
    bool carries(const IpAddress &from, const Endpoint &to) const
    {
        return to.address == group && to.port == port && (source.isNull() || from == source);
    }
    // "[SOURCE,]GROUP:PORT[@INTERFACE]", IPv6 groups bracketed.
    QString toString() const;

    // The same group, source, port and interface: one membership, whatever the format.
    bool sameMembership(const Subscription &other) const
    {
        return group == other.group && source == other.source && port == other.port
               && interfaceSpec == other.interfaceSpec;
    }
    friend bool operator==(const Subscription &a, const Subscription &b)
    {
        return a.sameMembership(b) && a.format == b.format;
    }
    friend bool operator!=(const Subscription &a, const Subscription &b) { return !(a == b); }
};
