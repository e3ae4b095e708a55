#include "generators/RtpMpegTsWriter.h"

#include <QRandomGenerator>

RtpMpegTsWriter::Start RtpMpegTsWriter::randomStart()
{
    QRandomGenerator *random = QRandomGenerator::global();
    return {quint16(random->bounded(65536u)), random->generate(), random->generate()};
}

RtpMpegTsWriter::RtpMpegTsWriter(int datagramSize, qint64 datagramsPerSecond, const Start &start)
    : m_datagramsPerSecond(qMax<qint64>(1, datagramsPerSecond))
    , m_start(start)
    , m_transportStream(datagramSize - headerSize, datagramsPerSecond)
{
}

void RtpMpegTsWriter::write(qint64 index, qint64 wallTimeUs, char *out)
{
    const quint16 sequence = quint16(m_start.sequence + quint64(index));
    // index × 90 kHz / rate, split so that it cannot overflow; RTP counters wrap.
    const qint64 ticks = index / m_datagramsPerSecond * clockHz
                         + index % m_datagramsPerSecond * clockHz / m_datagramsPerSecond;
    const quint32 timestamp = quint32(m_start.timestamp + quint64(ticks));
    out[0] = char(0x80); // version 2
    out[1] = char(payloadType);
    out[2] = char(sequence >> 8);
    out[3] = char(sequence);
    for (int i = 0; i < 4; ++i) {
        out[4 + i] = char(timestamp >> (24 - 8 * i));
        out[8 + i] = char(m_start.ssrc >> (24 - 8 * i));
    }
    m_transportStream.write(index, wallTimeUs, out + headerSize);
}
