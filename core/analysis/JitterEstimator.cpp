#include "analysis/JitterEstimator.h"

#include <cmath>

void JitterEstimator::add(qint64 arrivalUs, quint32 timestamp, double clockRate)
{
    if (clockRate <= 0)
        return;
    if (m_hasPrevious && clockRate == m_clockRate) {
        const double arrivalStep = double(arrivalUs - m_previousArrivalUs) * clockRate / 1e6;
        const double timestampStep = double(qint32(timestamp - m_previousTimestamp));
        const double difference = arrivalStep - timestampStep;
        m_jitter += (std::abs(difference) - m_jitter) / 16.0;
        m_hasJitter = true;
    } else if (m_hasJitter && clockRate != m_clockRate) {
        m_jitter *= clockRate / m_clockRate; // the same jitter in the new units
    }
    m_clockRate = clockRate;
    m_previousArrivalUs = arrivalUs;
    m_previousTimestamp = timestamp;
    m_hasPrevious = true;
}

std::optional<double> JitterEstimator::jitterUs() const
{
    if (!m_hasJitter)
        return std::nullopt;
    return m_jitter / m_clockRate * 1e6;
}
