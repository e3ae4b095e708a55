#include "analysis/TrafficStatistics.h"

#include "TestDatagrams.h"

#include <QTest>

namespace {

using TestDatagrams::datagram;

constexpr IpAddress hostA = IpAddress::fromIPv4(0x7f000001); // 127.0.0.1
constexpr IpAddress hostB = IpAddress::fromIPv4(0xc6120001); // 198.18.0.1

// An RTP datagram as the detector hands it over: G.711 (8 kHz), 20 ms of audio each.
ReceivedDatagram rtp(IpAddress source, quint16 sequence, qint64 arrivalUs, quint32 ssrc = 7)
{
    ReceivedDatagram d = datagram(source, 4000, arrivalUs, 172);
    d.format = PayloadFormat::Rtp;
    d.streamId = ssrc;
    d.stream.sequence = sequence;
    d.stream.sequenceBits = 16;
    d.stream.rtpPayloadType = 0;
    d.stream.rtpTimestamp = quint32(sequence) * 160;
    return d;
}

QList<LivenessEvent> eventsOf(TrafficStatistics &statistics, LivenessEvent::Kind kind)
{
    QList<LivenessEvent> events = statistics.takeEvents();
    events.removeIf([kind](const LivenessEvent &event) { return event.kind != kind; });
    return events;
}

} // namespace

class TestTrafficStatistics final : public QObject
{
    Q_OBJECT

private slots:
    void groupsSendersByAddressAcrossPorts()
    {
        qint64 now = 1'000'000'000;
        TrafficStatistics statistics([&now] { return now; });
        statistics.record(DatagramBatch{datagram(hostA, 4000, now, 10), datagram(hostB, 4000, now, 20),
                                        datagram(hostA, 3000, now + 1000, 30),
                                        datagram(hostA, 4000, now + 2000, 40)});
        QCOMPARE(statistics.senders().size(), std::size_t(2));
        const auto &a = statistics.senders()[std::size_t(statistics.indexOf(hostA))];
        QCOMPARE(a.ports, (QList<quint16>{3000, 4000}));
        QCOMPARE(a.packets, qint64(3));
        QCOMPARE(a.bytes, qint64(80));
        QCOMPARE(a.firstSeenUs, now);
        QCOMPARE(a.lastSeenUs, now + 2000);
        QCOMPARE(statistics.indexOf(hostA), 0); // order of first appearance
        QCOMPARE(statistics.indexOf(hostB), 1);
        QCOMPARE(statistics.totals().packets, qint64(4));
        QCOMPARE(statistics.totals().bytes, qint64(100));
    }

    void ratesUseTheInjectedClock()
    {
        qint64 now = 2'000'000'000;
        TrafficStatistics statistics([&now] { return now; });
        for (int i = 0; i <= 100; ++i) // 10 s at ten a second
            statistics.record(datagram(hostA, 1, now + i * 100'000, 100));
        now += 10'000'000;
        const auto &sender = statistics.senders().front();
        QCOMPARE(statistics.rate(sender.rates, 1000).packetsPerSecond, 10.0);
        QCOMPARE(statistics.rate(statistics.totals().rates, 1000).bytesPerSecond, 1000.0);
        QCOMPARE(statistics.rate(sender.rates, 10000).packetsPerSecond, 10.0);
        now += 5'000'000; // five quiet seconds later
        QCOMPARE(statistics.rate(sender.rates, 1000).packetsPerSecond, 0.0);
        QCOMPARE(statistics.rate(sender.rates, 10000).packetsPerSecond, 5.0);
    }

    void foldsSendersBeyondTheCapIntoOneRow()
    {
        TrafficStatistics statistics([] { return qint64(0); }, 4);
        for (quint32 i = 1; i <= 100; ++i)
            statistics.record(datagram(IpAddress::fromIPv4(0x0a000000 + i), 7, 1000, 1));
        QCOMPARE(statistics.senders().size(), std::size_t(4));
        const auto &other = statistics.senders().back();
        QVERIFY(other.other);
        QCOMPARE(other.packets, qint64(97));
        QCOMPARE(statistics.totals().packets, qint64(100));
        // A known sender keeps its own row after the cap is reached.
        statistics.record(datagram(IpAddress::fromIPv4(0x0a000001), 7, 2000, 1));
        QCOMPARE(statistics.senders().front().packets, qint64(2));
    }

    void boundsThePortList()
    {
        TrafficStatistics statistics([] { return qint64(0); });
        for (quint16 port = 1; port <= 100; ++port)
            statistics.record(datagram(hostA, port, 0, 1));
        const auto &sender = statistics.senders().front();
        QCOMPARE(sender.ports.size(), qsizetype(TrafficStatistics::maxPortsPerSender));
        QCOMPARE(sender.ports.front(), quint16(1));
        QVERIFY(sender.morePorts);
        // The count goes on exactly: repeats of listed and unlisted ports are not counted twice.
        QCOMPARE(sender.portCount, 100);
        statistics.record(datagram(hostA, 1, 0, 1));
        statistics.record(datagram(hostA, 99, 0, 1));
        statistics.record(datagram(hostA, 65535, 0, 1));
        QCOMPARE(statistics.senders().front().portCount, 101);
    }

    // 0.0.0.0 is a source like any other (a host before DHCP, a spoofed flood): its own
    // row with its own events, never the "other senders" row.
    void theUnspecifiedSourceIsAFlowOfItsOwn()
    {
        qint64 now = 0;
        TrafficStatistics statistics([&now] { return now; }, 2);
        const IpAddress unspecified = IpAddress::fromIPv4(0);
        statistics.record(datagram(unspecified, 68, 0, 1));
        statistics.record(datagram(unspecified, 68, 1'000'000, 1));
        QCOMPARE(statistics.senders().size(), std::size_t(1));
        const auto &flow = statistics.senders().front();
        QVERIFY(!flow.other);
        QCOMPARE(flow.address.toString(), QStringLiteral("0.0.0.0"));
        QCOMPARE(statistics.indexOf(unspecified), 0);
        auto events = statistics.takeEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, LivenessEvent::Kind::Appeared);
        QCOMPARE(events[0].source, unspecified);
        statistics.updateLiveness(10'000'000);
        events = statistics.takeEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, LivenessEvent::Kind::Silent);
    }

    // Datagrams count for the subscription they name; a new list keeps the counts of the
    // subscriptions it still has, whatever their position, and starts new ones from zero.
    void countsEachSubscriptionAndKeepsCountsAcrossLists()
    {
        TrafficStatistics statistics([] { return qint64(1'000'000); });
        const auto status = [](quint32 group) {
            SubscriptionStatus s;
            s.subscription = Subscription{IpAddress::fromIPv4(group), {}, 5001, QStringLiteral("lo")};
            s.state = SubscriptionStatus::State::Joined;
            return s;
        };
        statistics.setSubscriptions({status(0xef010101), status(0xef010102)});
        for (int i = 0; i < 3; ++i) {
            ReceivedDatagram d = datagram(hostA, 9, 500'000, 10);
            d.subscription = i == 2 ? 1 : 0;
            statistics.record(d);
        }
        ReceivedDatagram unknown = datagram(hostA, 9, 500'000, 10);
        unknown.subscription = 7; // not in the list: counted in the totals only
        statistics.record(unknown);
        QCOMPARE(statistics.subscriptions()[0].traffic.packets, qint64(2));
        QCOMPARE(statistics.subscriptions()[1].traffic.packets, qint64(1));
        QCOMPARE(statistics.subscriptions()[1].traffic.bytes, qint64(10));
        QCOMPARE(statistics.totals().packets, qint64(4));

        statistics.setSubscriptions({status(0xef010103), status(0xef010101)});
        QCOMPARE(statistics.subscriptions()[0].traffic.packets, qint64(0));
        QCOMPARE(statistics.subscriptions()[1].traffic.packets, qint64(2));
        statistics.clear();
        QCOMPARE(statistics.subscriptions().size(), std::size_t(2));
        QCOMPARE(statistics.subscriptions()[1].traffic.packets, qint64(0));
    }

    void marksOwnTransmitter()
    {
        TrafficStatistics statistics([] { return qint64(0); });
        ReceivedDatagram own = datagram(hostA, 9, 0, 1);
        own.fromOwnTransmitter = true;
        statistics.record(DatagramBatch{datagram(hostB, 9, 0, 1), own});
        QVERIFY(!statistics.senders()[0].fromOwnTransmitter);
        QVERIFY(statistics.senders()[1].fromOwnTransmitter);
    }

    void livenessGoesLateThenSilentThenBack()
    {
        qint64 now = 0;
        TrafficStatistics statistics([&now] { return now; });
        const qint64 start = 100'000'000;
        for (int i = 0; i < 10; ++i)
            statistics.record(datagram(hostA, 9, start + i * 1'000'000, 30));
        const qint64 last = start + 9'000'000;
        auto events = statistics.takeEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, LivenessEvent::Kind::Appeared);
        QCOMPARE(events[0].source, hostA);
        QCOMPARE(events[0].timeUs, start);

        now = last + 1'400'000; // within 1.5 × 1 s
        statistics.updateLiveness();
        QVERIFY(statistics.takeEvents().isEmpty());
        QCOMPARE(statistics.senders()[0].liveness, Liveness::Live);

        now = last + 1'600'000;
        statistics.updateLiveness();
        events = statistics.takeEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, LivenessEvent::Kind::Late);
        QCOMPARE(statistics.count(Liveness::Late), 1);

        now = last + 2'900'000; // still late: silent only after 3 s
        statistics.updateLiveness();
        QVERIFY(statistics.takeEvents().isEmpty());

        now = last + 3'100'000;
        statistics.updateLiveness();
        events = statistics.takeEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, LivenessEvent::Kind::Silent);
        QCOMPARE(statistics.count(Liveness::Silent), 1);
        QCOMPARE(statistics.count(Liveness::Live), 0);

        statistics.updateLiveness(); // no repeated events
        QVERIFY(statistics.takeEvents().isEmpty());

        statistics.record(datagram(hostA, 9, last + 5'000'000, 30));
        events = statistics.takeEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, LivenessEvent::Kind::Back);
        QCOMPARE(events[0].silentForUs, qint64(5'000'000));
        QCOMPARE(statistics.senders()[0].liveness, Liveness::Live);
    }

    void silenceNeedsAtLeastThreeSecondsForFastSenders()
    {
        qint64 now = 0;
        TrafficStatistics statistics([&now] { return now; });
        for (int i = 0; i < 20; ++i)
            statistics.record(datagram(hostB, 9, i * 100'000, 30)); // 10 per second
        const qint64 last = 19 * 100'000;
        statistics.takeEvents();
        now = last + 250'000;
        statistics.updateLiveness();
        QCOMPARE(statistics.takeEvents().value(0).kind, LivenessEvent::Kind::Late);
        now = last + 2'000'000; // 20 intervals, but not yet 3 s
        statistics.updateLiveness();
        QVERIFY(statistics.takeEvents().isEmpty());
        now = last + 3'000'001;
        statistics.updateLiveness();
        QCOMPARE(statistics.takeEvents().value(0).kind, LivenessEvent::Kind::Silent);
    }

    void slowSenderGoesStraightToSilentWhenChecksAreRare()
    {
        qint64 now = 0;
        TrafficStatistics statistics([&now] { return now; });
        statistics.record(datagram(hostA, 9, 0, 1));
        statistics.record(datagram(hostA, 9, 1'000'000, 1));
        statistics.takeEvents();
        now = 10'000'000;
        statistics.updateLiveness();
        const auto events = statistics.takeEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, LivenessEvent::Kind::Silent);
    }

    void recordsAtuOffsets()
    {
        TrafficStatistics statistics([] { return qint64(0); });
        ReceivedDatagram atu = datagram(hostA, 9, 5'000'000, 30);
        atu.atuTimeUs = 4'997'500; // 2.5 ms before it arrived
        statistics.record(DatagramBatch{atu, datagram(hostB, 9, 5'000'000, 30)});
        QCOMPARE(statistics.senders()[0].timing.atuOffsets()->lastUs, qint64(2500));
        QVERIFY(!statistics.senders()[1].timing.atuOffsets());
    }

    void aFlowIsOneStreamToOneGroup()
    {
        // The seed's setup on loopback: the ATU publisher (a new source port per message),
        // the window's own transmitter (also ATU, also 127.0.0.1) and an iperf flood from
        // the same host are three flows.
        TrafficStatistics statistics([] { return qint64(0); });
        const quint64 atuStream = 77;
        DatagramBatch batch;
        for (int i = 0; i < 3; ++i) {
            ReceivedDatagram publisher = datagram(hostA, quint16(40000 + i), i * 1'000'000, 26);
            publisher.format = PayloadFormat::Atu;
            publisher.streamId = atuStream;
            ReceivedDatagram ours = publisher;
            ours.sourcePort = 50000;
            ours.arrivalUs += 500'000;
            ours.fromOwnTransmitter = true;
            batch << publisher << ours << datagram(hostA, 45000, i * 1'000'000 + 1, 1400);
        }
        ReceivedDatagram otherGroup = datagram(hostA, 45000, 0, 10);
        otherGroup.destination = IpAddress::fromIPv4(0xef010102);
        batch << otherGroup;
        statistics.record(batch);

        QCOMPARE(statistics.senders().size(), std::size_t(4));
        const auto &publisher = statistics.senders()[0];
        QCOMPARE(publisher.format, PayloadFormat::Atu);
        QCOMPARE(publisher.packets, qint64(3));
        QCOMPARE(publisher.ports.size(), 3);
        QVERIFY(!publisher.fromOwnTransmitter);
        QCOMPARE(*publisher.timing.meanIntervalUs(), 1'000'000.0);
        const auto &ours = statistics.senders()[1];
        QVERIFY(ours.fromOwnTransmitter);
        QCOMPARE(ours.packets, qint64(3));
        QCOMPARE(*ours.timing.meanIntervalUs(), 1'000'000.0);
        const auto &flood = statistics.senders()[2];
        QCOMPARE(flood.format, PayloadFormat::Raw);
        QVERIFY(!flood.fromOwnTransmitter);
        QCOMPARE(flood.packets, qint64(3));
        QCOMPARE(statistics.senders()[3].group, IpAddress::fromIPv4(0xef010102));
        QCOMPARE(statistics.senders()[3].packets, qint64(1));
    }

    void flowsNotListenedToAreFrozen()
    {
        qint64 now = 0;
        TrafficStatistics statistics([&now] { return now; });
        for (int i = 0; i < 5; ++i)
            statistics.record(datagram(hostA, 9, i * 1'000'000, 1));
        statistics.takeEvents();
        // Listening stops: however long it stays stopped, the flow goes neither late nor silent.
        statistics.watch({}, 4'100'000);
        statistics.updateLiveness(60'000'000);
        QVERIFY(statistics.takeEvents().isEmpty());
        QCOMPARE(statistics.senders()[0].liveness, Liveness::Live);
        // Listening to another group, another port, or its group from another source only
        // leaves it frozen too.
        const IpAddress group = IpAddress::fromIPv4(0xef010101);
        statistics.watch({Subscription{IpAddress::fromIPv4(0xef010102), {}, 5001, {}},
                          Subscription{group, {}, 5002, {}}, Subscription{group, hostB, 5001, {}}},
                         60'000'000);
        statistics.updateLiveness(90'000'000);
        QVERIFY(statistics.takeEvents().isEmpty());
        // Listening to its group again (here: from its source only): its quiet time starts
        // now, not at its last datagram.
        statistics.watch({Subscription{group, hostA, 5001, {}}}, 90'000'000);
        statistics.updateLiveness(90'500'000);
        QVERIFY(statistics.takeEvents().isEmpty());
        statistics.updateLiveness(91'600'000);
        const auto late = statistics.takeEvents();
        QCOMPARE(late.size(), 1);
        QCOMPARE(late[0].kind, LivenessEvent::Kind::Late);
        QCOMPARE(late[0].flow, 0);
    }

    void anOutageIsCountedNotAveraged()
    {
        qint64 now = 0;
        TrafficStatistics statistics([&now] { return now; });
        qint64 t = 0;
        for (int i = 0; i < 10; ++i, t += 1'000'000)
            statistics.record(datagram(hostA, 9, t, 1));
        // Away for 16 s: the liveness machine sees it go silent.
        statistics.updateLiveness(t + 16'000'000);
        t += 17'000'000;
        for (int i = 0; i < 10; ++i, t += 1'000'000)
            statistics.record(datagram(hostA, 9, t, 1));
        const auto &timing = statistics.senders()[0].timing;
        QCOMPARE(timing.outages(), qint64(1));
        QCOMPARE(timing.outageUs(), qint64(18'000'000));
        QCOMPARE(*timing.meanIntervalUs(), 1'000'000.0);
        QCOMPARE(*timing.jitterUs(), 0.0);
        QCOMPARE(*timing.expectedIntervalUs(), qint64(1'000'000));
    }

    void eventsComeOutInTimeOrder()
    {
        TrafficStatistics statistics([] { return qint64(0); });
        statistics.record(datagram(hostA, 9, 0, 1));
        statistics.updateLiveness(5'000'000); // silent at 5 s
        statistics.record(DatagramBatch{datagram(hostB, 9, 2'000'000, 1), datagram(hostA, 9, 6'000'000, 1)});
        const auto events = statistics.takeEvents();
        QVERIFY(std::is_sorted(events.cbegin(), events.cend(),
                               [](const auto &a, const auto &b) { return a.timeUs < b.timeUs; }));
        QCOMPARE(events.size(), 4);
        QCOMPARE(events[1].source, hostB);
    }

    void analysesEachStreamButNotTheOtherSendersRow()
    {
        TrafficStatistics statistics([] { return qint64(0); }, 3);
        for (const quint16 sequence : {1, 2, 4, 5})
            statistics.record(rtp(hostA, sequence, sequence * 20'000));
        statistics.record(rtp(hostA, 100, 0, 8)); // another SSRC: a flow of its own
        statistics.record(rtp(hostB, 1, 0));      // beyond the cap: folded
        statistics.record(rtp(hostB, 9, 0));
        const auto &senders = statistics.senders();
        QCOMPARE(int(senders.size()), 3);
        QCOMPARE(senders[0].analysis.sequence()->lost(), qint64(1));
        QCOMPARE(senders[0].analysis.sequence()->received(), qint64(4));
        QVERIFY(senders[0].analysis.jitterUs().has_value()); // payload type 0: 8 kHz
        QCOMPARE(senders[1].analysis.sequence()->received(), qint64(1));
        QVERIFY(senders[2].other);
        QVERIFY(!senders[2].analysis.sequence());
        QVERIFY(!senders[2].analysis.jitterUs());
    }

    void lossIsAnnouncedOnceSettledAndAtMostOnceASecond()
    {
        TrafficStatistics statistics([] { return qint64(0); });
        statistics.record(rtp(hostA, 1, 1'000'000));
        statistics.record(rtp(hostA, 3, 1'020'000)); // 2 is missing
        statistics.updateLiveness(1'200'000);
        QVERIFY(eventsOf(statistics, LivenessEvent::Kind::Loss).isEmpty()); // it may still come
        statistics.updateLiveness(1'270'000);
        auto losses = eventsOf(statistics, LivenessEvent::Kind::Loss);
        QCOMPARE(losses.size(), 1);
        QCOMPARE(losses[0].count, qint64(1));
        QCOMPARE(losses[0].timeUs, qint64(1'270'000));
        QCOMPARE(losses[0].group, TestDatagrams::group);
        QCOMPARE(losses[0].port, TestDatagrams::port);
        QCOMPARE(losses[0].format, PayloadFormat::Rtp);
        // Within the second: counted, not said; then said once with the sum.
        statistics.record(rtp(hostA, 6, 1'300'000));
        statistics.record(rtp(hostA, 9, 1'340'000));
        statistics.updateLiveness(2'000'000);
        QVERIFY(eventsOf(statistics, LivenessEvent::Kind::Loss).isEmpty());
        statistics.updateLiveness(2'300'000);
        losses = eventsOf(statistics, LivenessEvent::Kind::Loss);
        QCOMPARE(losses.size(), 1);
        QCOMPARE(losses[0].count, qint64(4));
        // Reordering is no loss: the gap closes before it is said.
        statistics.record(rtp(hostA, 11, 3'400'000));
        statistics.record(rtp(hostA, 10, 3'410'000));
        statistics.updateLiveness(4'000'000);
        QVERIFY(eventsOf(statistics, LivenessEvent::Kind::Loss).isEmpty());
        // A late one takes one back; only what is lost beyond that is news.
        statistics.record(rtp(hostA, 8, 4'100'000));
        statistics.record(rtp(hostA, 13, 4'120'000));
        statistics.updateLiveness(4'400'000);
        losses = eventsOf(statistics, LivenessEvent::Kind::Loss);
        QCOMPARE(losses.size(), 1);
        QCOMPARE(losses[0].count, qint64(1));
        QCOMPARE(statistics.senders().front().analysis.sequence()->lost(), qint64(5));
    }

    void restartsAreEvents()
    {
        TrafficStatistics statistics([] { return qint64(0); });
        for (int i = 0; i < 5; ++i)
            statistics.record(rtp(hostA, quint16(1000 + i), 1'000'000 + i * 20'000));
        statistics.record(rtp(hostA, 30000, 1'200'000));
        statistics.record(rtp(hostA, 30001, 1'220'000));
        const auto restarts = eventsOf(statistics, LivenessEvent::Kind::Restart);
        QCOMPARE(restarts.size(), 1);
        QCOMPARE(restarts[0].count, qint64(1));
        QCOMPARE(statistics.senders().front().analysis.sequence()->lost(), qint64(0));
    }

    void clearForgetsEverything()
    {
        TrafficStatistics statistics([] { return qint64(0); });
        statistics.record(datagram(hostA, 9, 0, 1));
        statistics.clear();
        QVERIFY(statistics.senders().empty());
        QCOMPARE(statistics.indexOf(hostA), -1);
        QCOMPARE(statistics.totals().packets, qint64(0));
    }
};

QTEST_APPLESS_MAIN(TestTrafficStatistics)
#include "tst_trafficstatistics.moc"
