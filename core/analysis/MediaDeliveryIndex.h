#pragma once

#include <QtGlobal>

#include <optional>

// RFC 4445's Media Delivery Index of an MPEG-TS flow, per one-second interval:
// - Delay Factor: how much a buffer drained at the stream's media rate would have to hold to
//   ride out the arrival pattern — (max virtual buffer after an arrival − min before one) ÷
//   media rate. Evenly spaced datagrams give one datagram's worth of time; bursts give more.
// - Media Loss Rate: TS packets lost in the interval (from continuity counters), per second.
// The media rate is what the flow carried over the previous interval (TS bytes per second),
// so the first result comes at the end of the second interval.
class MediaDeliveryIndex final
{
public:
    static constexpr qint64 intervalUs = 1'000'000;

    struct Result
    {
        double delayFactorMs = 0;
        double mediaLossRate = 0; // TS packets per second
        double mediaRateBps = 0;  // the drain rate it was measured against, bits per second
    };

    // A datagram carrying tsBytes of MPEG-TS arrived; lostPackets is the flow's running
    // count of TS packets lost so far.
    void add(qint64 arrivalUs, qint64 tsBytes, qint64 lostPackets);

    // The last complete interval's figures.
    const std::optional<Result> &last() const { return m_last; }

private:
    void startInterval(qint64 startUs, qint64 lostPackets);
    void finishInterval(qint64 endUs, qint64 lostPackets);

    bool m_started = false;
    qint64 m_intervalStartUs = 0;
    qint64 m_bytes = 0;            // TS bytes received in the interval so far
    qint64 m_lostAtStart = 0;
    double m_drainBytesPerUs = 0;  // 0: not known yet
    double m_minBefore = 0;        // virtual buffer just before an arrival
    double m_maxAfter = 0;         // and just after one
    std::optional<Result> m_last;
};
