#include "analysis/SenderTiming.h"

#include <algorithm>
#include <cmath>

void SenderTiming::addArrival(qint64 arrivalUs, bool afterOutage)
{
    if (m_hasArrival && afterOutage) {
        ++m_outages;
        m_outageUs += std::max<qint64>(0, arrivalUs - m_lastArrivalUs);
    } else if (m_hasArrival) {
        const qint64 interval = std::max<qint64>(0, arrivalUs - m_lastArrivalUs);
        m_recent[std::size_t(m_recentNext)] = interval;
        m_recentNext = (m_recentNext + 1) % recentCount;
        m_recentSize = std::min(m_recentSize + 1, recentCount);
        ++m_intervalCount;
        m_intervalSumUs += double(interval);
    }
    m_lastArrivalUs = std::max(m_lastArrivalUs, arrivalUs);
    m_hasArrival = true;
}

void SenderTiming::addAtuOffset(qint64 offsetUs)
{
    if (m_offsets.count == 0) {
        m_offsets.minUs = offsetUs;
        m_offsets.maxUs = offsetUs;
    }
    m_offsets.lastUs = offsetUs;
    m_offsets.minUs = std::min(m_offsets.minUs, offsetUs);
    m_offsets.maxUs = std::max(m_offsets.maxUs, offsetUs);
    ++m_offsets.count;
    m_offsets.meanUs += (double(offsetUs) - m_offsets.meanUs) / double(m_offsets.count);
}

std::optional<qint64> SenderTiming::lastIntervalUs() const
{
    if (m_recentSize == 0)
        return std::nullopt;
    return m_recent[std::size_t((m_recentNext + recentCount - 1) % recentCount)];
}

std::optional<double> SenderTiming::meanIntervalUs() const
{
    if (m_intervalCount == 0)
        return std::nullopt;
    return m_intervalSumUs / double(m_intervalCount);
}

std::optional<double> SenderTiming::jitterUs() const
{
    if (m_recentSize < 2)
        return std::nullopt;
    double mean = 0;
    for (int i = 0; i < m_recentSize; ++i)
        mean += double(m_recent[std::size_t(i)]);
    mean /= m_recentSize;
    double squares = 0;
    for (int i = 0; i < m_recentSize; ++i) {
        const double deviation = double(m_recent[std::size_t(i)]) - mean;
        squares += deviation * deviation;
    }
    return std::sqrt(squares / m_recentSize);
}

std::optional<qint64> SenderTiming::expectedIntervalUs() const
{
    if (m_recentSize == 0)
        return std::nullopt;
    std::array<qint64, recentCount> sorted = m_recent;
    const auto end = sorted.begin() + m_recentSize;
    std::sort(sorted.begin(), end);
    const int middle = m_recentSize / 2;
    if (m_recentSize % 2 == 1)
        return sorted[std::size_t(middle)];
    return (sorted[std::size_t(middle - 1)] + sorted[std::size_t(middle)]) / 2;
}

std::optional<SenderTiming::Offsets> SenderTiming::atuOffsets() const
{
    if (m_offsets.count == 0)
        return std::nullopt;
    return m_offsets;
}
