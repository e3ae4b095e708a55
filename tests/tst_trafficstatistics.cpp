#include "TrafficStatistics.h"

#include <QTest>

namespace {

ReceivedDatagram datagram(quint32 source, quint16 port, qint64 arrivalUs, int size)
{
    ReceivedDatagram d;
    d.source = source;
    d.sourcePort = port;
    d.arrivalUs = arrivalUs;
    d.destination = 0xef010101;
    d.destinationPort = 5001;
    d.payload = QByteArray(size, 'x');
    return d;
}

constexpr quint32 hostA = 0x7f000001; // 127.0.0.1
constexpr quint32 hostB = 0xc6120001; // 198.18.0.1

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
        for (int i = 0; i < 10; ++i)
            statistics.record(datagram(hostA, 1, now + i * 100'000, 100));
        now += 900'000;
        const auto &sender = statistics.senders().front();
        QCOMPARE(statistics.rate(sender.rates, 1000).packetsPerSecond, 10.0);
        QCOMPARE(statistics.rate(statistics.totals().rates, 1000).bytesPerSecond, 1000.0);
        now += 5'000'000; // five quiet seconds later
        QCOMPARE(statistics.rate(sender.rates, 1000).packetsPerSecond, 0.0);
        QCOMPARE(statistics.rate(sender.rates, 10000).packetsPerSecond, 1.0);
    }

    void foldsSendersBeyondTheCapIntoOneRow()
    {
        TrafficStatistics statistics([] { return qint64(0); }, 4);
        for (quint32 i = 1; i <= 100; ++i)
            statistics.record(datagram(0x0a000000 + i, 7, 1000, 1));
        QCOMPARE(statistics.senders().size(), std::size_t(4));
        const auto &other = statistics.senders().back();
        QCOMPARE(other.address, TrafficStatistics::otherSendersAddress);
        QCOMPARE(other.packets, qint64(97));
        QCOMPARE(statistics.totals().packets, qint64(100));
        // A known sender keeps its own row after the cap is reached.
        statistics.record(datagram(0x0a000001, 7, 2000, 1));
        QCOMPARE(statistics.senders().front().packets, qint64(2));
    }

    void boundsThePortList()
    {
        TrafficStatistics statistics([] { return qint64(0); });
        for (quint16 port = 1; port <= 100; ++port)
            statistics.record(datagram(hostA, port, 0, 1));
        const auto &sender = statistics.senders().front();
        QCOMPARE(sender.ports.size(), qsizetype(TrafficStatistics::maxPortsPerSender));
        QVERIFY(sender.morePorts);
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
