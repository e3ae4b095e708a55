#pragma once

#include "generators/MpegTsWriter.h"
#include "generators/StreamWriter.h"

// --format rtp: RTP (RFC 3550) carrying MPEG-TS (RFC 2250): a 12-byte header — version 2,
// no padding, extension or CSRC, payload type 33 (MP2T, a static type, so ffmpeg reads
// rtp://group:port without an SDP) — then the TS packets MpegTsWriter makes. The sequence
// number grows by one per datagram, the 90 kHz timestamp by 90,000 / rate: when the datagram
// is due. Sequence, timestamp and SSRC start where the constructor says (random by default,
// as RFC 3550 asks).
class RtpMpegTsWriter final : public StreamWriter
{
public:
    static constexpr int headerSize = 12;
    static constexpr quint8 payloadType = 33;
    static constexpr qint64 clockHz = 90'000;

    struct Start
    {
        quint16 sequence = 0;
        quint32 timestamp = 0;
        quint32 ssrc = 0;
    };
    static Start randomStart();

    RtpMpegTsWriter(int datagramSize, qint64 datagramsPerSecond, const Start &start);

    int datagramSize() const override { return headerSize + m_transportStream.datagramSize(); }
    void write(qint64 index, qint64 wallTimeUs, char *out) override;

private:
    qint64 m_datagramsPerSecond = 1;
    Start m_start;
    MpegTsWriter m_transportStream;
};
