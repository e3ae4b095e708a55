#include "generators/StreamFormats.h"

#include "generators/Iperf2Writer.h"
#include "generators/MpegTsMuxer.h"
#include "generators/MpegTsWriter.h"
#include "generators/RtpMpegTsWriter.h"

namespace StreamFormats {

namespace {

constexpr int tsPacket = MpegTsMuxer::packetSize;
constexpr int tsPacketsPerDatagram = 7;
constexpr int iperf2DefaultSize = 1470;

// The bytes before the TS packets, for the formats that carry them; -1 for the others.
int transportStreamOffset(PayloadFormat format)
{
    switch (format) {
    case PayloadFormat::MpegTs: return 0;
    case PayloadFormat::Rtp:
    case PayloadFormat::RtpMpegTs: return RtpMpegTsWriter::headerSize;
    default: return -1;
    }
}

} // namespace

QList<PayloadFormat> sendable()
{
    return {PayloadFormat::Atu, PayloadFormat::Rtp, PayloadFormat::MpegTs, PayloadFormat::Iperf2};
}

bool isSendable(PayloadFormat format)
{
    return sendable().contains(format) || format == PayloadFormat::RtpMpegTs;
}

bool isStream(PayloadFormat format)
{
    return isSendable(format) && format != PayloadFormat::Atu;
}

QString sendableNames()
{
    return QStringLiteral("atu, rtp, mpegts or iperf2");
}

int defaultSize(PayloadFormat format)
{
    if (const int offset = transportStreamOffset(format); offset >= 0)
        return offset + tsPacketsPerDatagram * tsPacket;
    if (format == PayloadFormat::Iperf2)
        return iperf2DefaultSize;
    return 0;
}

std::optional<QString> sizeError(PayloadFormat format, int size, bool ipv6)
{
    const int maximum = ipv6 ? maxIPv6Datagram : maxIPv4Datagram;
    if (size > maximum)
        return QStringLiteral("size %1 is above %2, the most a UDP datagram holds over %3")
            .arg(size)
            .arg(maximum)
            .arg(ipv6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4"));
    if (const int offset = transportStreamOffset(format); offset >= 0) {
        const int largest = offset + (maximum - offset) / tsPacket * tsPacket;
        if (size < offset + tsPacket || (size - offset) % tsPacket != 0) {
            const QString shape = offset == 0
                                      ? QStringLiteral("a whole number of 188-byte TS packets")
                                      : QStringLiteral("a %1-byte RTP header and a whole number of 188-byte TS packets")
                                            .arg(offset);
            return QStringLiteral("size %1 is not %2 (%3, %4, … %5; %6 holds 7)")
                .arg(size)
                .arg(shape)
                .arg(offset + tsPacket)
                .arg(offset + 2 * tsPacket)
                .arg(largest)
                .arg(defaultSize(format));
        }
        return std::nullopt;
    }
    if (format == PayloadFormat::Iperf2 && size < Iperf2Writer::minSize)
        return QStringLiteral("size %1 is below %2, iperf 2's header").arg(size).arg(Iperf2Writer::minSize);
    return std::nullopt;
}

std::optional<QString> rateError(PayloadFormat format, qint64 rate, int size)
{
    if (rate < 1 || rate > maxRate)
        return QStringLiteral("rate %1 is not between 1 and %2 datagrams per second").arg(rate).arg(maxRate);
    if (const int offset = transportStreamOffset(format); offset >= 0) {
        const qint64 packets = rate * ((size - offset) / tsPacket);
        if (packets < MpegTsMuxer::minPacketsPerSecond)
            return QStringLiteral("rate %1 of %2-byte datagrams is %3 TS packets/s; the stream needs at "
                                  "least %4 (PAT and PMT every 100 ms, audio every 24 ms)")
                .arg(rate)
                .arg(size)
                .arg(packets)
                .arg(MpegTsMuxer::minPacketsPerSecond);
    }
    return std::nullopt;
}

std::unique_ptr<StreamWriter> createWriter(PayloadFormat format, int size, qint64 rate)
{
    switch (format) {
    case PayloadFormat::Rtp:
    case PayloadFormat::RtpMpegTs:
        return std::make_unique<RtpMpegTsWriter>(size, rate, RtpMpegTsWriter::randomStart());
    case PayloadFormat::MpegTs: return std::make_unique<MpegTsWriter>(size, rate);
    case PayloadFormat::Iperf2: return std::make_unique<Iperf2Writer>(size);
    default: return nullptr;
    }
}

} // namespace StreamFormats
