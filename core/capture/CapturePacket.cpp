#include "capture/CapturePacket.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace CapturePacket {

namespace {

constexpr quint8 udpProtocol = 17;

// Sum of big-endian 16-bit words, not yet folded; an odd last byte is padded with zero.
quint32 partialSum(const unsigned char *data, qsizetype size, quint32 sum = 0)
{
    qsizetype i = 0;
    for (; i + 1 < size; i += 2)
        sum += quint32(data[i]) << 8 | data[i + 1];
    if (i < size)
        sum += quint32(data[i]) << 8;
    // Folding now and then keeps the sum of a 64 KiB payload well inside 32 bits.
    return (sum & 0xffff) + (sum >> 16);
}

quint16 finish(quint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

void put16(unsigned char *at, quint32 value)
{
    at[0] = quint8(value >> 8);
    at[1] = quint8(value);
}

void put32(unsigned char *at, quint32 value)
{
    put16(at, value >> 16);
    put16(at + 2, value);
}

quint32 ipv4Of(const IpAddress &address)
{
    if (address.isIPv4())
        return address.toIPv4();
    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is that IPv4 address; others have none.
    const auto bytes = address.ipv6Bytes();
    static constexpr std::array<quint8, 12> mappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (address.isIPv6() && std::equal(mappedPrefix.begin(), mappedPrefix.end(), bytes.begin()))
        return quint32(bytes[12]) << 24 | quint32(bytes[13]) << 16 | quint32(bytes[14]) << 8 | bytes[15];
    return 0;
}

std::array<quint8, 16> ipv6Of(const IpAddress &address)
{
    if (address.isIPv6())
        return address.ipv6Bytes();
    std::array<quint8, 16> mapped{};
    if (address.isIPv4()) {
        mapped[10] = mapped[11] = 0xff;
        put32(mapped.data() + 12, address.toIPv4());
    }
    return mapped;
}

quint8 hopsOf(const ReceivedDatagram &datagram)
{
    return datagram.ttl >= 0 ? quint8(std::min(datagram.ttl, 255)) : 0;
}

void writeUdp(unsigned char *udp, const ReceivedDatagram &datagram, qsizetype payloadBytes)
{
    put16(udp, datagram.sourcePort);
    put16(udp + 2, datagram.destinationPort);
    put16(udp + 4, quint32(udpHeaderBytes + payloadBytes));
    put16(udp + 6, 0);
    std::memcpy(udp + udpHeaderBytes, datagram.payload.constData(), std::size_t(payloadBytes));
}

// The UDP checksum over the pseudo-header's sum and the UDP header and payload. A computed
// zero is sent as all ones: zero means "no checksum" in IPv4 and is invalid in IPv6.
void finishUdp(unsigned char *udp, qsizetype udpBytes, quint32 pseudoHeaderSum)
{
    quint16 sum = finish(partialSum(udp, udpBytes, pseudoHeaderSum));
    put16(udp + 6, sum == 0 ? 0xffff : sum);
}

} // namespace

quint16 checksum(const QByteArray &bytes)
{
    return finish(partialSum(reinterpret_cast<const unsigned char *>(bytes.constData()), bytes.size()));
}

void build(const ReceivedDatagram &datagram, QByteArray &packet)
{
    const qsizetype payloadBytes = std::min<qsizetype>(datagram.payload.size(), maxPayloadBytes);
    const qsizetype udpBytes = udpHeaderBytes + payloadBytes;
    const bool six = datagram.destination.isIPv6();
    const int ipBytes = six ? ipv6HeaderBytes : ipv4HeaderBytes;
    packet.resize(ipBytes + udpBytes);
    auto *ip = reinterpret_cast<unsigned char *>(packet.data());
    unsigned char *udp = ip + ipBytes;
    writeUdp(udp, datagram, payloadBytes);

    if (six) {
        const auto source = ipv6Of(datagram.source);
        const auto destination = ipv6Of(datagram.destination);
        put32(ip, 6u << 28); // version, no traffic class, no flow label
        put16(ip + 4, quint32(udpBytes));
        ip[6] = udpProtocol;
        ip[7] = hopsOf(datagram);
        std::memcpy(ip + 8, source.data(), 16);
        std::memcpy(ip + 24, destination.data(), 16);
        // Pseudo-header (RFC 8200 8.1): both addresses, the UDP length, the next header.
        quint32 pseudo = partialSum(ip + 8, 32);
        pseudo += quint32(udpBytes) + udpProtocol;
        finishUdp(udp, udpBytes, pseudo);
        return;
    }

    const quint32 source = ipv4Of(datagram.source);
    const quint32 destination = ipv4Of(datagram.destination);
    ip[0] = 0x45; // version 4, 5 words of header
    ip[1] = 0;
    put16(ip + 2, quint32(ipBytes + udpBytes));
    put32(ip + 4, 0); // identification, flags and fragment offset: not reported by the socket
    ip[8] = hopsOf(datagram);
    ip[9] = udpProtocol;
    put16(ip + 10, 0);
    put32(ip + 12, source);
    put32(ip + 16, destination);
    put16(ip + 10, finish(partialSum(ip, ipBytes)));
    // Pseudo-header (RFC 768): both addresses, zero, the protocol, the UDP length.
    quint32 pseudo = partialSum(ip + 12, 8);
    pseudo += udpProtocol + quint32(udpBytes);
    finishUdp(udp, udpBytes, pseudo);
}

QByteArray build(const ReceivedDatagram &datagram)
{
    QByteArray packet;
    build(datagram, packet);
    return packet;
}

} // namespace CapturePacket
