#include "analysis/RateHistory.h"
#include "analysis/TrafficStatistics.h"
#include "Flows.h"

#include <QTest>

#include <initializer_list>

namespace {

constexpr qint64 second = 1'000'000;
constexpr IpAddress senderA = IpAddress::fromIPv4(0x0a000001);
constexpr IpAddress senderB = IpAddress::fromIPv4(0x0a000002);

QList<double> rates(const QList<RatePoint> &points)
{
    QList<double> values;
    for (const RatePoint &point : points)
        values.append(point.packetsPerSecond);
    return values;
}

} // namespace

class TestRateHistory final : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 1'700'000'000 * second;
    TrafficStatistics m_statistics{[this] { return m_now; }};

    void receive(IpAddress source, int count = 1)
    {
        for (int i = 0; i < count; ++i) {
            ReceivedDatagram datagram;
            datagram.source = source;
            datagram.arrivalUs = m_now;
            datagram.payload = "ATU";
            m_statistics.record(datagram);
        }
    }

    // RTP datagrams from source with these sequence numbers.
    void receiveNumbered(IpAddress source, std::initializer_list<int> sequences)
    {
        for (const int sequence : sequences) {
            ReceivedDatagram datagram;
            datagram.source = source;
            datagram.arrivalUs = m_now;
            datagram.format = PayloadFormat::Rtp;
            datagram.streamId = 7;
            datagram.stream.sequence = quint64(sequence);
            datagram.stream.sequenceBits = 16;
            m_statistics.record(datagram);
        }
    }

    static FlowKey rtpFlow(IpAddress source)
    {
        FlowKey key = flowOf(source);
        key.format = PayloadFormat::Rtp;
        key.streamId = 7;
        return key;
    }

    // One second passes, then the owner's timer samples.
    void tick(RateHistory &history)
    {
        m_now += second;
        history.sample(m_statistics);
    }

private slots:
    void init()
    {
        m_statistics.clear();
    }

    // Lost per second is what the sequence numbers newly miss in that second; a gap filled
    // late takes nothing below zero; flows without numbers show none.
    void countsLostDatagramsPerSecond()
    {
        RateHistory history;
        receive(senderA, 5); // ATU heartbeats: no sequence numbers
        tick(history);
        QVERIFY(!history.anySequence());
        QVERIFY(!history.senderHasSequence(flowOf(senderA)));
        QCOMPARE(rates(history.totalLost()), (QList<double>{0}));

        receiveNumbered(senderB, {0, 1, 2, 5, 6}); // 3 and 4 lost
        tick(history);
        receiveNumbered(senderB, {7, 8, 9, 10});
        tick(history);
        receiveNumbered(senderB, {4, 11, 13, 14, 20}); // 4 back late; 12, 15 to 19 lost
        tick(history);
        receiveNumbered(senderB, {21, 22});
        tick(history);
        QVERIFY(history.anySequence());
        QVERIFY(history.senderHasSequence(rtpFlow(senderB)));
        QCOMPARE(m_statistics.senders().at(1).analysis.sequence()->lost(), 7);
        QCOMPARE(rates(history.totalLost()), (QList<double>{0, 2, 0, 5, 0}));
        QCOMPARE(rates(history.senderLost(rtpFlow(senderB))), (QList<double>{0, 2, 0, 5, 0}));
        QCOMPARE(rates(history.senderLost(flowOf(senderA))), (QList<double>{0, 0, 0, 0, 0}));
        QCOMPARE(rates(history.total()), (QList<double>{5, 5, 4, 5, 2}));

        m_statistics.clear();
        tick(history);
        QVERIFY(!history.anySequence());
        QCOMPARE(rates(history.totalLost()), (QList<double>{0}));
    }

    void startsEmpty()
    {
        const RateHistory history;
        QVERIFY(history.isEmpty());
        QVERIFY(history.total().isEmpty());
        QVERIFY(history.sender(flowOf(senderA)).isEmpty());
        QCOMPARE(history.latestTimeUs(), 0);
    }

    void countsPacketsOfEachSecond()
    {
        RateHistory history;
        receive(senderA, 3);
        tick(history);
        tick(history);
        receive(senderA, 5);
        tick(history);

        const QList<RatePoint> total = history.total();
        QCOMPARE(rates(total), (QList<double>{3, 0, 5}));
        QCOMPARE(total.at(0).timeUs, m_now - 2 * second);
        QCOMPARE(total.at(2).timeUs, m_now);
        QCOMPARE(history.latestTimeUs(), m_now);
    }

    void keepsOneSeriesPerSender()
    {
        RateHistory history;
        receive(senderA, 2);
        tick(history);
        receive(senderA, 2);
        receive(senderB, 7);
        tick(history);
        receive(senderB, 1);
        tick(history);

        QCOMPARE(rates(history.total()), (QList<double>{2, 9, 1}));
        QCOMPARE(rates(history.sender(flowOf(senderA))), (QList<double>{2, 2, 0}));
        // A sender's series spans the same seconds as the total, zero before it appeared.
        QCOMPARE(rates(history.sender(flowOf(senderB))), (QList<double>{0, 7, 1}));
        QCOMPARE(history.sender(flowOf(senderB)).at(1).timeUs, history.total().at(1).timeUs);
        QCOMPARE(history.senderCount(), 2);
        QVERIFY(history.hasSender(flowOf(senderB)));
        QVERIFY(!history.hasSender(flowOf(IpAddress::fromIPv4(0x0a000003))));
        QVERIFY(history.sender(flowOf(IpAddress::fromIPv4(0x0a000003))).isEmpty());
    }

    void ringKeepsTheLastFiveMinutes()
    {
        RateHistory history;
        for (int i = 0; i < RateHistory::capacity + 50; ++i) {
            receive(senderA, i);
            tick(history);
        }
        QCOMPARE(history.size(), RateHistory::capacity);
        const QList<RatePoint> total = history.total();
        QCOMPARE(total.size(), RateHistory::capacity);
        QCOMPARE(total.first().packetsPerSecond, 50.0);
        QCOMPARE(total.last().packetsPerSecond, double(RateHistory::capacity + 49));
        QCOMPARE(total.last().timeUs, m_now);
        QCOMPARE(total.first().timeUs, m_now - (RateHistory::capacity - 1) * second);
        for (int i = 1; i < total.size(); ++i)
            QCOMPARE(total.at(i).timeUs - total.at(i - 1).timeUs, second);
        QCOMPARE(rates(history.sender(flowOf(senderA))), rates(total));
    }

    void startsAgainWhenTheStatisticsAreCleared()
    {
        RateHistory history;
        receive(senderA, 4);
        tick(history);
        receive(senderA, 4);
        tick(history);

        m_statistics.clear();
        receive(senderB, 1);
        tick(history);

        QCOMPARE(rates(history.total()), (QList<double>{1}));
        QVERIFY(!history.hasSender(flowOf(senderA)));
        QCOMPARE(rates(history.sender(flowOf(senderB))), (QList<double>{1}));
    }

    void noticesAClearFollowedByMoreTraffic()
    {
        RateHistory history;
        receive(senderA, 2);
        tick(history);

        // Cleared, then more packets than before from the same sender within one second.
        m_statistics.clear();
        m_now += second / 2;
        receive(senderA, 5);
        tick(history);

        QCOMPARE(rates(history.total()), (QList<double>{5}));
        QCOMPARE(rates(history.sender(flowOf(senderA))), (QList<double>{5}));
    }

    void clearForgetsEverything()
    {
        RateHistory history;
        receive(senderA, 2);
        tick(history);
        history.clear();
        QVERIFY(history.isEmpty());
        QVERIFY(!history.hasSender(flowOf(senderA)));
        // The next sample counts from zero, like a new history beside cleared statistics.
        m_statistics.clear();
        receive(senderA, 3);
        tick(history);
        QCOMPARE(rates(history.total()), (QList<double>{3}));
    }

    void aLateSampleIsSpreadOverTheSecondsItMissed()
    {
        RateHistory history;
        tick(history);
        receive(senderA, 40);
        m_now += 3 * second; // the timer fired four seconds after the previous sample
        tick(history);
        QCOMPARE(rates(history.total()), (QList<double>{0, 10}));
        QCOMPARE(rates(history.sender(flowOf(senderA))), (QList<double>{0, 10}));
    }

    void aClockSetBackCountsAsOneSecond()
    {
        RateHistory history;
        tick(history);
        receive(senderA, 6);
        m_now -= 10 * second;
        history.sample(m_statistics);
        QCOMPARE(history.total().last().packetsPerSecond, 6.0);
    }

    void seriesAreBounded()
    {
        RateHistory history(3);
        for (quint32 address = 1; address <= 5; ++address)
            receive(IpAddress::fromIPv4(address));
        tick(history);
        QCOMPARE(history.senderCount(), 3);
        QVERIFY(history.hasSender(flowOf(IpAddress::fromIPv4(3))));
        QVERIFY(!history.hasSender(flowOf(IpAddress::fromIPv4(4))));
        QCOMPARE(history.total().last().packetsPerSecond, 5.0);
    }

    void followsTheStatisticsSenderCap()
    {
        TrafficStatistics statistics([this] { return m_now; }, 3);
        RateHistory history;
        for (quint32 address = 1; address <= 6; ++address) {
            ReceivedDatagram datagram;
            datagram.source = IpAddress::fromIPv4(address);
            datagram.arrivalUs = m_now;
            statistics.record(datagram);
        }
        history.sample(statistics);
        // Two senders of their own and the "other senders" row that folds in the rest.
        QCOMPARE(history.senderCount(), 3);
        QVERIFY(statistics.senders().back().other);
        QCOMPARE(rates(history.sender(statistics.senders().back().key())), (QList<double>{4}));
    }
};

QTEST_APPLESS_MAIN(TestRateHistory)
#include "tst_ratehistory.moc"
