#include "output/SenderCsv.h"

#include "output/CsvFormat.h"
#include "output/DatagramText.h"
#include "output/StatsReport.h"

namespace SenderCsv {

namespace {

QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

template<typename Us>
QString ms(const std::optional<Us> &us)
{
    return us ? number(double(*us) / 1000.0, 3) : QString();
}

} // namespace

QByteArray header()
{
    return CsvFormat::row({
        QStringLiteral("source"), QStringLiteral("group"), QStringLiteral("port"),
        QStringLiteral("format"), QStringLiteral("ours"), QStringLiteral("state"),
        QStringLiteral("packets"), QStringLiteral("bytes"), QStringLiteral("pps"),
        QStringLiteral("bps"), QStringLiteral("pps_1s"), QStringLiteral("bps_1s"),
        QStringLiteral("last_interval_ms"), QStringLiteral("expected_interval_ms"),
        QStringLiteral("mean_interval_ms"), QStringLiteral("jitter_ms"),
        QStringLiteral("atu_offset_ms"), QStringLiteral("atu_offset_min_ms"),
        QStringLiteral("atu_offset_mean_ms"), QStringLiteral("atu_offset_max_ms"),
        QStringLiteral("outages"), QStringLiteral("outage_ms"), QStringLiteral("ports"),
        QStringLiteral("port_count"), QStringLiteral("first_seen"), QStringLiteral("last_seen"),
    });
}

QByteArray row(const TrafficStatistics &statistics, const TrafficStatistics::Sender &sender)
{
    const auto rate10s = statistics.rate(sender.rates, StatsReport::rateWindowMs);
    const auto rate1s = statistics.rate(sender.rates, 1000);
    const SenderTiming &timing = sender.timing;
    const auto offsets = timing.atuOffsets();
    const auto offset = [&offsets](auto member) {
        return offsets ? number(double((*offsets).*member) / 1000.0, 3) : QString();
    };
    return CsvFormat::row({
        sender.other ? QStringLiteral("other senders") : sender.address.toString(),
        sender.other ? QString() : sender.group.toString(),
        sender.other ? QString() : QString::number(sender.port),
        sender.other ? QString() : payloadFormatName(sender.format),
        sender.fromOwnTransmitter ? QStringLiteral("true") : QStringLiteral("false"),
        StatsReport::livenessName(sender.liveness),
        QString::number(sender.packets),
        QString::number(sender.bytes),
        number(rate10s.packetsPerSecond, 3),
        number(rate10s.bytesPerSecond, 1),
        number(rate1s.packetsPerSecond, 3),
        number(rate1s.bytesPerSecond, 1),
        ms(timing.lastIntervalUs()),
        ms(timing.expectedIntervalUs()),
        ms(timing.meanIntervalUs()),
        ms(timing.jitterUs()),
        offset(&SenderTiming::Offsets::lastUs),
        offset(&SenderTiming::Offsets::minUs),
        offset(&SenderTiming::Offsets::meanUs),
        offset(&SenderTiming::Offsets::maxUs),
        QString::number(timing.outages()),
        number(double(timing.outageUs()) / 1000.0, 3),
        StatsReport::portList(sender),
        QString::number(sender.portCount),
        DatagramText::isoTimeUs(sender.firstSeenUs),
        DatagramText::isoTimeUs(sender.lastSeenUs),
    });
}

} // namespace SenderCsv
