#include "generators/Iperf2Writer.h"

#include <cstring>

namespace {

void putBigEndian32(char *out, quint32 value)
{
    for (int i = 0; i < 4; ++i)
        out[i] = char(value >> (24 - 8 * i));
}

} // namespace

Iperf2Writer::Iperf2Writer(int datagramSize)
    : m_size(qMax(minSize, datagramSize))
{
}

void Iperf2Writer::write(qint64 index, qint64 wallTimeUs, char *out)
{
    writeHeader(index + 1, wallTimeUs, out);
    std::memset(out + minSize, 0, std::size_t(m_size - minSize));
}

void Iperf2Writer::writeLast(qint64 index, qint64 wallTimeUs, char *out)
{
    write(index, wallTimeUs, out);
    writeHeader(-(index + 1), wallTimeUs, out);
}

QByteArray Iperf2Writer::endOfStream(qint64 count, qint64 wallTimeUs)
{
    QByteArray datagram(m_size, '\0');
    writeHeader(-(count + 1), wallTimeUs, datagram.data());
    return datagram;
}

void Iperf2Writer::writeHeader(qint64 sequence, qint64 wallTimeUs, char *out) const
{
    const quint64 bits = quint64(sequence);
    putBigEndian32(out, quint32(bits));
    putBigEndian32(out + 4, quint32(wallTimeUs / 1'000'000));
    putBigEndian32(out + 8, quint32(wallTimeUs % 1'000'000));
    putBigEndian32(out + 12, quint32(bits >> 32));
    putBigEndian32(out + 16, seqNo64BitFlag);
}
