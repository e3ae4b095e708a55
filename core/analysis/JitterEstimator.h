#pragma once

#include <QtGlobal>

#include <optional>

// RFC 3550's interarrival jitter (6.4.1, A.8): for consecutive datagrams i, j in arrival
// order D = (Rj - Ri) - (Sj - Si), the arrival times R read in the stream's clock, S its
// timestamps; J += (|D| - J) / 16. The timestamps are 32-bit and may wrap (RTP's clock,
// or iperf 2's send time in microseconds taken modulo 2^32).
class JitterEstimator final
{
public:
    // clockRate: timestamp units per second (90,000 for MPEG-TS and video, 8,000 for G.711…).
    void add(qint64 arrivalUs, quint32 timestamp, double clockRate);
    // After a restart (new timestamp base) or an outage: the next datagram starts afresh.
    void restart() { m_hasPrevious = false; }

    // In microseconds; nothing before two datagrams.
    std::optional<double> jitterUs() const;

private:
    double m_jitter = 0; // in timestamp units
    double m_clockRate = 0;
    qint64 m_previousArrivalUs = 0;
    quint32 m_previousTimestamp = 0;
    bool m_hasPrevious = false;
    bool m_hasJitter = false;
};
