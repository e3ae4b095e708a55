#include "metrics/MetricsExposition.h"

#include "analysis/TsContinuity.h"
#include "metrics/ExpositionWriter.h"
#include "output/PayloadFormatter.h"
#include "output/StatsReport.h"

#include <QSet>

#include <optional>

namespace MetricsExposition {

namespace {

using Sender = TrafficStatistics::Sender;
using Value = std::optional<double>;

Value seconds(const std::optional<qint64> &us)
{
    return us ? Value(double(*us) / 1e6) : std::nullopt;
}

Value seconds(const std::optional<double> &us)
{
    return us ? Value(*us / 1e6) : std::nullopt;
}

// A count from the flow's sequence numbers; none for a format without them.
Value sequenceCount(const Sender &flow, qint64 (SequenceTracker::*count)() const)
{
    const SequenceTracker *sequence = flow.analysis.sequence();
    return sequence ? Value(double((sequence->*count)())) : std::nullopt;
}

// One line per metric: a flow's value, or nothing where the flow has none (yet).
struct FlowMetric
{
    const char *name;
    const char *type;
    const char *help;
    Value (*value)(const Sender &flow);
    bool forOtherSenders = false; // meaningful for the row the flows past the cap share
};

const FlowMetric flowMetrics[] = {
    {"mcast_monitor_packets_total", "counter", "Datagrams received in the flow.",
     [](const Sender &flow) { return Value(double(flow.packets)); }, true},
    {"mcast_monitor_bytes_total", "counter", "UDP payload bytes received in the flow.",
     [](const Sender &flow) { return Value(double(flow.bytes)); }, true},
    // Loss, duplicates and reordering need sequence numbers (RTP, iperf 2, mcjoin): a flow
    // without them has no series, not a misleading 0.
    {"mcast_monitor_lost_total", "counter", "Datagrams missing from the flow's sequence.",
     [](const Sender &flow) { return sequenceCount(flow, &SequenceTracker::lost); }},
    {"mcast_monitor_duplicates_total", "counter", "Datagrams received more than once.",
     [](const Sender &flow) { return sequenceCount(flow, &SequenceTracker::duplicates); }},
    {"mcast_monitor_reordered_total", "counter", "Datagrams that arrived after a later one.",
     [](const Sender &flow) { return sequenceCount(flow, &SequenceTracker::reordered); }},
    {"mcast_monitor_seq_restarts_total", "counter", "Times the flow's sequence started again (a sender restarted).",
     [](const Sender &flow) { return sequenceCount(flow, &SequenceTracker::restarts); }},
    {"mcast_monitor_cc_errors_total", "counter", "MPEG-TS continuity counter errors in the flow.",
     [](const Sender &flow) {
         const TsContinuity *continuity = flow.analysis.continuity();
         return continuity ? Value(double(continuity->errors())) : Value();
     }},
    {"mcast_monitor_last_packet_timestamp_seconds", "gauge",
     "When the flow's last datagram arrived, in seconds since the Unix epoch.",
     [](const Sender &flow) { return flow.packets > 0 ? Value(double(flow.lastSeenUs) / 1e6) : Value(); }},
    {"mcast_monitor_interval_seconds", "gauge",
     "The flow's expected interval: the median of its recent intervals.",
     [](const Sender &flow) { return seconds(flow.timing.expectedIntervalUs()); }},
    // RFC 3550 jitter needs the sender's timestamps (RTP, iperf 2); the interval jitter is
    // there for any flow. The JSON's jitter_ms and interval_jitter_ms.
    {"mcast_monitor_jitter_seconds", "gauge",
     "RFC 3550 interarrival jitter of the flow (RTP timestamps or iperf 2 send times).",
     [](const Sender &flow) { return seconds(flow.analysis.jitterUs()); }},
    {"mcast_monitor_interval_jitter_seconds", "gauge",
     "Variation of the flow's arrival intervals (standard deviation of the recent ones).",
     [](const Sender &flow) { return seconds(flow.timing.jitterUs()); }},
    {"mcast_monitor_delay_seconds", "gauge",
     "One-way delay from the flow's iperf 2 send times, smoothed over about 16 datagrams (meaningful when the clocks agree).",
     [](const Sender &flow) { return seconds(flow.analysis.delayUs()); }},
    // RFC 4445 over the last complete second of an MPEG-TS flow.
    {"mcast_monitor_mdi_delay_factor_seconds", "gauge",
     "RFC 4445 Delay Factor of the MPEG-TS flow's last second: the buffering its arrival pattern needs.",
     [](const Sender &flow) {
         const auto mdi = flow.analysis.mediaDeliveryIndex();
         return mdi ? Value(mdi->delayFactorMs / 1000.0) : Value();
     }},
    {"mcast_monitor_mdi_media_loss_rate", "gauge",
     "RFC 4445 Media Loss Rate of the MPEG-TS flow's last second: TS packets lost per second.",
     [](const Sender &flow) {
         const auto mdi = flow.analysis.mediaDeliveryIndex();
         return mdi ? Value(mdi->mediaLossRate) : Value();
     }},
    {"mcast_monitor_atu_offset_seconds", "gauge",
     "Arrival time minus the time in the last ATU heartbeat (the sender's clock offset plus transit).",
     [](const Sender &flow) {
         const auto offsets = flow.timing.atuOffsets();
         return offsets ? Value(double(offsets->lastUs) / 1e6) : Value();
     }},
};

// The interface a flow arrives on: that of the subscription it came through, else of the
// first one carrying it (the list changed since).
QString interfaceOf(const TrafficStatistics &statistics, const Sender &flow)
{
    const auto &subscriptions = statistics.subscriptions();
    if (flow.subscription >= 0 && std::size_t(flow.subscription) < subscriptions.size()) {
        const auto &remembered = subscriptions[std::size_t(flow.subscription)].status;
        if (remembered.subscription.carries(flow.address, {flow.group, flow.port}))
            return remembered.interfaceName();
    }
    for (const auto &subscription : subscriptions) {
        if (subscription.status.subscription.carries(flow.address, {flow.group, flow.port}))
            return subscription.status.interfaceName();
    }
    return {};
}

// Interface names come from the system and are not trusted: the same inert text as on the
// console, then the format's own escaping.
QString interfaceLabel(const QString &name)
{
    return PayloadFormatter::escapedLine(name);
}

std::vector<QByteArray> flowLabels(const TrafficStatistics &statistics)
{
    std::vector<QByteArray> labels;
    labels.reserve(statistics.senders().size());
    QSet<QByteArray> used;
    for (const Sender &flow : statistics.senders()) {
        if (flow.other) {
            labels.push_back(ExpositionWriter::labels({{"group", {}},
                                                       {"port", {}},
                                                       {"source", QStringLiteral("other senders")},
                                                       {"interface", {}},
                                                       {"format", {}}}));
            continue;
        }
        QByteArray text = ExpositionWriter::labels(
            {{"group", flow.group.toString()},
             {"port", QString::number(flow.port)},
             {"source", flow.address.toString()},
             {"interface", interfaceLabel(interfaceOf(statistics, flow))},
             {"format", payloadFormatName(flow.format)}});
        if (flow.fromOwnTransmitter)
            ExpositionWriter::appendLabel(text, "ours", QStringLiteral("true"));
        if (used.contains(text))
            ExpositionWriter::appendLabel(text, "stream", QString::number(flow.streamId, 16));
        used.insert(text);
        labels.push_back(text);
    }
    return labels;
}

void writeFlows(ExpositionWriter &out, const TrafficStatistics &statistics)
{
    const auto &flows = statistics.senders();
    const std::vector<QByteArray> labels = flowLabels(statistics);
    for (const FlowMetric &metric : flowMetrics) {
        out.beginFamily(metric.name, metric.type, metric.help);
        for (std::size_t i = 0; i < flows.size(); ++i) {
            if (flows[i].other && !metric.forOtherSenders)
                continue;
            if (const Value value = metric.value(flows[i]))
                out.sample(metric.name, labels[i], *value);
        }
        out.endFamily();
    }
    const char *state = "mcast_monitor_flow_state";
    out.beginFamily(state, "gauge", "The flow's liveness: 1 for its current state (live, late, silent), 0 for the others.");
    for (std::size_t i = 0; i < flows.size(); ++i) {
        if (flows[i].other)
            continue;
        for (const Liveness liveness : {Liveness::Live, Liveness::Late, Liveness::Silent}) {
            QByteArray text = labels[i];
            ExpositionWriter::appendLabel(text, "state", StatsReport::livenessName(liveness));
            out.sample(state, text, qint64(flows[i].liveness == liveness ? 1 : 0));
        }
    }
    out.endFamily();
}

void writeSubscriptions(ExpositionWriter &out, const TrafficStatistics &statistics)
{
    const char *joined = "mcast_monitor_subscription_joined";
    out.beginFamily(joined, "gauge", "1 while the subscription is joined, 0 while it waits for its interface or failed.");
    QSet<QByteArray> used;
    for (const auto &subscription : statistics.subscriptions()) {
        const SubscriptionStatus &status = subscription.status;
        const QByteArray labels = ExpositionWriter::labels(
            {{"group", status.subscription.group.toString()},
             {"port", QString::number(status.subscription.port)},
             {"source", status.subscription.isSourceSpecific() ? status.subscription.source.toString() : QString()},
             {"interface", interfaceLabel(status.interfaceName())}});
        if (used.contains(labels))
            continue;
        used.insert(labels);
        out.sample(joined, labels, qint64(status.state == SubscriptionStatus::State::Joined ? 1 : 0));
    }
    out.endFamily();
}

void writeProcess(ExpositionWriter &out, const ProcessMetrics &process)
{
    const auto gauge = [&out](const char *name, const char *type, const char *help, Value value) {
        out.beginFamily(name, type, help);
        if (value)
            out.sample(name, {}, *value);
        out.endFamily();
    };
    const auto count = [](const std::optional<qint64> &value) {
        return value ? Value(double(*value)) : Value();
    };
    gauge("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.",
          process.cpuSeconds);
    gauge("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", process.residentBytes);
    gauge("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", process.virtualBytes);
    gauge("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.",
          process.startTimeSeconds);
    gauge("process_open_fds", "gauge", "Number of open file descriptors.", count(process.openFds));
    gauge("process_max_fds", "gauge", "Maximum number of open file descriptors.", count(process.maxFds));
}

} // namespace

BuildInfo BuildInfo::current()
{
    return {QStringLiteral(MCAST_MONITOR_VERSION), QString::fromLatin1(qVersion())};
}

QByteArray render(const TrafficStatistics &statistics, const ProcessMetrics &process, const BuildInfo &build)
{
    ExpositionWriter out;
    writeFlows(out, statistics);
    writeSubscriptions(out, statistics);
    const char *drops = "mcast_monitor_os_drops_total";
    out.beginFamily(drops, "counter", "Datagrams the operating system dropped because the receive buffer was full.");
    out.sample(drops, {}, statistics.osDrops());
    out.endFamily();
    const char *info = "mcast_monitor_build_info";
    out.beginFamily(info, "gauge", "Always 1: the version of mcast-monitor and of the Qt it runs on.");
    out.sample(info, ExpositionWriter::labels({{"version", build.version}, {"qt", build.qtVersion}}), qint64(1));
    out.endFamily();
    writeProcess(out, process);
    return out.take();
}

QByteArray renderNow(const TrafficStatistics &statistics)
{
    return render(statistics, ProcessMetrics::read(), BuildInfo::current());
}

} // namespace MetricsExposition
