#pragma once

#include <QtGlobal>

#include <array>
#include <optional>

// Arrival intervals and ATU clock offsets of one sender. The recent intervals (a ring of
// the last recentCount) give the jitter and the expected interval (their median, which one
// lost or doubled datagram does not move). The gap across an outage (the sender was
// silent) is not an interval: it is counted as an outage instead, so that a heartbeat that
// was away for a while keeps its true mean interval.
class SenderTiming final
{
public:
    static constexpr int recentCount = 32;

    void addArrival(qint64 arrivalUs, bool afterOutage = false);
    void addAtuOffset(qint64 offsetUs);

    std::optional<qint64> lastIntervalUs() const;
    std::optional<double> meanIntervalUs() const;   // over every interval seen
    std::optional<double> jitterUs() const;         // standard deviation of the recent intervals
    std::optional<qint64> expectedIntervalUs() const; // median of the recent intervals
    qint64 outages() const { return m_outages; }
    qint64 outageUs() const { return m_outageUs; } // the gaps across all outages

    struct Offsets
    {
        qint64 lastUs = 0;
        qint64 minUs = 0;
        qint64 maxUs = 0;
        double meanUs = 0;
        qint64 count = 0;
    };
    std::optional<Offsets> atuOffsets() const;

private:
    std::array<qint64, recentCount> m_recent{};
    int m_recentSize = 0;
    int m_recentNext = 0;
    qint64 m_lastArrivalUs = 0;
    bool m_hasArrival = false;
    qint64 m_intervalCount = 0;
    double m_intervalSumUs = 0;
    qint64 m_outages = 0;
    qint64 m_outageUs = 0;
    Offsets m_offsets;
};
