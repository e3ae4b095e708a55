#pragma once

#include "decoders/AtuDecoder.h"
#include "decoders/Iperf2Decoder.h"
#include "decoders/McjoinDecoder.h"
#include "decoders/MpegTsDecoder.h"
#include "decoders/RtpDecoder.h"
#include "net/ReceivedDatagram.h"

#include <QHash>

#include <array>

// Gives every datagram its format on the receive thread: the one chosen for it, or, by
// default, the one detected for its flow (source, group, port; our own transmitter's apart).
//
// ATU and mcjoin carry their signature in every datagram and are taken as they come. RTP,
// MPEG-TS and iperf 2 are binary, and one datagram proves little (a quarter of random
// payloads start like an RTP header), so a flow is declared one of them only when two of
// its datagrams agree: RTP with the same SSRC and a sequence number 1-16 ahead; iperf 2
// with send times within a day of the arrival and a number 1-16 ahead from the same source
// port; MPEG-TS with at least 7 packets over at least two datagrams in a row, all with the
// sync byte. Once declared, a flow's format is kept: a datagram that does not decode as it
// goes on as raw (or ATU, or mcjoin), and after missesBeforeRedetect of those in a row the
// flow is detected afresh.
//
// Datagrams go out in the order they came. Those that might start a stream go out as raw
// and are given the format after all when their flow is declared while they are still in
// the batch being filled (up to maxAwaitedPerFlow of them, among the flow's first
// awaitFirst); the receiver holds a batch back a little while some await that
// (awaitingConfirmation()), so that a stream's first datagram counts in its own flow. Call
// batchTaken() whenever the batch is handed on.
//
// Per datagram: one comparison (or a hash lookup) and a few header reads; nothing is
// allocated but a flow's entry. Memory is bounded: maxFlows flows, then new flows are decoded
// without detection (ATU and mcjoin only).
class FormatDetector final
{
public:
    static constexpr qint64 awaitUs = 200'000;
    static constexpr int maxAwaitedPerFlow = 8;
    static constexpr int awaitFirst = 32;
    static constexpr int maxFlows = 4096;
    static constexpr qint64 idleFlowUs = 60'000'000; // forgotten when the table is full
    static constexpr int missesBeforeRedetect = 64;
    static constexpr int maxSequenceStep = 16;
    static constexpr qint64 sendTimeToleranceUs = 86'400'000'000;
    static constexpr int mpegTsPacketsToDecide = 7;

    explicit FormatDetector(const QString &atuPrefix = QStringLiteral("ATU"));
    Q_DISABLE_COPY(FormatDetector) // it points into its own table
    FormatDetector(FormatDetector &&) = default;
    FormatDetector &operator=(FormatDetector &&) = default;

    // Decodes datagram as choice says (nothing: detect) and appends it to batch, the batch
    // being filled; a flow declared now gives its awaited datagrams in batch their format.
    void process(ReceivedDatagram &&datagram, FormatChoice choice, DatagramBatch &batch);
    // Whether a datagram in the batch, younger than awaitUs at nowUs, awaits its flow's
    // declaration.
    bool awaitingConfirmation(qint64 nowUs) const;
    // The batch was handed on: what it holds is no longer this detector's to relabel.
    void batchTaken();

private:
    enum class Family : quint8 { None, Rtp, MpegTs, Iperf2 };
    struct Key
    {
        IpAddress source;
        IpAddress group;
        quint16 port = 0;
        bool ours = false;
        friend bool operator==(const Key &a, const Key &b)
        {
            return a.source == b.source && a.group == b.group && a.port == b.port && a.ours == b.ours;
        }
        friend size_t qHash(const Key &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.source, key.group, key.port, key.ours);
        }
    };
    // A datagram that could start a stream: its family, stream (SSRC, source port) and number.
    struct Candidate
    {
        Family family = Family::None;
        quint64 stream = 0;
        quint64 sequence = 0;
    };
    struct Flow
    {
        Family decided = Family::None;
        int misses = 0;
        std::array<Candidate, 4> recent{};
        int recentNext = 0;
        int mpegTsDatagrams = 0; // in a row
        int mpegTsPackets = 0;
        int undecided = 0; // candidates seen while undecided
        // Where its awaiting datagrams are in the batch of generation `batch`.
        std::array<qsizetype, maxAwaitedPerFlow> awaited{};
        int awaitedCount = 0;
        quint64 batch = 0;
        qint64 lastSeenUs = 0;
    };

    std::optional<DecodedPayload> decodeAs(PayloadFormat format, const QByteArray &payload) const;
    std::optional<DecodedPayload> decodeFamily(Family family, const QByteArray &payload) const;
    std::optional<DecodedPayload> decodeSelfEvident(const QByteArray &payload) const;
    static void apply(ReceivedDatagram &datagram, const DecodedPayload &decoded);
    Flow *flowFor(const ReceivedDatagram &datagram);
    // Undecided flow: declares it, or notes the datagram as awaiting.
    void detect(Flow &flow, ReceivedDatagram &&datagram, DatagramBatch &batch);
    Family confirm(Flow &flow, const ReceivedDatagram &datagram, Candidate *candidate) const;
    int awaitedInBatch(const Flow &flow) const { return flow.batch == m_batch ? flow.awaitedCount : 0; }
    void stopAwaiting(Flow &flow);

    AtuDecoder m_atu;
    McjoinDecoder m_mcjoin;
    RtpDecoder m_rtp;
    RtpDecoder m_rtpMpegTs{true};
    MpegTsDecoder m_mpegTs;
    Iperf2Decoder m_iperf2;
    QHash<Key, Flow> m_flows;
    Key m_lastKey;
    Flow *m_lastFlow = nullptr; // m_flows[m_lastKey], until the table next changes
    quint64 m_batch = 1;        // the generation of the batch being filled
    int m_awaitingFlows = 0;    // in this batch
    qint64 m_firstAwaitedUs = 0;
    qint64 m_lastSweepUs = 0;
};
