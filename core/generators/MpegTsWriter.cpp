#include "generators/MpegTsWriter.h"

MpegTsWriter::MpegTsWriter(int datagramSize, qint64 datagramsPerSecond)
    : m_packetsPerDatagram(qMax(1, datagramSize / MpegTsMuxer::packetSize))
    , m_muxer(datagramsPerSecond * m_packetsPerDatagram)
{
}

void MpegTsWriter::write(qint64 index, qint64 wallTimeUs, char *out)
{
    Q_UNUSED(wallTimeUs) // the stream's own clock (its PCR) follows the index
    const qint64 first = index * m_packetsPerDatagram;
    for (int i = 0; i < m_packetsPerDatagram; ++i)
        m_muxer.writePacket(first + i, out + i * MpegTsMuxer::packetSize);
}
