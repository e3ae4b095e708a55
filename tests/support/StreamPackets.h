#pragma once

#include <QByteArray>
#include <QtEndian>

#include <algorithm>

// Payloads of the stream formats, built byte by byte as their senders write them, for
// decoder, detector, analysis and end-to-end tests.
namespace StreamPackets {

inline void appendBigEndian32(QByteArray &bytes, quint32 value)
{
    char raw[4];
    qToBigEndian(value, raw);
    bytes.append(raw, 4);
}

inline void appendBigEndian16(QByteArray &bytes, quint16 value)
{
    char raw[2];
    qToBigEndian(value, raw);
    bytes.append(raw, 2);
}

// An RTP packet, set up by chained calls: Rtp().sequence(7).payloadType(33).bytes().
class Rtp
{
public:
    Rtp &sequence(quint16 value) { m_sequence = value; return *this; }
    Rtp &timestamp(quint32 value) { m_timestamp = value; return *this; }
    Rtp &ssrc(quint32 value) { m_ssrc = value; return *this; }
    Rtp &payloadType(int value) { m_payloadType = value; return *this; }
    Rtp &marker() { m_marker = true; return *this; }
    Rtp &csrcs(int count) { m_csrcCount = count; return *this; }
    Rtp &extension(int words) { m_extensionWords = words; return *this; }
    Rtp &padding(int bytes) { m_padding = bytes; return *this; }
    Rtp &payload(const QByteArray &value) { m_payload = value; return *this; }

    QByteArray bytes() const
    {
        QByteArray bytes;
        bytes.append(char(0x80 | (m_padding > 0 ? 0x20 : 0) | (m_extensionWords >= 0 ? 0x10 : 0) | m_csrcCount));
        bytes.append(char((m_marker ? 0x80 : 0) | m_payloadType));
        appendBigEndian16(bytes, m_sequence);
        appendBigEndian32(bytes, m_timestamp);
        appendBigEndian32(bytes, m_ssrc);
        for (int i = 0; i < m_csrcCount; ++i)
            appendBigEndian32(bytes, 0xC0000000u + quint32(i));
        if (m_extensionWords >= 0) {
            appendBigEndian16(bytes, 0xBEDE);
            appendBigEndian16(bytes, quint16(m_extensionWords));
            bytes.append(QByteArray(4 * m_extensionWords, '\x01'));
        }
        bytes.append(m_payload);
        if (m_padding > 0) {
            bytes.append(QByteArray(m_padding - 1, '\0'));
            bytes.append(char(m_padding));
        }
        return bytes;
    }

private:
    quint16 m_sequence = 0;
    quint32 m_timestamp = 0;
    quint32 m_ssrc = 0x11223344;
    int m_payloadType = 96;
    bool m_marker = false;
    int m_csrcCount = 0;
    int m_extensionWords = -1; // -1: no header extension
    int m_padding = 0;         // bytes, the last one saying how many
    QByteArray m_payload = QByteArray(160, 'p');
};

// One 188-byte MPEG-TS packet; afc 1 payload only, 2 adaptation field only, 3 both.
inline QByteArray tsPacket(int pid, int counter, int afc = 1, bool discontinuity = false)
{
    QByteArray packet(188, '\xff');
    packet[0] = char(0x47);
    packet[1] = char((pid >> 8) & 0x1F);
    packet[2] = char(pid & 0xFF);
    packet[3] = char((afc << 4) | (counter & 0x0F));
    if (afc & 2) {
        packet[4] = char(afc == 2 ? 183 : 7); // adaptation_field_length
        packet[5] = char(discontinuity ? 0x80 : 0x00);
    }
    return packet;
}

// Seven packets of pids[i % size] with their counters going up, as in a 1,316-byte datagram.
inline QByteArray tsDatagram(int firstCounter, int pid = 0x100, int packets = 7)
{
    QByteArray bytes;
    for (int i = 0; i < packets; ++i)
        bytes.append(tsPacket(pid, firstCounter + i));
    return bytes;
}

// iperf 2's UDP payload: number (negative: the final datagram), send time, and with
// `wide` the upper half of a 64-bit number and iperf 2.1.8's flags word as captured from
// `iperf -c … -u` (HEADER_EXTEND, HEADER_SEQNO64B, the header length).
inline QByteArray iperf2(qint64 sequence, qint64 sendTimeUs, bool wide = true, int size = 200)
{
    QByteArray bytes;
    appendBigEndian32(bytes, quint32(quint64(sequence) & 0xFFFFFFFF));
    appendBigEndian32(bytes, quint32(sendTimeUs / 1'000'000));
    appendBigEndian32(bytes, quint32(sendTimeUs % 1'000'000));
    appendBigEndian32(bytes, wide ? quint32(quint64(sequence) >> 32) : 0);
    appendBigEndian32(bytes, wide ? 0x48010098u : 0u);
    bytes.append(QByteArray(std::max(0, size - int(bytes.size())), '\0'));
    return bytes.left(std::max(size, 0));
}

// As mcjoin 2.x sends: the text padded with NULs to size bytes.
inline QByteArray mcjoin(quint32 pid, quint64 count, int size = 100, const char *group = "239.1.1.3")
{
    QByteArray text = QByteArray("Sender PID ") + QByteArray::number(pid) + ", MC group " + group
                      + " ... count: " + QByteArray::number(count) + ", freq: 100";
    if (text.size() < size)
        text.append(QByteArray(size - text.size(), '\0'));
    return text;
}

} // namespace StreamPackets
