#include "decoders/Iperf2Decoder.h"

#include <QtEndian>

#include <limits>

std::optional<DecodedPayload> Iperf2Decoder::decode(const QByteArray &payload) const
{
    const auto *bytes = reinterpret_cast<const uchar *>(payload.constData());
    if (payload.size() < headerSize)
        return std::nullopt;
    const quint32 seconds = qFromBigEndian<quint32>(bytes + 4);
    const quint32 micros = qFromBigEndian<quint32>(bytes + 8);
    if (micros >= 1'000'000)
        return std::nullopt;
    const quint32 low = qFromBigEndian<quint32>(bytes);
    const bool wide = payload.size() >= headerSize + 4
                      && (qFromBigEndian<quint32>(bytes + headerSize) & sequence64Flag) != 0;
    const qint64 number = wide ? qint64(quint64(qFromBigEndian<quint32>(bytes + 12)) << 32 | low)
                               : qint64(qint32(low));
    if (number == std::numeric_limits<qint64>::min())
        return std::nullopt;

    DecodedPayload decoded;
    decoded.format = PayloadFormat::Iperf2;
    StreamFields &stream = decoded.stream;
    stream.endOfStream = number < 0;
    stream.sequence = quint64(number < 0 ? -number : number);
    stream.sequenceBits = wide ? 64 : 32;
    stream.sendTimeUs = qint64(seconds) * 1'000'000 + micros;
    return decoded;
}
