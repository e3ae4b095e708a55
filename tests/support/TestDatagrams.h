#pragma once

#include "net/ReceivedDatagram.h"

// Datagrams for tests that feed statistics, models and windows without a socket.
namespace TestDatagrams {

inline constexpr IpAddress group = IpAddress::fromIPv4(0xef010101); // 239.1.1.1
inline constexpr quint16 port = 5001;

// A datagram as the receiver hands it over: from source:sourcePort to 239.1.1.1:5001 with
// TTL 1, arriving at arrivalUs (wall clock, microseconds since the epoch).
inline ReceivedDatagram datagram(IpAddress source, quint16 sourcePort, qint64 arrivalUs,
                                 const QByteArray &payload)
{
    ReceivedDatagram d;
    d.arrivalUs = arrivalUs;
    d.source = source;
    d.sourcePort = sourcePort;
    d.destination = group;
    d.destinationPort = port;
    d.ttl = 1;
    d.payload = payload;
    return d;
}

// One of size bytes, for statistics that count packets and bytes.
inline ReceivedDatagram datagram(IpAddress source, quint16 sourcePort, qint64 arrivalUs,
                                 int size = 10)
{
    return datagram(source, sourcePort, arrivalUs, QByteArray(size, 'x'));
}

} // namespace TestDatagrams
