#include "analysis/MediaDeliveryIndex.h"

#include <QTest>

namespace {

constexpr qint64 datagramBytes = 7 * 188;

} // namespace

class TestMediaDeliveryIndex final : public QObject
{
    Q_OBJECT

private slots:
    void evenArrivalsNeedOneDatagramOfBuffer()
    {
        MediaDeliveryIndex mdi;
        // 1316 bytes every 5 ms: 2.1056 Mbit/s; DF = 1316 B ÷ 263.2 kB/s = 5 ms.
        qint64 at = 0;
        for (int i = 0; i < 400; ++i, at += 5'000) {
            mdi.add(at, datagramBytes, 0);
            if (at < 2 * MediaDeliveryIndex::intervalUs)
                QVERIFY(!mdi.last()); // the first second only measures the media rate
        }
        mdi.add(at, datagramBytes, 0); // closes the second interval
        QVERIFY(mdi.last());
        QVERIFY2(qAbs(mdi.last()->delayFactorMs - 5.0) < 0.05, qPrintable(QString::number(mdi.last()->delayFactorMs)));
        QCOMPARE(mdi.last()->mediaLossRate, 0.0);
        QVERIFY(qAbs(mdi.last()->mediaRateBps - 2'105'600.0) < 1.0);
    }

    void burstsNeedTheBurstsWorth()
    {
        MediaDeliveryIndex mdi;
        // The same rate in bursts of 10 datagrams every 50 ms (10 µs apart): a receiver must
        // buffer about a burst, 50 ms of media.
        for (int burst = 0; burst < 61; ++burst) {
            for (int i = 0; i < 10; ++i)
                mdi.add(burst * 50'000 + i * 10, datagramBytes, 0);
        }
        QVERIFY(mdi.last());
        QVERIFY2(mdi.last()->delayFactorMs > 49.0 && mdi.last()->delayFactorMs < 51.0,
                 qPrintable(QString::number(mdi.last()->delayFactorMs)));
    }

    void mediaLossRateCountsThePacketsLostInTheSecond()
    {
        MediaDeliveryIndex mdi;
        qint64 lost = 0;
        qint64 at = 0;
        for (; at <= 3 * MediaDeliveryIndex::intervalUs; at += 10'000) {
            // 3 TS packets lost every 100 ms during the third second: 30 in it.
            if (at >= 2 * MediaDeliveryIndex::intervalUs && at % 100'000 == 0)
                lost += 3;
            mdi.add(at, datagramBytes, lost);
        }
        QVERIFY(mdi.last());
        QCOMPARE(mdi.last()->mediaLossRate, 30.0);
    }

    void aLongPauseStartsOver()
    {
        MediaDeliveryIndex mdi;
        qint64 at = 0;
        for (; at < 2'100'000; at += 5'000)
            mdi.add(at, datagramBytes, 0);
        QVERIFY(mdi.last());
        // Silent for 5 s, then the same stream again: no delay factor made of the gap.
        at += 5'000'000;
        const qint64 resumed = at;
        for (; at < resumed + 2'100'000; at += 5'000)
            mdi.add(at, datagramBytes, 0);
        QVERIFY2(mdi.last()->delayFactorMs < 5.1, qPrintable(QString::number(mdi.last()->delayFactorMs)));
    }
};

QTEST_APPLESS_MAIN(TestMediaDeliveryIndex)
#include "tst_mediadeliveryindex.moc"
