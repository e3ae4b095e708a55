#pragma once

#include "analysis/TrafficStatistics.h"

#include <QHash>
#include <QList>

#include <array>

struct RatePoint
{
    qint64 timeUs = 0; // end of the second the rate was counted over
    double packetsPerSecond = 0; // received, or lost
};

// Packets received and lost per second over the last five minutes, for the total and for
// each sender, at the resolution of the owner's sampling (once a second). Each sample is the
// count of packets since the previous one, so a 1 pkt/s heartbeat reads exactly 1, not a
// smoothed rate. Lost is what the flows' sequence numbers newly miss; late datagrams that
// fill a gap counted in an earlier second do not make a later one negative.
// Memory is fixed: two rings of `capacity` samples per series, at most maxSeries senders.
//
// Create it together with the statistics (both empty): the first sample counts every
// packet since then. When the statistics are cleared the history notices (counts go
// backwards, senders vanish) and starts again; calling clear() as well does no harm.
class RateHistory final
{
    Q_DISABLE_COPY_MOVE(RateHistory)

public:
    static constexpr int capacity = 300; // 5 min at one sample a second

    explicit RateHistory(int maxSeries = TrafficStatistics::defaultMaxSenders);

    void sample(const TrafficStatistics &statistics);
    void clear();

    bool isEmpty() const { return m_size == 0; }
    int size() const { return m_size; }
    qint64 latestTimeUs() const;
    // Oldest to newest. A sender's series spans the same samples as the total, with zeros
    // before it appeared; it is empty for an address the history does not track.
    QList<RatePoint> total() const;
    QList<RatePoint> sender(const FlowKey &flow) const;
    bool hasSender(const FlowKey &flow) const { return m_senders.contains(flow); }
    // The same for lost datagrams; the total is over every flow with sequence numbers.
    QList<RatePoint> totalLost() const;
    QList<RatePoint> senderLost(const FlowKey &flow) const;
    // Whether the flow's datagrams carry sequence numbers (and so can show loss).
    bool senderHasSequence(const FlowKey &flow) const;
    // Whether any flow has had sequence numbers since the history started.
    bool anySequence() const { return m_anySequence; }
    int senderCount() const { return int(m_senders.size()); }

private:
    using Ring = std::array<double, capacity>;
    struct SenderSeries
    {
        Ring values{};
        Ring lost{};
        qint64 packets = 0; // the sender's counts at the previous sample
        qint64 lostCount = 0;
        bool hasSequence = false;
    };

    bool looksCleared(const TrafficStatistics &statistics) const;
    QList<RatePoint> points(const Ring &values) const;

    int m_maxSeries = TrafficStatistics::defaultMaxSenders;
    std::array<qint64, capacity> m_times{};
    Ring m_totals{};
    Ring m_totalLost{};
    int m_size = 0;
    int m_next = 0; // ring slot the next sample goes to
    qint64 m_totalPackets = 0;
    qint64 m_totalLostCount = 0;
    bool m_anySequence = false;
    // Senders keep their first-seen time until the statistics are cleared.
    qint64 m_firstSenderSeenUs = 0;
    QHash<FlowKey, SenderSeries> m_senders;
};
