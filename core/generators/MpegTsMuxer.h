#pragma once

#include <QtGlobal>

// A constant-rate MPEG transport stream (ISO/IEC 13818-1) with one program, as a player
// or an analyser expects it: PAT and PMT every 100 ms, one audio stream — MPEG-1 Layer II
// silence, 48 kHz mono at 32 kbit/s, one frame in one PES packet every 24 ms with its PTS,
// the PCR in each of its TS packets — and null packets filling the rest of the rate.
//
// Packet n is on the stream's clock at n / packetsPerSecond s, so the PCR says exactly
// when a constant-rate sender sends it; PTS run 200 ms ahead of the PCR. Continuity
// counters count per PID. Each null packet carries its own number n (8 bytes, big-endian),
// which decoders ignore and a test can check.
class MpegTsMuxer final
{
public:
    static constexpr int packetSize = 188;
    static constexpr quint16 patPid = 0x0000;
    static constexpr quint16 pmtPid = 0x1000;
    static constexpr quint16 audioPid = 0x0100;
    static constexpr quint16 nullPid = 0x1FFF;
    static constexpr quint16 programNumber = 1;
    static constexpr qint64 clockHz = 27'000'000;
    // Below this the PSI and the audio frames no longer fit in the rate.
    static constexpr qint64 minPacketsPerSecond = 100;

    explicit MpegTsMuxer(qint64 packetsPerSecond);

    // Packet `index` of the stream into `out` (188 bytes). Indexes only grow; those skipped
    // are packets never sent, so the counters go on as if they had not existed.
    void writePacket(qint64 index, char *out);
    // The 27 MHz clock when packet `index` is sent.
    qint64 clockAt(qint64 index) const;

private:
    void writePsi(quint16 pid, quint8 &continuity, const char *section, int sectionSize, char *out);
    void writeAudio(qint64 frame, qint64 clock, char *out);
    static void writeNull(qint64 index, char *out);

    qint64 m_packetsPerSecond = 0;
    qint64 m_lastPsiPeriod = -1;
    qint64 m_lastAudioFrame = -1;
    bool m_pmtDue = false;
    quint8 m_patContinuity = 0;
    quint8 m_pmtContinuity = 0;
    quint8 m_audioContinuity = 0;
};
