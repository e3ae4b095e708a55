#include "SenderColumns.h"

#include "OwnTransmitterMarker.h"
#include "SenderTableModel.h"
#include "Units.h"
#include "output/DatagramText.h"
#include "output/JsonWriter.h"
#include "output/StatsReport.h"

#include <QCoreApplication>

#include <iterator>
#include <optional>

namespace SenderColumns {

namespace {

using Sender = TrafficStatistics::Sender;

template<typename T> QVariant optional(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

QVariant unlessOther(const Sender &sender, const QVariant &value)
{
    return sender.other ? QVariant() : value;
}

// Addresses sort by family, then by their bytes; the row of other senders last.
QString addressKey(const IpAddress &address)
{
    if (address.isIPv4())
        return QStringLiteral("4%1").arg(address.toIPv4(), 8, 16, QLatin1Char('0'));
    const auto bytes = address.ipv6Bytes();
    return QLatin1Char('6')
           + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes.data()),
                                            qsizetype(bytes.size()))
                                     .toHex());
}

RateWindow::Rate shortRate(const Flow &flow)
{
    return flow.statistics.rate(flow.sender.rates, shortRateWindowMs);
}

RateWindow::Rate longRate(const Flow &flow)
{
    return flow.statistics.rate(flow.sender.rates, longRateWindowMs);
}

std::optional<SenderTiming::Offsets> offsets(const Flow &flow)
{
    return flow.sender.timing.atuOffsets();
}

// A counter of the flow's sequence numbers; nothing when its format has none (as the JSON's
// null).
QVariant sequenceCount(const Flow &flow, qint64 (SequenceTracker::*count)() const)
{
    const SequenceTracker *sequence = flow.sender.analysis.sequence();
    return sequence ? QVariant((sequence->*count)()) : QVariant();
}

QVariant inMs(const std::optional<double> &us)
{
    return us ? QVariant(*us / 1000.0) : QVariant();
}

constexpr auto always = ColumnShown::Always;
constexpr auto byDefault = ColumnShown::ByDefault;
constexpr auto onRequest = ColumnShown::OnRequest;

// In SenderTableModel::Column order; the keys name the columns in the settings: never
// change one.
const Column columns[] = {
    {{"source",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Source"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Sender's IP address")},
      false, always, "255.255.255.255"},
     Format::Text,
     [](const Flow &f) -> QVariant {
         if (f.sender.other)
             return QCoreApplication::translate("SenderTableModel", "other senders");
         return f.sender.address.toString();
     },
     [](const Flow &f) -> QVariant {
         return f.sender.other ? QStringLiteral("9") : addressKey(f.sender.address);
     }},
    {{"state",
      {QT_TRANSLATE_NOOP("SenderTableModel", "State"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "live; late when nothing has arrived for 1.5 × the expected interval "
                         "(at least 0.2 s); silent after 3 × (at least 3 s)")},
      false, byDefault, "#### silent"},
     Format::Text,
     [](const Flow &f) -> QVariant {
         return unlessOther(f.sender, StatsReport::livenessName(f.sender.liveness));
     },
     [](const Flow &f) -> QVariant { return unlessOther(f.sender, int(f.sender.liveness)); }},
    {{"lastSeen",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Last seen"),
       QT_TRANSLATE_NOOP("SenderTableModel", "How long ago its latest datagram arrived")},
      true, byDefault, "99 min ago"},
     Format::Age,
     [](const Flow &f) -> QVariant {
         return std::max<qint64>(0, f.statistics.nowUs() - f.sender.lastSeenUs);
     }},
    {{"packetRate",
      {QT_TRANSLATE_NOOP("SenderTableModel", "pkt/s"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "Datagrams per second over the last 2 seconds: 0 once the latest "
                         "datagram is older")},
      true, byDefault, "999.9 k"},
     Format::Count, [](const Flow &f) -> QVariant { return shortRate(f).packetsPerSecond; }},
    {{"group",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Group"),
       QT_TRANSLATE_NOOP("SenderTableModel", "The group and port this flow is sent to")},
      false, byDefault, "239.255.255.255:65535"},
     Format::Text,
     [](const Flow &f) -> QVariant {
         return unlessOther(f.sender, Endpoint{f.sender.group, f.sender.port}.toString());
     },
     [](const Flow &f) -> QVariant {
         return unlessOther(f.sender, addressKey(f.sender.group)
                                          + QStringLiteral("%1").arg(f.sender.port, 5, 10,
                                                                     QLatin1Char('0')));
     }},
    {{"lossPercent",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Loss %"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Lost of all it should have received, in percent")},
      true, byDefault, "99.999 %"},
     Format::Percent,
     [](const Flow &f) -> QVariant {
         const SequenceTracker *sequence = f.sender.analysis.sequence();
         return sequence ? optional(sequence->lossPercent()) : QVariant();
     }},
    {{"format",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Format"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "The payload format: detected, or as the subscription chose. rtp, "
                         "mpegts, rtp-mpegts, iperf2 and mcjoin carry sequence numbers (loss); "
                         "atu is the seed's heartbeat, one flow per prefix; raw is everything "
                         "else from this source, whatever its source ports")},
      false, onRequest, "rtp-mpegts"},
     Format::Text,
     [](const Flow &f) -> QVariant {
         return unlessOther(f.sender, payloadFormatName(f.sender.format));
     }},
    {{"packets",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Packets"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Datagrams received from this flow")},
      true, onRequest, "9999999"},
     Format::Integer, [](const Flow &f) -> QVariant { return f.sender.packets; }},
    {{"lost",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Lost"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "Datagrams missing from its sequence numbers (a late arrival takes one "
                         "back); empty for formats without sequence numbers")},
      true, onRequest, "999999"},
     Format::Integer, [](const Flow &f) -> QVariant { return sequenceCount(f, &SequenceTracker::lost); }},
    {{"jitter",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Jitter"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "Interarrival jitter as RFC 3550 estimates it: RTP timestamps (or "
                         "iperf 2 send times) against arrival times")},
      true, onRequest, "999.999 ms"},
     Format::Milliseconds, [](const Flow &f) -> QVariant { return inMs(f.sender.analysis.jitterUs()); }},
    {{"duplicates",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Duplicates"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Datagrams whose sequence number arrived before")},
      true, onRequest, "99999"},
     Format::Integer,
     [](const Flow &f) -> QVariant { return sequenceCount(f, &SequenceTracker::duplicates); }},
    {{"reordered",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Reordered"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Datagrams that arrived after a higher sequence number")},
      true, onRequest, "99999"},
     Format::Integer,
     [](const Flow &f) -> QVariant { return sequenceCount(f, &SequenceTracker::reordered); }},
    {{"seqRestarts",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Restarts"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "Times its sequence numbers started again: the sender restarted")},
      true, onRequest, "999"},
     Format::Integer,
     [](const Flow &f) -> QVariant { return sequenceCount(f, &SequenceTracker::restarts); }},
    {{"delay",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Delay"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "One-way delay of iperf 2 datagrams, arrival minus send time, smoothed: "
                         "meaningful only when sender and receiver share a clock (the same "
                         "host, or PTP)")},
      true, onRequest, "-9999.999 ms"},
     Format::Milliseconds, [](const Flow &f) -> QVariant { return inMs(f.sender.analysis.delayUs()); }},
    {{"ccErrors",
      {QT_TRANSLATE_NOOP("SenderTableModel", "CC errors"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "MPEG-TS continuity counter errors, over all its PIDs")},
      true, onRequest, "99999"},
     Format::Integer,
     [](const Flow &f) -> QVariant {
         const TsContinuity *continuity = f.sender.analysis.continuity();
         return continuity ? QVariant(continuity->errors()) : QVariant();
     }},
    {{"mdi",
      {QT_TRANSLATE_NOOP("SenderTableModel", "MDI"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "RFC 4445 Media Delivery Index of an MPEG-TS flow over its last whole "
                         "second, DF:MLR: the delay factor in ms (how much buffer its burstiness "
                         "needs) and the media loss rate in TS packets per second")},
      true, onRequest, "999.999:999.0"},
     Format::Text,
     [](const Flow &f) -> QVariant {
         const auto mdi = f.sender.analysis.mediaDeliveryIndex();
         if (!mdi)
             return {};
         return QString::fromLatin1(JsonWriter::numberText(mdi->delayFactorMs) + ':'
                                    + JsonWriter::numberText(mdi->mediaLossRate));
     },
     [](const Flow &f) -> QVariant {
         const auto mdi = f.sender.analysis.mediaDeliveryIndex();
         return mdi ? QVariant(mdi->delayFactorMs) : QVariant();
     }},
    {{"pids",
      {QT_TRANSLATE_NOOP("SenderTableModel", "PIDs"),
       QT_TRANSLATE_NOOP("SenderTableModel", "The MPEG-TS packet identifiers seen, in decimal")},
      false, onRequest, "0, 17, 256, 257, 4096"},
     Format::Text, [](const Flow &f) -> QVariant { return StatsReport::pidList(f.sender); },
     [](const Flow &f) -> QVariant {
         const TsContinuity *continuity = f.sender.analysis.continuity();
         return continuity ? QVariant(continuity->pidsSeen()) : QVariant();
     }},
    {{"expectedInterval",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Expected"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "Expected interval: the median of its recent intervals, which liveness "
                         "is judged by")},
      true, onRequest, "9999.9 ms"},
     Format::Duration,
     [](const Flow &f) -> QVariant { return optional(f.sender.timing.expectedIntervalUs()); }},
    {{"byteRate",
      {QT_TRANSLATE_NOOP("SenderTableModel", "B/s"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Payload bytes per second over the last 2 seconds")},
      true, onRequest, "999.9 MB/s"},
     Format::ByteRate, [](const Flow &f) -> QVariant { return shortRate(f).bytesPerSecond; }},
    {{"packetRate10s",
      {QT_TRANSLATE_NOOP("SenderTableModel", "pkt/s (10 s)"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "Datagrams per second over the last 10 seconds (since its first "
                         "datagram, when that is more recent)")},
      true, onRequest, "999.9 k"},
     Format::Count, [](const Flow &f) -> QVariant { return longRate(f).packetsPerSecond; }},
    {{"byteRate10s",
      {QT_TRANSLATE_NOOP("SenderTableModel", "B/s (10 s)"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Payload bytes per second over the last 10 seconds")},
      true, onRequest, "999.9 MB/s"},
     Format::ByteRate, [](const Flow &f) -> QVariant { return longRate(f).bytesPerSecond; }},
    {{"bytes",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Bytes"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Payload bytes received from this flow")},
      true, onRequest, "999.9 MB"},
     Format::Bytes, [](const Flow &f) -> QVariant { return double(f.sender.bytes); }},
    {{"ours",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Ours"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "This flow is this window's own transmitter (it is always a row of its "
                         "own)")},
      false, onRequest, "yes"},
     Format::Text,
     [](const Flow &f) -> QVariant {
         return f.sender.fromOwnTransmitter ? OwnTransmitterMarker::text() : QString();
     }},
    {{"lastInterval",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Interval"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Time between its last two datagrams")},
      true, onRequest, "9999.9 ms"},
     Format::Duration,
     [](const Flow &f) -> QVariant { return optional(f.sender.timing.lastIntervalUs()); }},
    {{"meanInterval",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Mean interval"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Mean of every interval since it appeared")},
      true, onRequest, "9999.9 ms"},
     Format::Duration,
     [](const Flow &f) -> QVariant { return optional(f.sender.timing.meanIntervalUs()); }},
    {{"intervalJitter",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Interval SD"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "Standard deviation of its recent intervals (any format; the Jitter "
                         "column is RFC 3550's)")},
      true, onRequest, "9999.9 ms"},
     Format::Duration,
     [](const Flow &f) -> QVariant { return optional(f.sender.timing.jitterUs()); }},
    {{"atuOffset",
      {QT_TRANSLATE_NOOP("SenderTableModel", "ATU offset"),
       QT_TRANSLATE_NOOP("SenderTableModel",
                         "Arrival minus ATU time of its latest heartbeat. The ATU time carries "
                         "no zone and is read as this computer's local time")},
      true, onRequest, "-9999.9 ms"},
     Format::Duration,
     [](const Flow &f) -> QVariant {
         const auto atu = offsets(f);
         return atu ? QVariant(atu->lastUs) : QVariant();
     }},
    {{"atuOffsetMin",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Offset min"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Smallest ATU offset seen")},
      true, onRequest, "-9999.9 ms"},
     Format::Duration,
     [](const Flow &f) -> QVariant {
         const auto atu = offsets(f);
         return atu ? QVariant(atu->minUs) : QVariant();
     }},
    {{"atuOffsetMean",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Offset mean"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Mean of every ATU offset seen")},
      true, onRequest, "-9999.9 ms"},
     Format::Duration,
     [](const Flow &f) -> QVariant {
         const auto atu = offsets(f);
         return atu ? QVariant(atu->meanUs) : QVariant();
     }},
    {{"atuOffsetMax",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Offset max"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Largest ATU offset seen")},
      true, onRequest, "-9999.9 ms"},
     Format::Duration,
     [](const Flow &f) -> QVariant {
         const auto atu = offsets(f);
         return atu ? QVariant(atu->maxUs) : QVariant();
     }},
    {{"ports",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Ports"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Source ports seen from this flow")},
      false, onRequest, "65535, 65535"},
     Format::Text, [](const Flow &f) -> QVariant { return StatsReport::portList(f.sender); },
     [](const Flow &f) -> QVariant { return f.sender.portCount; }},
    {{"firstSeenTime",
      {QT_TRANSLATE_NOOP("SenderTableModel", "First seen"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Local time of the first datagram")},
      false, onRequest, "00:00:00.000"},
     Format::ClockTime, [](const Flow &f) -> QVariant { return f.sender.firstSeenUs; }},
    {{"lastSeenTime",
      {QT_TRANSLATE_NOOP("SenderTableModel", "Last seen at"),
       QT_TRANSLATE_NOOP("SenderTableModel", "Local time of the latest datagram")},
      false, onRequest, "00:00:00.000"},
     Format::ClockTime, [](const Flow &f) -> QVariant { return f.sender.lastSeenUs; }},
};
static_assert(std::size(columns) == SenderTableModel::ColumnCount);

} // namespace

int count()
{
    return int(std::size(columns));
}

const Column &column(int index)
{
    return columns[index];
}

QString text(Format format, const QVariant &value)
{
    if (!value.isValid())
        return {};
    switch (format) {
    case Format::Text:
        return value.toString();
    case Format::Integer:
        return QString::number(value.toLongLong());
    case Format::Count:
        return Units::count(value.toDouble());
    case Format::Bytes:
        return Units::bytes(value.toDouble());
    case Format::ByteRate:
        return Units::byteRate(value.toDouble());
    case Format::Duration:
        return Units::duration(value.toDouble());
    case Format::ClockTime:
        return DatagramText::clockTime(value.toLongLong());
    case Format::Age:
        return Units::ago(value.toDouble());
    case Format::Percent:
        return QString::fromLatin1(JsonWriter::numberText(value.toDouble()) + " %");
    case Format::Milliseconds:
        return QString::fromLatin1(JsonWriter::numberText(value.toDouble()) + " ms");
    }
    return {};
}

} // namespace SenderColumns
