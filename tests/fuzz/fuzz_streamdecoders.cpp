// Fuzzes the stream decoders, their detection per flow and the per-flow analysis: the code
// that reads every datagram's header on the receive thread. The input is one payload for
// each decoder alone, then a run of datagrams (two length bytes, then that many bytes) for
// the detector and the analysis.
#include "FuzzCheck.h"
#include "analysis/FlowAnalysis.h"
#include "decoders/FormatDetector.h"
#include "decoders/Iperf2Decoder.h"
#include "decoders/McjoinDecoder.h"
#include "decoders/MpegTsDecoder.h"
#include "decoders/MpegTsPacket.h"
#include "decoders/RtpDecoder.h"

#include <QHash>

#include <cstddef>
#include <cstdint>

namespace {

// What any decoder says must lie within the payload it read.
void checkFields(const QByteArray &payload, const DecodedPayload &decoded)
{
    const StreamFields &stream = decoded.stream;
    FUZZ_CHECK(stream.tsOffset + qsizetype(stream.tsPackets) * MpegTsPacket::size <= payload.size());
    FUZZ_CHECK(stream.sequenceBits == 0 || stream.sequenceBits == 16 || stream.sequenceBits == 32
               || stream.sequenceBits == 64);
    FUZZ_CHECK(stream.sequence <= quint64(std::numeric_limits<qint64>::max()));
    for (int i = 0; i < stream.tsPackets; ++i)
        FUZZ_CHECK(quint8(payload.at(stream.tsOffset + i * MpegTsPacket::size)) == MpegTsPacket::syncByte);
}

void checkDecoders(const QByteArray &payload)
{
    const auto *bytes = reinterpret_cast<const uchar *>(payload.constData());
    if (const auto rtp = RtpDecoder().decode(payload)) {
        FUZZ_CHECK(payload.size() >= RtpDecoder::headerSize && (bytes[0] >> 6) == 2);
        FUZZ_CHECK(rtp->stream.sequence < 65536 && rtp->stream.sequenceBits == 16);
        FUZZ_CHECK(rtp->stream.tsPackets == 0 || rtp->stream.tsOffset >= RtpDecoder::headerSize);
        checkFields(payload, *rtp);
    }
    if (const auto ts = MpegTsDecoder().decode(payload)) {
        FUZZ_CHECK(payload.size() == qsizetype(ts->stream.tsPackets) * MpegTsPacket::size);
        checkFields(payload, *ts);
    }
    if (const auto iperf = Iperf2Decoder().decode(payload)) {
        FUZZ_CHECK(payload.size() >= Iperf2Decoder::headerSize);
        FUZZ_CHECK(iperf->stream.sendTimeUs >= 0 && iperf->stream.sendTimeUs % 1'000'000 < 1'000'000);
        FUZZ_CHECK(iperf->stream.sequenceBits == 64 || iperf->stream.sequence <= 0x8000'0000ULL);
        checkFields(payload, *iperf);
    }
    if (const auto mcjoin = McjoinDecoder().decode(payload)) {
        FUZZ_CHECK(payload.startsWith("Sender PID "));
        FUZZ_CHECK(mcjoin->streamId <= 0xFFFF'FFFFULL);
        checkFields(payload, *mcjoin);
    }
}

// Datagrams from two source ports of one host, in arrival order, through detection (batches
// handed on now and then) and then each flow's analysis: every datagram comes out at once and
// in order, no wait outlasts awaitUs, counts stay sane.
void checkDetectionAndAnalysis(const uint8_t *data, size_t size)
{
    FormatDetector detector;
    DatagramBatch out;
    int sent = 0;
    qint64 nowUs = 1'796'000'000'000'000;
    for (size_t at = 0; at + 2 <= size;) {
        const size_t length = std::min<size_t>(size - at - 2, size_t(data[at]) | size_t(data[at + 1] & 0x07) << 8);
        ReceivedDatagram datagram;
        datagram.arrivalUs = nowUs;
        datagram.source = IpAddress::fromIPv4(0x7f000001);
        datagram.sourcePort = quint16(4000 + (data[at + 1] >> 7));
        datagram.destination = IpAddress::fromIPv4(0xef010103);
        datagram.destinationPort = 5004;
        datagram.payload = QByteArray(reinterpret_cast<const char *>(data + at + 2), qsizetype(length));
        const FormatChoice choice = (data[at + 1] & 0x40) ? FormatChoice(PayloadFormat((data[at + 1] >> 3) % 7))
                                                          : FormatChoice();
        detector.process(std::move(datagram), choice, out);
        FUZZ_CHECK(out.size() == ++sent); // each at once, in order
        at += 2 + length;
        nowUs += qint64(length % 4) * 100'000; // some gaps outlast the wait
        if (length % 3 == 0)
            detector.batchTaken();
        FUZZ_CHECK(!detector.awaitingConfirmation(nowUs + FormatDetector::awaitUs));
    }

    QHash<quint64, FlowAnalysis> flows;
    for (const ReceivedDatagram &datagram : out) {
        checkFields(datagram.payload, DecodedPayload{datagram.format, datagram.streamId, {}, datagram.stream});
        FlowAnalysis &flow = flows[quint64(datagram.format) << 56 ^ datagram.streamId];
        flow.record(datagram);
        if (const SequenceTracker *sequence = flow.sequence()) {
            FUZZ_CHECK(sequence->lost() >= 0 && sequence->duplicates() >= 0 && sequence->reordered() >= 0);
            FUZZ_CHECK(sequence->received() + sequence->duplicates() + sequence->strays() <= qint64(out.size()) + 1);
            const double percent = *sequence->lossPercent();
            FUZZ_CHECK(percent >= 0 && percent <= 100);
        }
        if (const auto jitter = flow.jitterUs())
            FUZZ_CHECK(*jitter >= 0);
        if (const TsContinuity *continuity = flow.continuity())
            FUZZ_CHECK(continuity->pidsSeen() <= TsContinuity::pidCount && continuity->errors() <= continuity->packets());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    checkDecoders(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    checkDetectionAndAnalysis(data, size);
    return 0;
}
