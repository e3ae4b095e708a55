#include "analysis/FlowAnalysis.h"

#include "decoders/MpegTsPacket.h"

#include <algorithm>
#include <utility>

FlowAnalysis::FlowAnalysis(const FlowAnalysis &other)
    : m_sequence(other.m_sequence)
    , m_jitter(other.m_jitter)
    , m_rtpClock(other.m_rtpClock)
    , m_delayUs(other.m_delayUs)
    , m_hasDelay(other.m_hasDelay)
    , m_continuity(other.m_continuity ? std::make_unique<TsContinuity>(*other.m_continuity) : nullptr)
    , m_mdi(other.m_mdi ? std::make_unique<MediaDeliveryIndex>(*other.m_mdi) : nullptr)
    , m_lossReported(other.m_lossReported)
    , m_lossEventUs(other.m_lossEventUs)
    , m_lossNoticedUs(other.m_lossNoticedUs)
    , m_restartsReported(other.m_restartsReported)
    , m_restartEventUs(other.m_restartEventUs)
{
}

FlowAnalysis &FlowAnalysis::operator=(const FlowAnalysis &other)
{
    if (this != &other)
        *this = FlowAnalysis(other);
    return *this;
}

FlowAnalysis::~FlowAnalysis() = default;

void FlowAnalysis::record(const ReceivedDatagram &datagram)
{
    const StreamFields &stream = datagram.stream;
    if (stream.endOfStream) {
        if (m_sequence)
            m_sequence->expectRestart();
        return;
    }
    if (stream.hasSequence()) {
        if (!m_sequence)
            m_sequence.emplace(datagram.format == PayloadFormat::Iperf2 || datagram.format == PayloadFormat::Mcjoin);
        switch (m_sequence->add(stream.sequence, stream.sequenceBits)) {
        case SequenceTracker::Verdict::Duplicate:
        case SequenceTracker::Verdict::Stray:
            return; // no news about timing or content
        case SequenceTracker::Verdict::Restart:
            m_jitter.restart(); // a new timestamp base
            break;
        case SequenceTracker::Verdict::First:
        case SequenceTracker::Verdict::InOrder:
        case SequenceTracker::Verdict::Late:
            break;
        }
    }
    switch (datagram.format) {
    case PayloadFormat::Rtp:
    case PayloadFormat::RtpMpegTs:
        m_rtpClock.add(stream.rtpPayloadType, datagram.arrivalUs, stream.rtpTimestamp);
        if (const auto rate = m_rtpClock.rate())
            m_jitter.add(datagram.arrivalUs, stream.rtpTimestamp, *rate);
        break;
    case PayloadFormat::Iperf2: {
        m_jitter.add(datagram.arrivalUs, quint32(quint64(stream.sendTimeUs)), 1e6);
        const double delay = double(datagram.arrivalUs - stream.sendTimeUs);
        m_delayUs = m_hasDelay ? m_delayUs + (delay - m_delayUs) / 16.0 : delay;
        m_hasDelay = true;
        break;
    }
    case PayloadFormat::Raw:
    case PayloadFormat::Atu:
    case PayloadFormat::MpegTs:
    case PayloadFormat::Mcjoin:
        break;
    }
    if (stream.tsPackets > 0 && stream.tsOffset + qsizetype(stream.tsPackets) * MpegTsPacket::size <= datagram.payload.size()) {
        if (!m_continuity) {
            m_continuity = std::make_unique<TsContinuity>();
            m_mdi = std::make_unique<MediaDeliveryIndex>();
        }
        // The losses this datagram reveals belong to the interval it arrives in.
        m_mdi->add(datagram.arrivalUs, qint64(stream.tsPackets) * MpegTsPacket::size, m_continuity->lostPackets());
        m_continuity->add(reinterpret_cast<const uchar *>(datagram.payload.constData()) + stream.tsOffset,
                          stream.tsPackets);
    }
}

std::optional<qint64> FlowAnalysis::takeLoss(qint64 nowUs)
{
    if (!m_sequence)
        return std::nullopt;
    const qint64 lost = m_sequence->lost();
    // Late datagrams took some back: what is lost anew from here on is news again.
    m_lossReported = std::min(m_lossReported, lost);
    if (lost == m_lossReported) {
        m_lossNoticedUs.reset();
        return std::nullopt;
    }
    if (!m_lossNoticedUs)
        m_lossNoticedUs = nowUs;
    if (nowUs - *m_lossNoticedUs < lossSettleUs || nowUs - m_lossEventUs < eventSpacingUs)
        return std::nullopt;
    const qint64 count = lost - std::exchange(m_lossReported, lost);
    m_lossEventUs = nowUs;
    m_lossNoticedUs.reset();
    return count;
}

std::optional<qint64> FlowAnalysis::takeRestarts(qint64 nowUs)
{
    if (!m_sequence)
        return std::nullopt;
    const qint64 restarts = m_sequence->restarts();
    if (restarts == m_restartsReported || nowUs - m_restartEventUs < eventSpacingUs)
        return std::nullopt;
    const qint64 count = restarts - std::exchange(m_restartsReported, restarts);
    m_restartEventUs = nowUs;
    return count;
}
