#include "analysis/MediaDeliveryIndex.h"

#include <algorithm>

void MediaDeliveryIndex::add(qint64 arrivalUs, qint64 tsBytes, qint64 lostPackets)
{
    if (!m_started) {
        m_started = true;
        startInterval(arrivalUs, lostPackets);
    } else if (arrivalUs - m_intervalStartUs >= intervalUs) {
        // A flow that paused for longer than an interval starts afresh: its old rate says
        // nothing about the gap.
        const qint64 end = m_intervalStartUs + intervalUs;
        const bool paused = arrivalUs - end >= intervalUs;
        finishInterval(end, lostPackets);
        startInterval(paused ? arrivalUs : end, lostPackets);
        if (paused)
            m_drainBytesPerUs = 0;
    }
    if (m_drainBytesPerUs > 0) {
        const double drained = m_drainBytesPerUs * double(arrivalUs - m_intervalStartUs);
        const double before = double(m_bytes) - drained;
        m_minBefore = std::min(m_minBefore, before);
        m_maxAfter = std::max(m_maxAfter, before + double(tsBytes));
    }
    m_bytes += tsBytes;
}

void MediaDeliveryIndex::startInterval(qint64 startUs, qint64 lostPackets)
{
    m_intervalStartUs = startUs;
    m_bytes = 0;
    m_lostAtStart = lostPackets;
    m_minBefore = 0;
    m_maxAfter = 0;
}

void MediaDeliveryIndex::finishInterval(qint64 endUs, qint64 lostPackets)
{
    const double seconds = double(endUs - m_intervalStartUs) / 1e6;
    if (m_drainBytesPerUs > 0) {
        Result result;
        result.delayFactorMs = (m_maxAfter - m_minBefore) / m_drainBytesPerUs / 1000.0;
        result.mediaLossRate = double(lostPackets - m_lostAtStart) / seconds;
        result.mediaRateBps = m_drainBytesPerUs * 8e6;
        m_last = result;
    }
    m_drainBytesPerUs = double(m_bytes) / double(endUs - m_intervalStartUs);
}
