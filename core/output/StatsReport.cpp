#include "output/StatsReport.h"

#include "output/DatagramText.h"
#include "output/JsonWriter.h"

#include <QStringList>

namespace StatsReport {

namespace {

std::optional<double> toMs(const std::optional<qint64> &us)
{
    return us ? std::optional<double>(double(*us) / 1000.0) : std::nullopt;
}

std::optional<double> toMs(const std::optional<double> &us)
{
    return us ? std::optional<double>(*us / 1000.0) : std::nullopt;
}

QString sourceName(const TrafficStatistics::Sender &sender)
{
    return sender.other ? QStringLiteral("other senders") : sender.address.toString();
}

QString optionalMs(const std::optional<double> &ms)
{
    return ms ? QStringLiteral("%1 ms").arg(*ms, 0, 'f', 1) : QStringLiteral("–");
}

constexpr int maxPidsListed = 64;

bool hasFlowFields(LivenessEvent::Kind kind)
{
    return kind == LivenessEvent::Kind::Loss || kind == LivenessEvent::Kind::Restart;
}

// The stream analysis of a flow (FlowAnalysis): null where its format has no such thing.
void writeAnalysis(JsonWriter &json, const TrafficStatistics::Sender &sender)
{
    const FlowAnalysis &analysis = sender.analysis;
    const SequenceTracker *sequence = analysis.sequence();
    const auto counter = [sequence](qint64 (SequenceTracker::*get)() const) {
        return sequence ? std::optional<qint64>((sequence->*get)()) : std::nullopt;
    };
    json.key("lost").value(counter(&SequenceTracker::lost))
        .key("loss_percent").value(sequence ? sequence->lossPercent() : std::nullopt)
        .key("duplicates").value(counter(&SequenceTracker::duplicates))
        .key("reordered").value(counter(&SequenceTracker::reordered))
        .key("seq_restarts").value(counter(&SequenceTracker::restarts))
        .key("jitter_ms").value(toMs(analysis.jitterUs()))
        .key("delay_ms").value(toMs(analysis.delayUs()));
    const auto mdi = analysis.mediaDeliveryIndex();
    json.key("mdi_df_ms").value(mdi ? std::optional<double>(mdi->delayFactorMs) : std::nullopt)
        .key("mdi_mlr").value(mdi ? std::optional<double>(mdi->mediaLossRate) : std::nullopt);
    const TsContinuity *continuity = analysis.continuity();
    if (!continuity) {
        json.key("cc_errors").null().key("pid_count").null().key("pids").null();
        return;
    }
    json.key("cc_errors").value(continuity->errors())
        .key("pid_count").value(qint64(continuity->pidsSeen()))
        .key("pids").beginArray();
    for (const int pid : continuity->pids(maxPidsListed))
        json.value(pid);
    json.endArray();
}

// "; lost 3 (0.150 %), 1 duplicate…": the stream analysis, where the format has some.
QString analysisText(const TrafficStatistics::Sender &sender)
{
    const FlowAnalysis &analysis = sender.analysis;
    QString text;
    if (const SequenceTracker *sequence = analysis.sequence()) {
        text += QStringLiteral(", lost %1 (%2 %), %3 duplicates, %4 reordered, %5 restarts")
                    .arg(sequence->lost())
                    .arg(sequence->lossPercent().value_or(0), 0, 'f', 3)
                    .arg(sequence->duplicates())
                    .arg(sequence->reordered())
                    .arg(sequence->restarts());
    }
    if (const auto jitter = toMs(analysis.jitterUs()))
        text += QStringLiteral(", RFC 3550 jitter %1").arg(optionalMs(jitter));
    if (const auto delay = toMs(analysis.delayUs()))
        text += QStringLiteral(", delay %1").arg(optionalMs(delay));
    if (const TsContinuity *continuity = analysis.continuity())
        text += QStringLiteral(", %1 CC errors in %2 PIDs").arg(continuity->errors()).arg(continuity->pidsSeen());
    if (const auto mdi = analysis.mediaDeliveryIndex())
        text += QStringLiteral(", MDI %1:%2").arg(mdi->delayFactorMs, 0, 'f', 2).arg(mdi->mediaLossRate, 0, 'f', 0);
    return text;
}

} // namespace

QString portList(const TrafficStatistics::Sender &sender)
{
    QStringList ports;
    ports.reserve(sender.ports.size() + 1);
    for (const quint16 port : sender.ports)
        ports.append(QString::number(port));
    if (sender.morePorts)
        ports.append(QStringLiteral("…"));
    return ports.join(QLatin1String(", "));
}

QString pidList(const TrafficStatistics::Sender &sender)
{
    const TsContinuity *continuity = sender.analysis.continuity();
    if (!continuity)
        return {};
    QStringList pids;
    for (const int pid : continuity->pids(maxPidsListed))
        pids.append(QString::number(pid));
    if (continuity->pidsSeen() > maxPidsListed)
        pids.append(QStringLiteral("…"));
    return pids.join(QLatin1String(", "));
}

QString livenessName(Liveness state)
{
    switch (state) {
    case Liveness::Live: return QStringLiteral("live");
    case Liveness::Late: return QStringLiteral("late");
    case Liveness::Silent: return QStringLiteral("silent");
    }
    return {};
}

QString eventName(LivenessEvent::Kind kind)
{
    switch (kind) {
    case LivenessEvent::Kind::Appeared: return QStringLiteral("appeared");
    case LivenessEvent::Kind::Late: return QStringLiteral("late");
    case LivenessEvent::Kind::Silent: return QStringLiteral("silent");
    case LivenessEvent::Kind::Back: return QStringLiteral("back");
    case LivenessEvent::Kind::Loss: return QStringLiteral("loss");
    case LivenessEvent::Kind::Restart: return QStringLiteral("restart");
    }
    return {};
}

QString eventDescription(const LivenessEvent &event)
{
    switch (event.kind) {
    case LivenessEvent::Kind::Back:
        return QStringLiteral("back after %1 s").arg(double(event.silentForUs) / 1e6, 0, 'f', 1);
    case LivenessEvent::Kind::Loss:
        return event.count == 1 ? QStringLiteral("lost 1 datagram")
                                : QStringLiteral("lost %1 datagrams").arg(event.count);
    case LivenessEvent::Kind::Restart:
        return event.count == 1 ? QStringLiteral("sequence restarted")
                                : QStringLiteral("sequence restarted %1 times").arg(event.count);
    case LivenessEvent::Kind::Appeared:
    case LivenessEvent::Kind::Late:
    case LivenessEvent::Kind::Silent:
        break;
    }
    return eventName(event.kind);
}

QString eventFlow(const LivenessEvent &event)
{
    if (!hasFlowFields(event.kind))
        return {};
    return QStringLiteral(" (%1 %2)").arg(Endpoint{event.group, event.port}.toString(), payloadFormatName(event.format));
}

QByteArray statsJson(const TrafficStatistics &statistics, std::optional<double> guiMaxStallMs,
                     qint64 droppedLines)
{
    const auto &totals = statistics.totals();
    const auto totalRate = statistics.rate(totals.rates, rateWindowMs);
    JsonWriter json;
    json.beginObject()
        .key("type").value("stats")
        .key("time").value(DatagramText::isoTime(statistics.nowUs()))
        .key("total").beginObject()
        .key("packets").value(totals.packets)
        .key("bytes").value(totals.bytes)
        .key("pps").value(totalRate.packetsPerSecond)
        .key("bps").value(totalRate.bytesPerSecond)
        .endObject()
        .key("os_drops").value(statistics.osDrops())
        .key("dropped_lines").value(droppedLines);
    if (guiMaxStallMs)
        json.key("gui_max_stall_ms").value(*guiMaxStallMs, 1);
    json.key("subscriptions").beginArray();
    for (const auto &subscription : statistics.subscriptions()) {
        const auto &status = subscription.status;
        const auto rate = statistics.rate(subscription.traffic.rates, rateWindowMs);
        json.beginObject()
            .key("group").value(status.subscription.group.toString())
            .key("source");
        if (status.subscription.isSourceSpecific())
            json.value(status.subscription.source.toString());
        else
            json.null();
        json.key("port").value(int(status.subscription.port))
            .key("interface").value(status.interfaceName())
            .key("state").value(SubscriptionStatus::stateName(status.state))
            .key("packets").value(subscription.traffic.packets)
            .key("bytes").value(subscription.traffic.bytes)
            .key("pps").value(rate.packetsPerSecond)
            .key("bps").value(rate.bytesPerSecond)
            .endObject();
    }
    json.endArray();
    json.key("senders").beginArray();
    for (const auto &sender : statistics.senders()) {
        const auto rate = statistics.rate(sender.rates, rateWindowMs);
        const auto offsets = sender.timing.atuOffsets();
        json.beginObject()
            .key("source").value(sourceName(sender));
        if (sender.other)
            json.key("group").null().key("port").null().key("format").null();
        else
            json.key("group").value(sender.group.toString())
                .key("port").value(int(sender.port))
                .key("format").value(payloadFormatName(sender.format));
        json.key("ours").value(sender.fromOwnTransmitter)
            .key("ports").beginArray();
        for (const quint16 port : sender.ports)
            json.value(int(port));
        json.endArray()
            .key("port_count").value(qint64(sender.portCount))
            .key("packets").value(sender.packets)
            .key("bytes").value(sender.bytes)
            .key("pps").value(rate.packetsPerSecond)
            .key("bps").value(rate.bytesPerSecond)
            .key("state").value(livenessName(sender.liveness))
            .key("last_interval_ms").value(toMs(sender.timing.lastIntervalUs()))
            .key("mean_interval_ms").value(toMs(sender.timing.meanIntervalUs()))
            .key("interval_jitter_ms").value(toMs(sender.timing.jitterUs()))
            .key("atu_offset_ms").value(offsets ? std::optional<double>(double(offsets->lastUs) / 1000.0)
                                                : std::nullopt)
            .key("outages").value(sender.timing.outages())
            .key("outage_ms").value(double(sender.timing.outageUs()) / 1000.0);
        writeAnalysis(json, sender);
        json.endObject();
    }
    json.endArray().endObject();
    return json.bytes();
}

QByteArray statsText(const TrafficStatistics &statistics, std::optional<double> guiMaxStallMs,
                     qint64 droppedLines)
{
    const auto &totals = statistics.totals();
    const auto totalRate = statistics.rate(totals.rates, rateWindowMs);
    QString text = QStringLiteral("%1 stats: %2 packets, %3 bytes, %4 pkt/s, %5 B/s, %6 dropped by the OS, "
                                  "%7 output lines dropped; %8 live, %9 late, %10 silent")
                       .arg(DatagramText::isoTime(statistics.nowUs()))
                       .arg(totals.packets)
                       .arg(totals.bytes)
                       .arg(totalRate.packetsPerSecond, 0, 'f', 1)
                       .arg(totalRate.bytesPerSecond, 0, 'f', 0)
                       .arg(statistics.osDrops())
                       .arg(droppedLines)
                       .arg(statistics.count(Liveness::Live))
                       .arg(statistics.count(Liveness::Late))
                       .arg(statistics.count(Liveness::Silent));
    if (guiMaxStallMs)
        text += QStringLiteral("; window stalled at most %1 ms").arg(*guiMaxStallMs, 0, 'f', 1);
    for (const auto &sender : statistics.senders()) {
        const auto rate = statistics.rate(sender.rates, rateWindowMs);
        const auto offsets = sender.timing.atuOffsets();
        const QString flow = sender.other ? sourceName(sender)
                                          : QStringLiteral("%1 → %2 %3%4")
                                                .arg(sourceName(sender), Endpoint{sender.group, sender.port}.toString(),
                                                     payloadFormatName(sender.format),
                                                     QLatin1String(sender.fromOwnTransmitter ? " (ours)" : ""));
        text += QStringLiteral("\n  %1 ports %2: %3 packets, %4 bytes, %5 pkt/s, %6 B/s, %7, "
                               "interval last %8 mean %9 jitter %10, ATU offset %11%12")
                    .arg(flow, portList(sender))
                    .arg(sender.packets)
                    .arg(sender.bytes)
                    .arg(rate.packetsPerSecond, 0, 'f', 1)
                    .arg(rate.bytesPerSecond, 0, 'f', 0)
                    .arg(livenessName(sender.liveness), optionalMs(toMs(sender.timing.lastIntervalUs())),
                         optionalMs(toMs(sender.timing.meanIntervalUs())),
                         optionalMs(toMs(sender.timing.jitterUs())),
                         offsets ? optionalMs(double(offsets->lastUs) / 1000.0) : QStringLiteral("–"),
                         analysisText(sender));
    }
    return text.toUtf8();
}

QByteArray eventJson(const LivenessEvent &event)
{
    JsonWriter json;
    json.beginObject()
        .key("type").value("event")
        .key("time").value(DatagramText::isoTime(event.timeUs))
        .key("source").value(event.source.toString());
    if (hasFlowFields(event.kind))
        json.key("group").value(event.group.toString())
            .key("port").value(int(event.port))
            .key("format").value(payloadFormatName(event.format));
    json.key("event").value(eventName(event.kind));
    if (hasFlowFields(event.kind))
        json.key("count").value(event.count);
    json.endObject();
    return json.bytes();
}

QByteArray eventText(const LivenessEvent &event)
{
    return QStringLiteral("%1 event: %2 %3%4")
        .arg(DatagramText::isoTime(event.timeUs), event.source.toString(), eventDescription(event),
             eventFlow(event))
        .toUtf8();
}

} // namespace StatsReport
