#pragma once

#include "net/ReceivedDatagram.h"

#include <QByteArray>

// The IP packet a received datagram arrived in, made again from what the socket told us:
// an IPv4 or IPv6 header (source, group, TTL or hop limit) and a UDP header (ports, length),
// both with correct checksums, then the payload. The kernel strips these headers before an
// application sees the datagram; a capture file needs them for Wireshark to show the
// addresses and ports. What the socket does not report is written as zero: the IPv4
// identification, flags, DSCP/ECN and IPv6 flow label, and the TTL where the platform did
// not report it (ReceivedDatagram::ttl -1).
namespace CapturePacket {

inline constexpr int ipv4HeaderBytes = 20;
inline constexpr int ipv6HeaderBytes = 40;
inline constexpr int udpHeaderBytes = 8;
// An IPv4 packet's length field has 16 bits; so has an IPv6 payload length (jumbograms aside).
inline constexpr int maxPayloadBytes = 0xffff - ipv4HeaderBytes - udpHeaderBytes;

// Replaces packet with the datagram's packet: IPv6 when the group is IPv6, IPv4 otherwise.
// A payload beyond maxPayloadBytes (no socket delivers one) is cut there.
void build(const ReceivedDatagram &datagram, QByteArray &packet);
QByteArray build(const ReceivedDatagram &datagram);

// The Internet checksum (RFC 1071) of bytes, folded and complemented.
quint16 checksum(const QByteArray &bytes);

} // namespace CapturePacket
