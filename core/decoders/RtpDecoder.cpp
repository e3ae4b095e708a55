#include "decoders/RtpDecoder.h"

#include "decoders/MpegTsPacket.h"

#include <QtEndian>

namespace {

constexpr int firstDynamicPayloadType = 96;

bool isRtcpPayloadType(int payloadType)
{
    return payloadType >= 72 && payloadType <= 76;
}

} // namespace

RtpDecoder::RtpDecoder(bool mpegTsPayload)
    : m_mpegTsPayload(mpegTsPayload)
{
}

std::optional<DecodedPayload> RtpDecoder::decode(const QByteArray &payload) const
{
    const auto *bytes = reinterpret_cast<const uchar *>(payload.constData());
    const qsizetype size = payload.size();
    if (size < headerSize || (bytes[0] >> 6) != 2)
        return std::nullopt;
    const int payloadType = bytes[1] & 0x7F;
    if (isRtcpPayloadType(payloadType))
        return std::nullopt;
    qsizetype start = headerSize + 4 * (bytes[0] & 0x0F);
    if (start > size)
        return std::nullopt;
    if (bytes[0] & 0x10) {
        if (start + 4 > size)
            return std::nullopt;
        start += 4 + 4 * qsizetype(qFromBigEndian<quint16>(bytes + start + 2));
        if (start > size)
            return std::nullopt;
    }
    qsizetype end = size;
    if (bytes[0] & 0x20) {
        const int padding = bytes[size - 1];
        if (padding == 0 || start + padding > size)
            return std::nullopt;
        end -= padding;
    }

    DecodedPayload decoded;
    decoded.format = PayloadFormat::Rtp;
    decoded.streamId = qFromBigEndian<quint32>(bytes + 8);
    StreamFields &stream = decoded.stream;
    stream.sequence = qFromBigEndian<quint16>(bytes + 2);
    stream.sequenceBits = 16;
    stream.rtpPayloadType = quint8(payloadType);
    stream.rtpTimestamp = qFromBigEndian<quint32>(bytes + 4);
    const int tsPackets = MpegTsPacket::countAligned(bytes + start, end - start);
    const bool mpegTs = payloadType == mpegTsPayloadType || m_mpegTsPayload
                        || (payloadType >= firstDynamicPayloadType && tsPackets > 0);
    if (mpegTs) {
        decoded.format = PayloadFormat::RtpMpegTs;
        stream.tsOffset = quint16(start);
        stream.tsPackets = quint16(tsPackets);
    }
    return decoded;
}
