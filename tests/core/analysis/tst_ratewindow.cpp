#include "analysis/RateWindow.h"

#include <QTest>

namespace {

// A sender of one datagram every intervalMs from firstMs up to lastMs (inclusive).
void sendEvery(RateWindow &window, qint64 firstMs, qint64 lastMs, qint64 intervalMs, qint64 bytes = 100)
{
    for (qint64 t = firstMs; t <= lastMs; t += intervalMs)
        window.add(t, bytes);
}

// A flood of perMs datagrams in every millisecond from firstMs up to lastMs (inclusive).
void flood(RateWindow &window, qint64 firstMs, qint64 lastMs, qint64 perMs)
{
    for (qint64 t = firstMs; t <= lastMs; ++t)
        window.add(t, 100 * perMs, perMs);
}

} // namespace

class TestRateWindow final : public QObject
{
    Q_OBJECT

private slots:
    void emptyWindowIsZero()
    {
        const RateWindow window;
        QCOMPARE(window.rate(123456, 1000).packetsPerSecond, 0.0);
        QCOMPARE(window.rate(123456, 10000).bytesPerSecond, 0.0);
    }

    void steadyTenPerSecond()
    {
        RateWindow window;
        const qint64 start = 1'700'000'000'000;
        sendEvery(window, start, start + 19'900, 100, 50); // 20 s
        const qint64 now = start + 19'900;
        QCOMPARE(window.rate(now, 1000).packetsPerSecond, 10.0);
        QCOMPARE(window.rate(now, 1000).bytesPerSecond, 500.0);
        QCOMPARE(window.rate(now, 2000).packetsPerSecond, 10.0);
        QCOMPARE(window.rate(now, 10000).packetsPerSecond, 10.0);
        // Between datagrams, and wherever the window's edges fall in a bucket.
        for (qint64 later = 1; later < 100; later += 7)
            QCOMPARE(window.rate(now + later, 2000).packetsPerSecond, 10.0);
    }

    // Issue 13: 0.2 pkt/s for a 1/s sender 2 s after it started.
    void oneASecondReadsOneAfterTwoSeconds()
    {
        RateWindow window;
        const qint64 start = 50'000;
        sendEvery(window, start, start + 2000, 1000);
        QCOMPARE(window.rate(start + 2000, 2000).packetsPerSecond, 1.0);
        QCOMPARE(window.rate(start + 2000, 10000).packetsPerSecond, 1.0);
        QCOMPARE(window.rate(start + 2000, 2000).bytesPerSecond, 100.0);
        // The short window holds still between datagrams, whatever its edges' phase.
        for (qint64 t = start + 2001; t < start + 3000; t += 37)
            QCOMPARE(window.rate(t, 2000).packetsPerSecond, 1.0);
    }

    void firstSecondOfAFlowIsReadOverOneSecond()
    {
        RateWindow window;
        window.add(10'000, 100);
        QCOMPARE(window.rate(10'000, 2000).packetsPerSecond, 0.0); // the first marks the start
        window.add(10'100, 100);
        window.add(10'200, 100);
        QCOMPARE(window.rate(10'200, 2000).packetsPerSecond, 2.0); // 2 over at least 1 s
        window.add(10'300, 100);
        QCOMPARE(window.rate(11'500, 2000).packetsPerSecond, 2.0); // 3 over 1.5 s
    }

    // Issue 13: 4.1 pkt/s (over 10 s) for a sender already marked silent.
    void stoppedSenderDropsToZeroOnceItsLastDatagramLeavesTheWindow()
    {
        RateWindow window;
        const qint64 last = 30'000;
        sendEvery(window, 10'000, last, 1000);
        QCOMPARE(window.rate(last + 999, 2000).packetsPerSecond, 1.0);
        QCOMPARE(window.rate(last + 1999, 2000).packetsPerSecond, 0.5);
        QCOMPARE(window.rate(last + 2000, 2000).packetsPerSecond, 0.0);
        QCOMPARE(window.rate(last + 2000, 2000).bytesPerSecond, 0.0);
        // Silent after 3 s of quiet: the short rate has long said so, the 10 s one still counts.
        QCOMPARE(window.rate(last + 3000, 2000).packetsPerSecond, 0.0);
        QCOMPARE(window.rate(last + 3000, 10000).packetsPerSecond, 0.7);
        QCOMPARE(window.rate(last + 10'000, 10000).packetsPerSecond, 0.0);
    }

    // Issue 13: 4.8 k pkt/s during a 10,000/s flood, 5.7 k four seconds after it ended.
    void floodReadsItsRateWithinASecondAndZeroTwoSecondsAfter()
    {
        RateWindow window;
        const qint64 start = 100'000;
        flood(window, start, start + 999, 10);
        QCOMPARE(window.rate(start + 999, 2000).packetsPerSecond, 9990.0); // first ms marks the start
        flood(window, start + 1000, start + 4999, 10);
        const qint64 end = start + 4999;
        QCOMPARE(window.rate(end, 2000).packetsPerSecond, 10'000.0);
        QCOMPARE(window.rate(end, 2000).bytesPerSecond, 1'000'000.0);
        QCOMPARE(window.rate(end, 10000).packetsPerSecond, 10'000.0);
        QCOMPARE(window.rate(end + 1000, 2000).packetsPerSecond, 5000.0);
        QCOMPARE(window.rate(end + 2000, 2000).packetsPerSecond, 0.0);
        QCOMPARE(window.rate(end + 4000, 2000).packetsPerSecond, 0.0);
    }

    void windowEdgeCountsADatagramExactlyWhenItIsAloneInItsBucket()
    {
        RateWindow window;
        window.add(1000, 10); // the flow's first datagram
        window.add(5050, 10);
        window.add(5150, 10);
        QCOMPARE(window.rate(7049, 2000).packetsPerSecond, 1.0);
        QCOMPARE(window.rate(7050, 2000).packetsPerSecond, 0.5);
        QCOMPARE(window.rate(7149, 2000).packetsPerSecond, 0.5);
        QCOMPARE(window.rate(7150, 2000).packetsPerSecond, 0.0);
    }

    void windowEdgeCutsAFloodedBucketWhereItFalls()
    {
        RateWindow window;
        window.add(1000, 10); // the flow's first datagram
        flood(window, 5000, 5099, 10);
        QCOMPARE(window.rate(7049, 2000).packetsPerSecond, 250.0); // 500 of 1,000 over 2 s
        QCOMPARE(window.rate(7049, 2000).bytesPerSecond, 25'000.0);
    }

    void datagramsAfterNowAreNotCounted()
    {
        RateWindow window;
        window.add(1000, 10);
        window.add(3000, 10);
        window.add(3150, 10);
        QCOMPARE(window.rate(3100, 2000).packetsPerSecond, 0.5);
    }

    void reusedBucketForgetsItsOldCount()
    {
        RateWindow window;
        window.add(0, 10, 5);
        window.add(RateWindow::bucketCount * RateWindow::bucketMs, 10, 1); // the same slot, later
        QCOMPARE(window.rate(RateWindow::bucketCount * RateWindow::bucketMs + 1, 10000).packetsPerSecond,
                 0.1);
    }

    void aLateDatagramDoesNotWipeNewerCounts()
    {
        RateWindow window;
        const qint64 now = RateWindow::bucketCount * RateWindow::bucketMs;
        window.add(now - 5000, 10);
        window.add(now, 10, 4);
        window.add(0, 10, 100); // the same slot, from long before
        QCOMPARE(window.rate(now, 2000).packetsPerSecond, 2.0);
    }

    void clearEmptiesTheWindow()
    {
        RateWindow window;
        window.add(5'000, 10);
        window.add(5'500, 10);
        window.clear();
        QCOMPARE(window.rate(5'500, 1000).packetsPerSecond, 0.0);
        window.add(6'000, 10); // a new first datagram
        window.add(6'500, 10);
        QCOMPARE(window.rate(7'000, 2000).packetsPerSecond, 1.0);
    }
};

QTEST_APPLESS_MAIN(TestRateWindow)
#include "tst_ratewindow.moc"
