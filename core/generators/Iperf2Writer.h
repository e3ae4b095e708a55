#pragma once

#include "generators/StreamWriter.h"

// --format iperf2: the datagrams of an iperf 2 UDP client, as `iperf -s -u` counts them
// (iperf 2.1's payloads.h and Server.cpp): a 64-bit sequence number starting at 1, its low
// 32 bits at offset 0 and its high 32 bits at 12, the send time as tv_sec at 4 and tv_usec
// at 8, and the header flags at 16 with only HEADER_SEQNO64B set — all big-endian, the rest
// zero. The end of the test is a datagram whose sequence number is negated, as the client
// sends to a multicast group: the server then prints its final report, lost/total among it,
// and counts that datagram as the last of the total. A stream of N ends with −N; one
// stopped early with one more datagram.
class Iperf2Writer final : public StreamWriter
{
public:
    static constexpr int minSize = 20; // up to and including the flags the server reads
    static constexpr quint32 seqNo64BitFlag = 0x08000000;

    explicit Iperf2Writer(int datagramSize);

    int datagramSize() const override { return m_size; }
    void write(qint64 index, qint64 wallTimeUs, char *out) override;
    void writeLast(qint64 index, qint64 wallTimeUs, char *out) override;
    QByteArray endOfStream(qint64 count, qint64 wallTimeUs) override;

private:
    void writeHeader(qint64 sequence, qint64 wallTimeUs, char *out) const;

    int m_size = minSize;
};
