#include "generators/MpegTsMuxer.h"

#include "generators/MpegCrc32.h"

#include <array>
#include <cstring>

namespace {

constexpr qint64 psiPeriod = MpegTsMuxer::clockHz / 10;              // 100 ms
constexpr qint64 audioFramePeriod = MpegTsMuxer::clockHz * 24 / 1000; // 1,152 samples at 48 kHz
constexpr qint64 ptsPerAudioFrame = 90'000 * 24 / 1000;
constexpr qint64 ptsAheadOfPcr = 90'000 / 5; // 200 ms for the decoder's buffer
constexpr qint64 wrap33 = qint64(1) << 33;   // PCR base and PTS are 33-bit counters

// MPEG-1 Layer II, 32 kbit/s, 48 kHz, mono, no CRC: 144 × 32000 / 48000 bytes. With every
// subband's allocation 0 the frame decodes to silence, so all but the header is zero.
constexpr int audioFrameSize = 96;
constexpr std::array<quint8, 4> audioFrameHeader{0xFF, 0xFD, 0x14, 0xC0};
constexpr int pesHeaderSize = 14; // start code, stream id, length, flags, PTS
constexpr quint8 audioStreamId = 0xC0;
constexpr quint8 mpeg1AudioStreamType = 0x03;

void putBigEndian16(char *out, quint16 value)
{
    out[0] = char(value >> 8);
    out[1] = char(value);
}

void putBigEndian32(char *out, quint32 value)
{
    for (int i = 0; i < 4; ++i)
        out[i] = char(value >> (24 - 8 * i));
}

void writeHeader(char *out, quint16 pid, bool unitStart, bool adaptation, quint8 continuity)
{
    out[0] = char(0x47);
    out[1] = char((unitStart ? 0x40 : 0x00) | (pid >> 8));
    out[2] = char(pid & 0xFF);
    out[3] = char((adaptation ? 0x30 : 0x10) | (continuity & 0x0F));
}

// A section's fixed part then its CRC; `size` counts the CRC.
template<std::size_t Size> std::array<char, Size> withCrc(std::array<quint8, Size - 4> fixed)
{
    std::array<char, Size> section{};
    std::memcpy(section.data(), fixed.data(), fixed.size());
    putBigEndian32(section.data() + fixed.size(), MpegCrc32::compute(section.data(), qsizetype(fixed.size())));
    return section;
}

const std::array<char, 16> &patSection()
{
    static const auto section = withCrc<16>({
        0x00,                                       // table_id: program association
        0xB0, 13,                                   // syntax 1, section_length
        0x00, 0x01,                                 // transport_stream_id
        0xC1,                                       // version 0, current
        0x00, 0x00,                                 // section 0 of 0
        0x00, MpegTsMuxer::programNumber,           // program 1 …
        quint8(0xE0 | (MpegTsMuxer::pmtPid >> 8)), quint8(MpegTsMuxer::pmtPid & 0xFF), // … its PMT
    });
    return section;
}

const std::array<char, 21> &pmtSection()
{
    static const auto section = withCrc<21>({
        0x02,                                        // table_id: program map
        0xB0, 18,                                    // syntax 1, section_length
        0x00, MpegTsMuxer::programNumber,
        0xC1, 0x00, 0x00,                            // version 0, current, section 0 of 0
        quint8(0xE0 | (MpegTsMuxer::audioPid >> 8)), quint8(MpegTsMuxer::audioPid & 0xFF), // PCR PID
        0xF0, 0x00,                                  // no program descriptors
        mpeg1AudioStreamType,
        quint8(0xE0 | (MpegTsMuxer::audioPid >> 8)), quint8(MpegTsMuxer::audioPid & 0xFF),
        0xF0, 0x00,                                  // no stream descriptors
    });
    return section;
}

} // namespace

MpegTsMuxer::MpegTsMuxer(qint64 packetsPerSecond)
    : m_packetsPerSecond(qMax<qint64>(1, packetsPerSecond))
{
}

qint64 MpegTsMuxer::clockAt(qint64 index) const
{
    // Split so that index × 27 MHz cannot overflow however long the stream runs.
    return index / m_packetsPerSecond * clockHz + index % m_packetsPerSecond * clockHz / m_packetsPerSecond;
}

void MpegTsMuxer::writePacket(qint64 index, char *out)
{
    const qint64 clock = clockAt(index);
    if (const qint64 period = clock / psiPeriod; period != m_lastPsiPeriod) {
        m_lastPsiPeriod = period;
        m_pmtDue = true;
        writePsi(patPid, m_patContinuity, patSection().data(), int(patSection().size()), out);
        return;
    }
    if (m_pmtDue) {
        m_pmtDue = false;
        writePsi(pmtPid, m_pmtContinuity, pmtSection().data(), int(pmtSection().size()), out);
        return;
    }
    if (const qint64 frame = clock / audioFramePeriod; frame != m_lastAudioFrame) {
        m_lastAudioFrame = frame;
        writeAudio(frame, clock, out);
        return;
    }
    writeNull(index, out);
}

void MpegTsMuxer::writePsi(quint16 pid, quint8 &continuity, const char *section, int sectionSize,
                          char *out)
{
    writeHeader(out, pid, true, false, continuity);
    continuity = (continuity + 1) & 0x0F;
    out[4] = 0; // pointer_field: the section starts right here
    std::memcpy(out + 5, section, std::size_t(sectionSize));
    std::memset(out + 5 + sectionSize, 0xFF, std::size_t(packetSize - 5 - sectionSize));
}

void MpegTsMuxer::writeAudio(qint64 frame, qint64 clock, char *out)
{
    // One PES packet in one TS packet: the adaptation field carries the PCR and the stuffing.
    constexpr int pesSize = pesHeaderSize + audioFrameSize;
    constexpr int adaptationLength = packetSize - 4 - 1 - pesSize;
    writeHeader(out, audioPid, true, true, m_audioContinuity);
    m_audioContinuity = (m_audioContinuity + 1) & 0x0F;
    out[4] = char(adaptationLength);
    out[5] = char(0x50); // random access point, PCR present
    const qint64 base = clock / 300 % wrap33;
    const qint64 extension = clock % 300;
    out[6] = char(base >> 25);
    out[7] = char(base >> 17);
    out[8] = char(base >> 9);
    out[9] = char(base >> 1);
    out[10] = char(((base & 1) << 7) | 0x7E | (extension >> 8));
    out[11] = char(extension & 0xFF);
    char *pes = out + 5 + adaptationLength;
    std::memset(out + 12, 0xFF, std::size_t(pes - (out + 12)));

    const qint64 pts = (frame * ptsPerAudioFrame + ptsAheadOfPcr) % wrap33;
    pes[0] = 0;
    pes[1] = 0;
    pes[2] = 1;
    pes[3] = char(audioStreamId);
    putBigEndian16(pes + 4, quint16(pesSize - 6));
    pes[6] = char(0x84); // '10', data aligned
    pes[7] = char(0x80); // PTS only
    pes[8] = 5;          // header data: the PTS
    pes[9] = char(0x21 | ((pts >> 29) & 0x0E));
    pes[10] = char(pts >> 22);
    pes[11] = char(((pts >> 14) & 0xFE) | 1);
    pes[12] = char(pts >> 7);
    pes[13] = char(((pts << 1) & 0xFE) | 1);
    char *audio = pes + pesHeaderSize;
    std::memcpy(audio, audioFrameHeader.data(), audioFrameHeader.size());
    std::memset(audio + audioFrameHeader.size(), 0, audioFrameSize - audioFrameHeader.size());
}

void MpegTsMuxer::writeNull(qint64 index, char *out)
{
    writeHeader(out, nullPid, false, false, 0);
    for (int i = 0; i < 8; ++i)
        out[4 + i] = char(quint64(index) >> (56 - 8 * i));
    std::memset(out + 12, 0xFF, packetSize - 12);
}
