#include "analysis/RateHistory.h"

#include <algorithm>
#include <cmath>

RateHistory::RateHistory(int maxSeries)
    : m_maxSeries(std::max(0, maxSeries))
{
}

void RateHistory::clear()
{
    m_size = 0;
    m_next = 0;
    m_totalPackets = 0;
    m_totalLostCount = 0;
    m_anySequence = false;
    m_firstSenderSeenUs = 0;
    m_senders.clear();
}

namespace {

qint64 lostOf(const TrafficStatistics::Sender &sender)
{
    const SequenceTracker *sequence = sender.analysis.sequence();
    return sequence ? sequence->lost() : 0;
}

} // namespace

bool RateHistory::looksCleared(const TrafficStatistics &statistics) const
{
    const auto &senders = statistics.senders();
    if (statistics.totals().packets < m_totalPackets)
        return true;
    if (std::size_t(m_senders.size()) > senders.size())
        return true;
    // Refilled since the clear by more packets than before: the first sender is a new one.
    return m_firstSenderSeenUs != 0 && !senders.empty()
           && senders.front().firstSeenUs != m_firstSenderSeenUs;
}

void RateHistory::sample(const TrafficStatistics &statistics)
{
    if (looksCleared(statistics))
        clear();

    const qint64 nowUs = statistics.nowUs();
    // A late timer (a suspended machine, a blocked event loop) spreads its count over the
    // seconds it missed instead of drawing a spike; a wall clock set back counts as 1 s.
    double seconds = 1;
    if (m_size > 0) {
        const qint64 elapsedUs = nowUs - latestTimeUs();
        seconds = std::max(1.0, std::round(double(elapsedUs) / 1e6));
    }

    const int slot = m_next;
    m_times[std::size_t(slot)] = nowUs;
    const qint64 totalPackets = statistics.totals().packets;
    m_totals[std::size_t(slot)] = double(totalPackets - m_totalPackets) / seconds;
    m_totalPackets = totalPackets;

    // Late arrivals may take back loss counted before: a count that went down is the new
    // baseline, not a negative rate.
    const auto lostSince = [seconds](qint64 now, qint64 &before) {
        const double perSecond = double(std::max<qint64>(0, now - before)) / seconds;
        before = now;
        return perSecond;
    };
    qint64 totalLost = 0;
    for (auto it = m_senders.begin(); it != m_senders.end(); ++it) {
        it->values[std::size_t(slot)] = 0;
        it->lost[std::size_t(slot)] = 0;
    }
    for (const TrafficStatistics::Sender &sender : statistics.senders()) {
        const qint64 lost = lostOf(sender);
        totalLost += lost;
        m_anySequence = m_anySequence || sender.analysis.sequence() != nullptr;
        auto found = m_senders.find(sender.key());
        if (found == m_senders.end()) {
            if (m_senders.size() >= m_maxSeries)
                continue;
            found = m_senders.insert(sender.key(), SenderSeries{});
        }
        found->values[std::size_t(slot)] = double(sender.packets - found->packets) / seconds;
        found->packets = sender.packets;
        found->lost[std::size_t(slot)] = lostSince(lost, found->lostCount);
        found->hasSequence = sender.analysis.sequence() != nullptr;
    }
    m_totalLost[std::size_t(slot)] = lostSince(totalLost, m_totalLostCount);
    if (!statistics.senders().empty())
        m_firstSenderSeenUs = statistics.senders().front().firstSeenUs;

    m_next = (m_next + 1) % capacity;
    m_size = std::min(m_size + 1, capacity);
}

qint64 RateHistory::latestTimeUs() const
{
    if (m_size == 0)
        return 0;
    return m_times[std::size_t((m_next + capacity - 1) % capacity)];
}

QList<RatePoint> RateHistory::points(const Ring &values) const
{
    QList<RatePoint> result;
    result.reserve(m_size);
    const int oldest = (m_next + capacity - m_size) % capacity;
    for (int i = 0; i < m_size; ++i) {
        const auto slot = std::size_t((oldest + i) % capacity);
        result.append({m_times[slot], values[slot]});
    }
    return result;
}

QList<RatePoint> RateHistory::total() const
{
    return points(m_totals);
}

QList<RatePoint> RateHistory::sender(const FlowKey &flow) const
{
    const auto found = m_senders.constFind(flow);
    if (found == m_senders.constEnd())
        return {};
    return points(found->values);
}

QList<RatePoint> RateHistory::totalLost() const
{
    return points(m_totalLost);
}

QList<RatePoint> RateHistory::senderLost(const FlowKey &flow) const
{
    const auto found = m_senders.constFind(flow);
    if (found == m_senders.constEnd())
        return {};
    return points(found->lost);
}

bool RateHistory::senderHasSequence(const FlowKey &flow) const
{
    const auto found = m_senders.constFind(flow);
    return found != m_senders.constEnd() && found->hasSequence;
}
