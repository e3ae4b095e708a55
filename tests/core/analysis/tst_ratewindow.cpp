#include "analysis/RateWindow.h"

#include <QTest>

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
        for (int i = 0; i < 200; ++i) // 20 s at one datagram every 100 ms
            window.add(start + i * 100, 50);
        const qint64 now = start + 199 * 100;
        QCOMPARE(window.rate(now, 1000).packetsPerSecond, 10.0);
        QCOMPARE(window.rate(now, 1000).bytesPerSecond, 500.0);
        QCOMPARE(window.rate(now, 10000).packetsPerSecond, 10.0);
    }

    void oneAndTenSecondWindowsDiffer()
    {
        RateWindow window;
        const qint64 start = 50'000;
        window.add(start, 1000, 90); // a burst long ago in the 10 s window
        window.add(start + 9500, 100, 10);
        const qint64 now = start + 9500;
        QCOMPARE(window.rate(now, 1000).packetsPerSecond, 10.0);
        QCOMPARE(window.rate(now, 10000).packetsPerSecond, 10.0); // 100 packets / 10 s
        QCOMPARE(window.rate(now, 10000).bytesPerSecond, 110.0);
    }

    void oldTrafficSlidesOut()
    {
        RateWindow window;
        window.add(10'000, 64);
        QCOMPARE(window.rate(10'000, 1000).packetsPerSecond, 1.0);
        QCOMPARE(window.rate(10'999, 1000).packetsPerSecond, 1.0);
        QCOMPARE(window.rate(11'000, 1000).packetsPerSecond, 0.0);
        QCOMPARE(window.rate(19'999, 10000).packetsPerSecond, 0.1);
        QCOMPARE(window.rate(20'000, 10000).packetsPerSecond, 0.0);
    }

    void reusedBucketForgetsItsOldCount()
    {
        RateWindow window;
        window.add(0, 10, 5);
        window.add(10'000, 10, 1); // same slot, ten seconds later
        QCOMPARE(window.rate(10'000, 10000).packetsPerSecond, 0.1);
    }

    void clearEmptiesTheWindow()
    {
        RateWindow window;
        window.add(5'000, 10);
        window.clear();
        QCOMPARE(window.rate(5'000, 1000).packetsPerSecond, 0.0);
    }
};

QTEST_APPLESS_MAIN(TestRateWindow)
#include "tst_ratewindow.moc"
