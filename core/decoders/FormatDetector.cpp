#include "decoders/FormatDetector.h"

#include <algorithm>

FormatDetector::FormatDetector(const QString &atuPrefix)
    : m_atu(atuPrefix)
{
}

std::optional<DecodedPayload> FormatDetector::decodeAs(PayloadFormat format, const QByteArray &payload) const
{
    switch (format) {
    case PayloadFormat::Raw: return std::nullopt;
    case PayloadFormat::Atu: return m_atu.decode(payload);
    case PayloadFormat::Rtp: return m_rtp.decode(payload);
    case PayloadFormat::RtpMpegTs: return m_rtpMpegTs.decode(payload);
    case PayloadFormat::MpegTs: return m_mpegTs.decode(payload);
    case PayloadFormat::Iperf2: return m_iperf2.decode(payload);
    case PayloadFormat::Mcjoin: return m_mcjoin.decode(payload);
    }
    return std::nullopt;
}

std::optional<DecodedPayload> FormatDetector::decodeFamily(Family family, const QByteArray &payload) const
{
    switch (family) {
    case Family::None: return std::nullopt;
    case Family::Rtp: return m_rtp.decode(payload);
    case Family::MpegTs: return m_mpegTs.decode(payload);
    case Family::Iperf2: return m_iperf2.decode(payload);
    }
    return std::nullopt;
}

std::optional<DecodedPayload> FormatDetector::decodeSelfEvident(const QByteArray &payload) const
{
    if (auto decoded = m_atu.decode(payload))
        return decoded;
    return m_mcjoin.decode(payload);
}

void FormatDetector::apply(ReceivedDatagram &datagram, const DecodedPayload &decoded)
{
    datagram.format = decoded.format;
    datagram.streamId = decoded.format == PayloadFormat::Iperf2 ? datagram.sourcePort : decoded.streamId;
    if (decoded.format == PayloadFormat::Atu)
        datagram.atuTimeUs = decoded.sendTimeUs;
    datagram.stream = decoded.stream;
}

void FormatDetector::process(ReceivedDatagram &&datagram, FormatChoice choice, DatagramBatch &batch)
{
    if (choice) {
        if (const auto decoded = decodeAs(*choice, datagram.payload))
            apply(datagram, *decoded);
        batch.append(std::move(datagram));
        return;
    }
    Flow *flow = flowFor(datagram);
    if (flow && flow->decided != Family::None) {
        if (const auto decoded = decodeFamily(flow->decided, datagram.payload)) {
            flow->misses = 0;
            apply(datagram, *decoded);
            batch.append(std::move(datagram));
            return;
        }
        if (++flow->misses >= missesBeforeRedetect)
            *flow = Flow{};
        flow = nullptr; // this one is no part of the stream
    }
    if (const auto decoded = decodeSelfEvident(datagram.payload)) {
        apply(datagram, *decoded);
        batch.append(std::move(datagram));
        return;
    }
    if (!flow) {
        batch.append(std::move(datagram));
        return;
    }
    detect(*flow, std::move(datagram), batch);
}

bool FormatDetector::awaitingConfirmation(qint64 nowUs) const
{
    return m_awaitingFlows > 0 && nowUs - m_firstAwaitedUs < awaitUs;
}

void FormatDetector::batchTaken()
{
    ++m_batch; // every flow's awaited places now belong to a batch gone
    m_awaitingFlows = 0;
}

void FormatDetector::stopAwaiting(Flow &flow)
{
    if (awaitedInBatch(flow) > 0)
        --m_awaitingFlows;
    flow.awaitedCount = 0;
}

FormatDetector::Flow *FormatDetector::flowFor(const ReceivedDatagram &datagram)
{
    const Key key{datagram.source, datagram.destination, datagram.destinationPort, datagram.fromOwnTransmitter};
    // A flood is mostly one flow's datagrams in a row: the last one found is compared first.
    if (m_lastFlow && m_lastKey == key) {
        m_lastFlow->lastSeenUs = datagram.arrivalUs;
        return m_lastFlow;
    }
    const auto found = m_flows.find(key);
    if (found != m_flows.end()) {
        found->lastSeenUs = datagram.arrivalUs;
        m_lastKey = key;
        m_lastFlow = &*found;
        return m_lastFlow;
    }
    m_lastFlow = nullptr; // the table changes below, and with it where its flows are
    if (m_flows.size() >= maxFlows) {
        // A flood of new sources would sweep for every datagram: once a second at most.
        if (datagram.arrivalUs - m_lastSweepUs < 1'000'000)
            return nullptr;
        m_lastSweepUs = datagram.arrivalUs;
        const qint64 idleSince = datagram.arrivalUs - idleFlowUs;
        m_flows.removeIf([this, idleSince](const QHash<Key, Flow>::iterator &flow) {
            return awaitedInBatch(*flow) == 0 && flow->lastSeenUs < idleSince;
        });
        if (m_flows.size() >= maxFlows)
            return nullptr;
    }
    Flow &flow = m_flows[key];
    flow.lastSeenUs = datagram.arrivalUs;
    m_lastKey = key;
    m_lastFlow = &flow;
    return m_lastFlow;
}

void FormatDetector::detect(Flow &flow, ReceivedDatagram &&datagram, DatagramBatch &batch)
{
    Candidate candidate;
    const Family decided = confirm(flow, datagram, &candidate);
    if (candidate.family == Family::None) {
        stopAwaiting(flow); // they stay raw
        batch.append(std::move(datagram));
        return;
    }
    if (decided != Family::None) {
        flow.decided = decided;
        flow.recent = {};
        flow.mpegTsDatagrams = 0;
        flow.mpegTsPackets = 0;
        for (int i = 0; i < awaitedInBatch(flow); ++i) {
            ReceivedDatagram &awaited = batch[flow.awaited[std::size_t(i)]];
            if (const auto decoded = decodeFamily(decided, awaited.payload))
                apply(awaited, *decoded);
        }
        stopAwaiting(flow);
        if (const auto decoded = decodeFamily(decided, datagram.payload))
            apply(datagram, *decoded);
        batch.append(std::move(datagram));
        return;
    }
    flow.recent[std::size_t(flow.recentNext)] = candidate;
    flow.recentNext = (flow.recentNext + 1) % int(flow.recent.size());
    if (flow.batch != m_batch) {
        flow.batch = m_batch;
        flow.awaitedCount = 0;
    }
    if (++flow.undecided <= awaitFirst && flow.awaitedCount < maxAwaitedPerFlow) {
        if (flow.awaitedCount == 0 && m_awaitingFlows++ == 0)
            m_firstAwaitedUs = datagram.arrivalUs;
        flow.awaited[std::size_t(flow.awaitedCount++)] = batch.size();
    }
    batch.append(std::move(datagram));
}

FormatDetector::Family FormatDetector::confirm(Flow &flow, const ReceivedDatagram &datagram,
                                               Candidate *candidate) const
{
    // Whether a recent candidate of the same stream came 1-16 numbers before (mask: the
    // number's width).
    const auto follows = [&flow, candidate](quint64 mask) {
        return std::any_of(flow.recent.cbegin(), flow.recent.cend(), [candidate, mask](const Candidate &seen) {
            const quint64 step = (candidate->sequence - seen.sequence) & mask;
            return seen.family == candidate->family && seen.stream == candidate->stream && step >= 1
                   && step <= quint64(maxSequenceStep);
        });
    };
    if (const auto ts = m_mpegTs.decode(datagram.payload)) {
        *candidate = {Family::MpegTs, 0, 0};
        ++flow.mpegTsDatagrams;
        flow.mpegTsPackets += ts->stream.tsPackets;
        return flow.mpegTsDatagrams >= 2 && flow.mpegTsPackets >= mpegTsPacketsToDecide ? Family::MpegTs
                                                                                         : Family::None;
    }
    flow.mpegTsDatagrams = 0;
    flow.mpegTsPackets = 0;
    if (const auto rtp = m_rtp.decode(datagram.payload)) {
        *candidate = {Family::Rtp, rtp->streamId, rtp->stream.sequence};
        return follows(0xFFFF) ? Family::Rtp : Family::None;
    }
    const auto iperf = m_iperf2.decode(datagram.payload);
    if (iperf && !iperf->stream.endOfStream
        && qAbs(iperf->stream.sendTimeUs - datagram.arrivalUs) <= sendTimeToleranceUs) {
        *candidate = {Family::Iperf2, datagram.sourcePort, iperf->stream.sequence};
        return follows(~quint64(0)) ? Family::Iperf2 : Family::None;
    }
    return Family::None;
}
