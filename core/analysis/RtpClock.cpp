#include "analysis/RtpClock.h"

#include <array>
#include <cmath>

namespace {

constexpr std::array<int, 11> usualRates{8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 90000, 96000};
constexpr double tolerance = 0.03;

} // namespace

std::optional<int> RtpClock::staticRate(int payloadType)
{
    switch (payloadType) {
    case 0: case 3: case 4: case 5: case 7: case 8: case 9: case 12: case 13: case 15: case 18:
        return 8000; // G.722's RTP clock is 8 kHz too, by an error in RFC 1890 kept since
    case 6: return 16000;
    case 10: case 11: return 44100;
    case 16: return 11025;
    case 17: return 22050;
    case 14: case 25: case 26: case 28: case 31: case 32: case 33: case 34:
        return 90000;
    default: return std::nullopt;
    }
}

void RtpClock::add(int payloadType, qint64 arrivalUs, quint32 timestamp)
{
    if (payloadType != m_payloadType) {
        m_payloadType = payloadType;
        m_rate = staticRate(payloadType);
        startEstimate(arrivalUs, timestamp);
        return;
    }
    if (m_rate)
        return;
    m_advance += qint32(timestamp - m_lastTimestamp);
    m_lastTimestamp = timestamp;
    const qint64 span = arrivalUs - m_firstArrivalUs;
    if (span < estimateSpanUs)
        return;
    const double estimate = double(m_advance) * 1e6 / double(span);
    for (const int usual : usualRates) {
        if (std::abs(estimate - usual) <= tolerance * usual) {
            m_rate = usual;
            return;
        }
    }
    startEstimate(arrivalUs, timestamp);
}

void RtpClock::startEstimate(qint64 arrivalUs, quint32 timestamp)
{
    m_firstArrivalUs = arrivalUs;
    m_lastTimestamp = timestamp;
    m_advance = 0;
}
