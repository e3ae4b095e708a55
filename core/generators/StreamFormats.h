#pragma once

#include "decoders/PayloadDecoder.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

class StreamWriter;

// What can be sent: the seed's ATU heartbeat, once per interval, and the test streams —
// RTP carrying MPEG-TS, MPEG-TS alone, iperf 2 — paced by a rate in datagrams per second,
// every datagram the same size. The rules for their sizes and rates, shared by --send and
// the transmit panel, and the writer of each stream.
namespace StreamFormats {

inline constexpr qint64 defaultRate = 1000;
inline constexpr qint64 maxRate = 1'000'000;
inline constexpr int maxIPv4Datagram = 65507; // 65535 − 20 (IPv4) − 8 (UDP)
inline constexpr int maxIPv6Datagram = 65527; // 65535 − 8 (UDP); the IPv6 header is apart

// In the order the transmit panel lists them.
QList<PayloadFormat> sendable();
bool isSendable(PayloadFormat format);
// Sent at a rate with a fixed size (all but ATU).
bool isStream(PayloadFormat format);
// "atu, rtp, mpegts or iperf2", for messages.
QString sendableNames();

// Bytes of UDP payload per datagram: 1,328 for RTP (12 + 7 × 188), 1,316 for MPEG-TS
// (7 × 188, what fits a 1,500-byte Ethernet frame), 1,470 for iperf 2 (iperf's own).
int defaultSize(PayloadFormat format);
// What is wrong with `size` for the format and address family, or nothing.
std::optional<QString> sizeError(PayloadFormat format, int size, bool ipv6);
// What is wrong with `rate` (datagrams per second) at that size, or nothing.
std::optional<QString> rateError(PayloadFormat format, qint64 rate, int size);

// The writer of a stream format, for a size and rate that passed the checks above.
std::unique_ptr<StreamWriter> createWriter(PayloadFormat format, int size, qint64 rate);

} // namespace StreamFormats
