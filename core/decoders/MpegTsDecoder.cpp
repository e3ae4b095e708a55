#include "decoders/MpegTsDecoder.h"

#include "decoders/MpegTsPacket.h"

std::optional<DecodedPayload> MpegTsDecoder::decode(const QByteArray &payload) const
{
    const int packets =
        MpegTsPacket::countAligned(reinterpret_cast<const uchar *>(payload.constData()), payload.size());
    if (packets == 0)
        return std::nullopt;
    DecodedPayload decoded;
    decoded.format = PayloadFormat::MpegTs;
    decoded.stream.tsPackets = quint16(packets);
    return decoded;
}
