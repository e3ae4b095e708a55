#pragma once

#include <QtGlobal>

#include <optional>

// The clock an RTP stream's timestamps count in. For the static payload types it is RFC
// 3551's (8 kHz for G.711, 90 kHz for MPEG-TS and video…). For dynamic (96-127) and
// unassigned types it is estimated: how far the timestamps advanced against the arrival
// times over at least estimateSpanUs, taken when within 3 % of a usual rate (8, 11.025, 12,
// 16, 22.05, 24, 32, 44.1, 48, 90 or 96 kHz); until then, or if none fits, it is unknown.
class RtpClock final
{
public:
    static constexpr qint64 estimateSpanUs = 2'000'000;

    static std::optional<int> staticRate(int payloadType);

    void add(int payloadType, qint64 arrivalUs, quint32 timestamp);
    std::optional<int> rate() const { return m_rate; }

private:
    void startEstimate(qint64 arrivalUs, quint32 timestamp);

    int m_payloadType = -1;
    std::optional<int> m_rate;
    qint64 m_firstArrivalUs = 0;
    quint32 m_lastTimestamp = 0;
    qint64 m_advance = 0; // timestamp units since the first arrival, across wraps
};
