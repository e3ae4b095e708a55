#include "metrics/ExpositionWriter.h"
#include "metrics/MetricsExposition.h"

#include "Exposition.h"
#include "TestDatagrams.h"

#include <QTest>

namespace {

using TestDatagrams::datagram;

constexpr IpAddress hostA = IpAddress::fromIPv4(0x7f000001); // 127.0.0.1
constexpr IpAddress hostB = IpAddress::fromIPv4(0xc6120001); // 198.18.0.1
constexpr qint64 start = 1'700'000'000'000'000;

const MetricsExposition::BuildInfo build{QStringLiteral("1.2.3"), QStringLiteral("6.4.2")};

ReceivedDatagram heartbeat(const IpAddress &source, qint64 arrivalUs, quint64 streamId = 7)
{
    ReceivedDatagram d = datagram(source, 40000, arrivalUs, 30);
    d.format = PayloadFormat::Atu;
    d.streamId = streamId;
    d.atuTimeUs = arrivalUs - 2500; // 2.5 ms offset
    d.subscription = 0;
    return d;
}

SubscriptionStatus joined(const QString &networkInterface, quint16 port = TestDatagrams::port)
{
    SubscriptionStatus status;
    status.subscription = {TestDatagrams::group, {}, port, networkInterface};
    status.networkInterface.name = networkInterface;
    status.state = SubscriptionStatus::State::Joined;
    return status;
}

const QByteArray flowA = R"({group="239.1.1.1",port="5001",source="127.0.0.1",interface="lo",format="atu"})";

Exposition::Parsed render(const TrafficStatistics &statistics, const ProcessMetrics &process = {})
{
    const QByteArray text = MetricsExposition::render(statistics, process, build);
    Exposition::Parsed parsed = Exposition::parse(text);
    if (!parsed.problems.isEmpty())
        qWarning().noquote() << text;
    return parsed;
}

} // namespace

class TestMetricsExposition final : public QObject
{
    Q_OBJECT

private slots:
    void flowsCarryTheContractsNamesAndLabels()
    {
        qint64 now = start;
        TrafficStatistics statistics([&now] { return now; });
        statistics.setSubscriptions({joined(QStringLiteral("lo"))});
        for (int i = 0; i < 5; ++i)
            statistics.record(heartbeat(hostA, start + i * 1'000'000));
        now = start + 4'000'000;
        statistics.setOsDropsTotal(3);

        const auto metrics = render(statistics);
        QVERIFY2(metrics.problems.isEmpty(), qPrintable(metrics.problems.join(QLatin1Char('\n'))));
        QCOMPARE(metrics.value("mcast_monitor_packets_total" + flowA), 5.0);
        QCOMPARE(metrics.value("mcast_monitor_bytes_total" + flowA), 150.0);
        QCOMPARE(metrics.value("mcast_monitor_last_packet_timestamp_seconds" + flowA), double(start + 4'000'000) / 1e6);
        QCOMPARE(metrics.value("mcast_monitor_interval_seconds" + flowA), 1.0);
        QCOMPARE(metrics.value("mcast_monitor_interval_jitter_seconds" + flowA), 0.0);
        // A heartbeat carries no sender clock: no RFC 3550 jitter, no delay.
        QVERIFY(metrics.seriesOf("mcast_monitor_jitter_seconds").isEmpty());
        QVERIFY(metrics.seriesOf("mcast_monitor_delay_seconds").isEmpty());
        QVERIFY(metrics.seriesOf("mcast_monitor_cc_errors_total").isEmpty());
        QCOMPARE(metrics.value("mcast_monitor_atu_offset_seconds" + flowA), 0.0025);
        QByteArray state = "mcast_monitor_flow_state" + flowA;
        state.chop(1);
        QCOMPARE(metrics.value(state + R"(,state="live"})"), 1.0);
        QCOMPARE(metrics.value(state + R"(,state="late"})"), 0.0);
        QCOMPARE(metrics.value(state + R"(,state="silent"})"), 0.0);
        QCOMPARE(metrics.value(R"(mcast_monitor_subscription_joined{group="239.1.1.1",port="5001",source="",interface="lo"})"),
                 1.0);
        QCOMPARE(metrics.value("mcast_monitor_os_drops_total"), 3.0);
        QCOMPARE(metrics.value(R"(mcast_monitor_build_info{version="1.2.3",qt="6.4.2"})"), 1.0);
        // A heartbeat has no sequence numbers: no loss series, not a false 0.
        QVERIFY(metrics.seriesOf("mcast_monitor_lost_total").isEmpty());
        QVERIFY(metrics.seriesOf("mcast_monitor_duplicates_total").isEmpty());
        QVERIFY(metrics.seriesOf("mcast_monitor_reordered_total").isEmpty());
    }

    void numberedStreamsReportLossDuplicatesAndReordering()
    {
        TrafficStatistics statistics([] { return start; });
        statistics.setSubscriptions({joined(QStringLiteral("lo"))});
        // RTP numbers 1, 2, 4, 4 again, 3 late, 7: 2 lost (5, 6), 1 duplicate, 1 reordered.
        qint64 at = start;
        for (const quint16 sequence : {1, 2, 4, 4, 3, 7}) {
            ReceivedDatagram d = datagram(hostA, 40000, at += 20'000, 172);
            d.format = PayloadFormat::Rtp;
            d.streamId = 0x1234;
            d.stream.sequence = sequence;
            d.stream.sequenceBits = 16;
            d.subscription = 0;
            statistics.record(d);
        }
        const auto metrics = render(statistics);
        const QByteArray flow = R"({group="239.1.1.1",port="5001",source="127.0.0.1",interface="lo",format="rtp"})";
        QCOMPARE(metrics.value("mcast_monitor_lost_total" + flow), 2.0);
        QCOMPARE(metrics.value("mcast_monitor_duplicates_total" + flow), 1.0);
        QCOMPARE(metrics.value("mcast_monitor_reordered_total" + flow), 1.0);
    }

    void iperfStreamsReportJitterDelayAndRestartsAsTheJsonDoes()
    {
        TrafficStatistics statistics([] { return start; });
        statistics.setSubscriptions({joined(QStringLiteral("lo"))});
        // Sent every 10 ms; arrivals 1 ms late, then 3, 1, 3, ...: the transit varies.
        for (int i = 0; i < 40; ++i) {
            const qint64 sent = start + i * 10'000;
            ReceivedDatagram d = datagram(hostA, 40000, sent + (i % 2 ? 3'000 : 1'000), 1470);
            d.format = PayloadFormat::Iperf2;
            d.stream.sequence = quint64(i);
            d.stream.sequenceBits = 32;
            d.stream.sendTimeUs = sent;
            d.subscription = 0;
            statistics.record(d);
        }
        const auto metrics = render(statistics);
        QVERIFY2(metrics.problems.isEmpty(), qPrintable(metrics.problems.join(QLatin1Char('\n'))));
        const QByteArray flow = R"({group="239.1.1.1",port="5001",source="127.0.0.1",interface="lo",format="iperf2"})";
        const auto &analysis = statistics.senders().front().analysis;
        QVERIFY(analysis.jitterUs().has_value());
        QVERIFY(*analysis.jitterUs() > 1'000.0); // converging on the 2 ms swing
        QCOMPARE(metrics.value("mcast_monitor_jitter_seconds" + flow), *analysis.jitterUs() / 1e6);
        QCOMPARE(metrics.value("mcast_monitor_delay_seconds" + flow), *analysis.delayUs() / 1e6);
        QVERIFY(metrics.value("mcast_monitor_interval_jitter_seconds" + flow) > 0.0);
        QCOMPARE(metrics.value("mcast_monitor_seq_restarts_total" + flow), 0.0);
        QCOMPARE(metrics.value("mcast_monitor_lost_total" + flow), 0.0);
    }

    void transportStreamsReportContinuityErrors()
    {
        TrafficStatistics statistics([] { return start; });
        statistics.setSubscriptions({joined(QStringLiteral("lo"))});
        // One PID, payload only; counters 0 to 7, then 10 (two skipped): one CC error.
        int counter = 0;
        for (int i = 0; i < 2; ++i) {
            QByteArray payload(7 * 188, char(0xff));
            for (int p = 0; p < 7; ++p) {
                char *packet = payload.data() + p * 188;
                packet[0] = 0x47;
                packet[1] = 0x01; // PID 0x100
                packet[2] = 0x00;
                packet[3] = char(0x10 | (counter & 0x0f));
                counter += (i == 1 && p == 0) ? 3 : 1;
            }
            ReceivedDatagram d = datagram(hostA, 40000, start + i * 1'000, 0);
            d.payload = payload;
            d.format = PayloadFormat::MpegTs;
            d.stream.tsPackets = 7;
            d.subscription = 0;
            statistics.record(d);
        }
        const auto metrics = render(statistics);
        const QByteArray flow = R"({group="239.1.1.1",port="5001",source="127.0.0.1",interface="lo",format="mpegts"})";
        QCOMPARE(metrics.value("mcast_monitor_cc_errors_total" + flow), 1.0);
        QVERIFY(metrics.seriesOf("mcast_monitor_lost_total").isEmpty()); // TS packets, not datagrams
    }

    void aFlowIsLabelledWithTheInterfaceItCameThrough()
    {
        TrafficStatistics statistics([] { return start; });
        // The same group and port joined on two interfaces; the flow arrives on the second.
        statistics.setSubscriptions({joined(QStringLiteral("lo")), joined(QStringLiteral("mcV1"))});
        ReceivedDatagram d = heartbeat(hostB, start);
        d.subscription = 1;
        statistics.record(d);
        const auto metrics = render(statistics);
        const QByteArray flow = R"({group="239.1.1.1",port="5001",source="198.18.0.1",interface="mcV1",format="atu"})";
        QCOMPARE(metrics.value("mcast_monitor_packets_total" + flow), 1.0);
    }

    void stateFollowsLiveness()
    {
        qint64 now = start;
        TrafficStatistics statistics([&now] { return now; });
        statistics.setSubscriptions({joined(QStringLiteral("lo"))});
        statistics.record(heartbeat(hostA, start));
        statistics.record(heartbeat(hostA, start + 1'000'000));
        statistics.updateLiveness(start + 10'000'000);
        const auto metrics = render(statistics);
        QByteArray state = "mcast_monitor_flow_state" + flowA;
        state.chop(1);
        QCOMPARE(metrics.value(state + R"(,state="live"})"), 0.0);
        QCOMPARE(metrics.value(state + R"(,state="silent"})"), 1.0);
    }

    void rawFlowsHaveNoAtuOffsetOrInterval()
    {
        TrafficStatistics statistics([] { return start; });
        statistics.record(datagram(hostB, 1, start, 10));
        const auto metrics = render(statistics);
        QCOMPARE(metrics.seriesOf("mcast_monitor_packets_total").size(), 1);
        QVERIFY(metrics.seriesOf("mcast_monitor_atu_offset_seconds").isEmpty());
        QVERIFY(metrics.seriesOf("mcast_monitor_interval_seconds").isEmpty());
        // No subscription carries it: the interface is not known.
        QVERIFY(metrics.value(R"(mcast_monitor_packets_total{group="239.1.1.1",port="5001",source="198.18.0.1",interface="",format="raw"})"));
    }

    void labelValuesAreEscaped()
    {
        QCOMPARE(ExpositionWriter::escapedLabelValue(QStringLiteral("a\"b\\c\nd")), QByteArray(R"(a\"b\\c\nd)"));
        QCOMPARE(ExpositionWriter::escapedLabelValue(QStringLiteral("é")), QByteArray("\xc3\xa9"));
        // An interface name is the system's: quotes, backslashes, newlines and ESC in it
        // stay inside one label value, and no control character reaches the scraper.
        TrafficStatistics statistics([] { return start; });
        const QString hostile = QStringLiteral("e\"th\\0\n}\x1b[31m");
        statistics.setSubscriptions({joined(hostile)});
        statistics.record(heartbeat(hostA, start));
        const QByteArray text = MetricsExposition::render(statistics, {}, build);
        const auto metrics = Exposition::parse(text);
        QVERIFY2(metrics.problems.isEmpty(), qPrintable(metrics.problems.join(QLatin1Char('\n'))));
        // The console's inert text (e"th\\0\n}\x1b[31m), then the format's escaping.
        const QByteArray series = "mcast_monitor_packets_total{group=\"239.1.1.1\",port=\"5001\",source=\"127.0.0.1\",interface=\"e\\\"th\\\\\\\\0\\\\n}\\\\x1b[31m\",format=\"atu\"}";
        QVERIFY(metrics.value(series));
        for (const char c : text)
            QVERIFY2(uchar(c) >= 0x20 || c == '\n', "a control character in the exposition");
        if (const auto problems = Exposition::promtoolProblems(text))
            QVERIFY2(problems->isEmpty(), qPrintable(*problems));
    }

    void flowsPastTheCapAreOneSeries()
    {
        TrafficStatistics statistics([] { return start; }, 4);
        for (quint32 i = 1; i <= 10; ++i)
            statistics.record(datagram(IpAddress::fromIPv4(0x0a000000 + i), 7, start, 1));
        const auto metrics = render(statistics);
        QVERIFY(metrics.problems.isEmpty());
        // Three flows and the row the other seven share, as in the senders table.
        QCOMPARE(metrics.seriesOf("mcast_monitor_packets_total").size(), 4);
        QCOMPARE(metrics.value(R"(mcast_monitor_packets_total{group="",port="",source="other senders",interface="",format=""})"),
                 7.0);
        // Liveness is not judged for that row.
        QCOMPARE(metrics.seriesOf("mcast_monitor_flow_state").size(), 3 * 3);
    }

    void everySeriesIsUnique()
    {
        TrafficStatistics statistics([] { return start; });
        statistics.setSubscriptions({joined(QStringLiteral("lo"))});
        statistics.record(heartbeat(hostA, start));
        ReceivedDatagram ours = heartbeat(hostA, start + 10);
        ours.fromOwnTransmitter = true;
        statistics.record(ours);
        statistics.record(heartbeat(hostA, start + 20, 99)); // another ATU prefix
        const auto metrics = render(statistics);
        QVERIFY2(metrics.problems.isEmpty(), qPrintable(metrics.problems.join(QLatin1Char('\n'))));
        QCOMPARE(metrics.seriesOf("mcast_monitor_packets_total").size(), 3);
        QVERIFY(metrics.value("mcast_monitor_packets_total" + flowA));
        QByteArray prefix = "mcast_monitor_packets_total" + flowA;
        prefix.chop(1);
        QVERIFY(metrics.value(prefix + R"(,ours="true"})"));
        QVERIFY(metrics.value(prefix + R"(,stream="63"})"));
    }

    void countersNeverGoBackAcrossARejoin()
    {
        qint64 now = start;
        TrafficStatistics statistics([&now] { return now; });
        statistics.setSubscriptions({joined(QStringLiteral("lo"))});
        statistics.setOsDropsTotal(2);
        for (int i = 0; i < 3; ++i)
            statistics.record(heartbeat(hostA, start + i * 1'000'000));
        const auto before = render(statistics);

        // The interface went away and came back, then the list changed around the
        // subscription (a reload): each time the receiver reports its list anew.
        SubscriptionStatus waiting = joined(QStringLiteral("lo"));
        waiting.state = SubscriptionStatus::State::WaitingForInterface;
        statistics.setSubscriptions({waiting});
        statistics.watch({}, now);
        QCOMPARE(render(statistics).value(R"(mcast_monitor_subscription_joined{group="239.1.1.1",port="5001",source="",interface="lo"})"),
                 0.0);
        statistics.setSubscriptions({joined(QStringLiteral("lo"), 5002), joined(QStringLiteral("lo"))});
        statistics.watch({joined(QStringLiteral("lo")).subscription}, now);
        statistics.record(heartbeat(hostA, start + 3'000'000));
        const auto after = render(statistics);

        QVERIFY(!before.order.isEmpty());
        for (const QByteArray &series : before.order) {
            if (!series.contains("_total"))
                continue;
            QVERIFY2(after.value(series), series.constData());
            QVERIFY2(*after.value(series) >= *before.value(series), series.constData());
        }
        QCOMPARE(after.value("mcast_monitor_packets_total" + flowA), 4.0);
        QCOMPARE(after.value("mcast_monitor_os_drops_total"), 2.0);
        QCOMPARE(after.value(R"(mcast_monitor_subscription_joined{group="239.1.1.1",port="5001",source="",interface="lo"})"),
                 1.0);
        QCOMPARE(after.value(R"(mcast_monitor_subscription_joined{group="239.1.1.1",port="5002",source="",interface="lo"})"),
                 1.0);
    }

    void processMetricsUseThePrometheusNames()
    {
        TrafficStatistics statistics([] { return start; });
        ProcessMetrics process;
        process.cpuSeconds = 1.25;
        process.residentBytes = 4096;
        process.openFds = 12;
        const auto metrics = render(statistics, process);
        QCOMPARE(metrics.value("process_cpu_seconds_total"), 1.25);
        QCOMPARE(metrics.value("process_resident_memory_bytes"), 4096.0);
        QCOMPARE(metrics.value("process_open_fds"), 12.0);
        QVERIFY(!metrics.value("process_max_fds")); // not known: no series
    }

    void numbersReadBackExactly()
    {
        QCOMPARE(ExpositionWriter::number(0.1), QByteArray("0.1"));
        QCOMPARE(ExpositionWriter::number(1700000000.123456), QByteArray("1700000000.123456"));
        QCOMPARE(ExpositionWriter::number(std::numeric_limits<double>::infinity()), QByteArray("+Inf"));
        QCOMPARE(ExpositionWriter::number(std::nan("")), QByteArray("NaN"));
    }

    void promtoolFindsNothingToSay()
    {
        qint64 now = start;
        TrafficStatistics statistics([&now] { return now; }, 3);
        statistics.setSubscriptions({joined(QStringLiteral("lo"))});
        for (int i = 0; i < 4; ++i)
            statistics.record(heartbeat(IpAddress::fromIPv4(0x7f000001 + quint32(i)), start + i));
        const QByteArray text = MetricsExposition::render(statistics, ProcessMetrics::read(), build);
        const auto problems = Exposition::promtoolProblems(text);
        if (!problems)
            QSKIP("promtool is not installed (Debian: prometheus; build.sh installs it)");
        QVERIFY2(problems->isEmpty(), qPrintable(*problems));
    }
};

QTEST_GUILESS_MAIN(TestMetricsExposition)
#include "tst_metricsexposition.moc"
