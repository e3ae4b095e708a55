#pragma once

#include "analysis/JitterEstimator.h"
#include "analysis/MediaDeliveryIndex.h"
#include "analysis/RtpClock.h"
#include "analysis/SequenceTracker.h"
#include "analysis/TsContinuity.h"
#include "net/ReceivedDatagram.h"

#include <limits>
#include <memory>
#include <optional>

// What one flow's stream format allows beyond counting datagrams: loss, duplicates,
// reordering and restarts from its sequence numbers; RFC 3550 jitter from its timestamps
// (RTP, in the payload type's clock) or send times (iperf 2); one-way delay from iperf 2's
// send times (smoothed like the jitter, over about 16 datagrams: meaningful only where
// sender and receiver share a clock); MPEG-TS continuity and RFC 4445's MDI. Each part exists only once the
// flow's datagrams have it. Losses and restarts are announced at most once a second; a gap
// only once it has stayed open for lossSettleUs, so that reordering is not announced as loss.
class FlowAnalysis final
{
public:
    static constexpr qint64 eventSpacingUs = 1'000'000;
    static constexpr qint64 lossSettleUs = 250'000;

    FlowAnalysis() = default;
    FlowAnalysis(const FlowAnalysis &other);
    FlowAnalysis &operator=(const FlowAnalysis &other);
    FlowAnalysis(FlowAnalysis &&) = default;
    FlowAnalysis &operator=(FlowAnalysis &&) = default;
    ~FlowAnalysis();

    void record(const ReceivedDatagram &datagram);

    // Null when the flow's datagrams carry no sequence numbers.
    const SequenceTracker *sequence() const { return m_sequence ? &*m_sequence : nullptr; }
    std::optional<double> jitterUs() const { return m_jitter.jitterUs(); }
    std::optional<double> delayUs() const { return m_hasDelay ? std::optional<double>(m_delayUs) : std::nullopt; }
    // Null when the flow carries no MPEG-TS packets.
    const TsContinuity *continuity() const { return m_continuity.get(); }
    // RFC 4445 MDI of an MPEG-TS flow: its last complete second, once there is one.
    std::optional<MediaDeliveryIndex::Result> mediaDeliveryIndex() const
    {
        return m_mdi ? m_mdi->last() : std::nullopt;
    }
    std::optional<int> rtpClockRate() const { return m_rtpClock.rate(); }

    // Datagrams lost since the last call that returned some, if due at nowUs: a second after
    // it, and lossSettleUs after the first of them was missed.
    std::optional<qint64> takeLoss(qint64 nowUs);
    std::optional<qint64> takeRestarts(qint64 nowUs);

private:
    std::optional<SequenceTracker> m_sequence;
    JitterEstimator m_jitter;
    RtpClock m_rtpClock;
    double m_delayUs = 0;
    bool m_hasDelay = false;
    std::unique_ptr<TsContinuity> m_continuity;
    std::unique_ptr<MediaDeliveryIndex> m_mdi;
    qint64 m_lossReported = 0;
    qint64 m_lossEventUs = std::numeric_limits<qint64>::min() / 2;
    std::optional<qint64> m_lossNoticedUs; // when lost last went beyond what was reported
    qint64 m_restartsReported = 0;
    qint64 m_restartEventUs = std::numeric_limits<qint64>::min() / 2;
};
