#pragma once

#include <QList>
#include <QtGlobal>

#include <array>

// Continuity of an MPEG-TS stream (ISO/IEC 13818-1, 2.4.3.3). Per PID the 4-bit
// continuity_counter goes up by one with every packet that carries payload and stays put in
// one that does not (adaptation field only); a packet may be sent twice in a row (a
// duplicate: same counter, with payload); a discontinuity_indicator allows any value. Any
// other value is a continuity error (TR 101 290, 1.4), and the values it skipped count as
// lost packets. The null PID 0x1FFF and packets with transport_error_indicator set are not
// checked. One byte per PID: 8 KiB per stream.
class TsContinuity final
{
public:
    static constexpr int pidCount = 8192;

    // count whole 188-byte packets, each starting with the sync byte (others are skipped).
    void add(const uchar *packets, int count);

    qint64 errors() const { return m_errors; }
    qint64 lostPackets() const { return m_lostPackets; }
    qint64 packets() const { return m_packets; }
    int pidsSeen() const { return m_pidsSeen; }
    // The PIDs seen, ascending, at most limit of them.
    QList<int> pids(int limit) const;

private:
    void check(const uchar *packet);

    std::array<quint8, pidCount> m_state{}; // seen, duplicate taken, had payload, counter
    qint64 m_errors = 0;
    qint64 m_lostPackets = 0;
    qint64 m_packets = 0;
    int m_pidsSeen = 0;
};
