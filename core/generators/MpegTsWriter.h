#pragma once

#include "generators/MpegTsMuxer.h"
#include "generators/StreamWriter.h"

// --format mpegts: each datagram a whole number of 188-byte TS packets (7 by default,
// 1,316 bytes, as IPTV sends them) of one constant-rate transport stream (MpegTsMuxer).
class MpegTsWriter final : public StreamWriter
{
public:
    MpegTsWriter(int datagramSize, qint64 datagramsPerSecond);

    int datagramSize() const override { return m_packetsPerDatagram * MpegTsMuxer::packetSize; }
    void write(qint64 index, qint64 wallTimeUs, char *out) override;

private:
    int m_packetsPerDatagram = 1;
    MpegTsMuxer m_muxer;
};
