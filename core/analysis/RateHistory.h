#pragma once

#include "analysis/TrafficStatistics.h"

#include <QHash>
#include <QList>

#include <array>

struct RatePoint
{
    qint64 timeUs = 0; // end of the second the rate was counted over
    double packetsPerSecond = 0;
};

// Packets per second over the last five minutes, for the total and for each sender, at the
// resolution of the owner's sampling (once a second). Each sample is the count of packets
// since the previous one, so a 1 pkt/s heartbeat reads exactly 1, not a smoothed rate.
// Memory is fixed: a ring of `capacity` samples per series, at most maxSeries senders.
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
    int senderCount() const { return int(m_senders.size()); }

private:
    using Ring = std::array<double, capacity>;
    struct SenderSeries
    {
        Ring values{};
        qint64 packets = 0; // the sender's count at the previous sample
    };

    bool looksCleared(const TrafficStatistics &statistics) const;
    QList<RatePoint> points(const Ring &values) const;

    int m_maxSeries = TrafficStatistics::defaultMaxSenders;
    std::array<qint64, capacity> m_times{};
    Ring m_totals{};
    int m_size = 0;
    int m_next = 0; // ring slot the next sample goes to
    qint64 m_totalPackets = 0;
    // Senders keep their first-seen time until the statistics are cleared.
    qint64 m_firstSenderSeenUs = 0;
    QHash<FlowKey, SenderSeries> m_senders;
};
