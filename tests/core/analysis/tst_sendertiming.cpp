#include "analysis/SenderTiming.h"

#include <QTest>

class TestSenderTiming final : public QObject
{
    Q_OBJECT

private slots:
    void nothingToSayBeforeTwoArrivals()
    {
        SenderTiming timing;
        QVERIFY(!timing.lastIntervalUs());
        timing.addArrival(1'000'000);
        QVERIFY(!timing.lastIntervalUs());
        QVERIFY(!timing.meanIntervalUs());
        QVERIFY(!timing.jitterUs());
        QVERIFY(!timing.expectedIntervalUs());
        QVERIFY(!timing.atuOffsets());
    }

    void intervalsJitterAndMedian()
    {
        SenderTiming timing;
        for (const qint64 ms : {0, 100, 210, 300, 400})
            timing.addArrival(ms * 1000);
        // Intervals 100, 110, 90, 100 ms.
        QCOMPARE(*timing.lastIntervalUs(), qint64(100'000));
        QCOMPARE(*timing.meanIntervalUs(), 100'000.0);
        QCOMPARE(*timing.expectedIntervalUs(), qint64(100'000));
        QVERIFY(qAbs(*timing.jitterUs() - 7071.07) < 0.01); // sqrt(50) ms
    }

    void steadySenderHasNoJitter()
    {
        SenderTiming timing;
        for (int i = 0; i < 100; ++i)
            timing.addArrival(qint64(i) * 1'000'000);
        QCOMPARE(*timing.jitterUs(), 0.0);
        QCOMPARE(*timing.expectedIntervalUs(), qint64(1'000'000));
    }

    void medianIgnoresOneLostDatagram()
    {
        SenderTiming timing;
        qint64 t = 0;
        for (int i = 0; i < 10; ++i) {
            timing.addArrival(t);
            t += (i == 5) ? 2'000'000 : 1'000'000; // one datagram lost: a 2 s gap
        }
        QCOMPARE(*timing.expectedIntervalUs(), qint64(1'000'000));
        QVERIFY(*timing.meanIntervalUs() > 1'000'000.0);
    }

    void recentWindowForgetsOldIntervals()
    {
        SenderTiming timing;
        qint64 t = 0;
        for (int i = 0; i < 40; ++i) {
            timing.addArrival(t);
            t += 1'000'000;
        }
        for (int i = 0; i < SenderTiming::recentCount + 1; ++i) {
            timing.addArrival(t);
            t += 100'000;
        }
        QCOMPARE(*timing.expectedIntervalUs(), qint64(100'000));
        QCOMPARE(*timing.jitterUs(), 0.0);
    }

    void atuOffsetStatistics()
    {
        SenderTiming timing;
        for (const qint64 offset : {300, -200, 1000, 100})
            timing.addAtuOffset(offset);
        const auto offsets = *timing.atuOffsets();
        QCOMPARE(offsets.lastUs, qint64(100));
        QCOMPARE(offsets.minUs, qint64(-200));
        QCOMPARE(offsets.maxUs, qint64(1000));
        QCOMPARE(offsets.meanUs, 300.0);
        QCOMPARE(offsets.count, qint64(4));
    }
};

QTEST_APPLESS_MAIN(TestSenderTiming)
#include "tst_sendertiming.moc"
