#include "analysis/JitterEstimator.h"
#include "analysis/RtpClock.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

class TestJitterEstimator final : public QObject
{
    Q_OBJECT

private:
    struct Arrival
    {
        qint64 arrivalUs;
        quint32 timestamp;
    };

    // 20 ms packets of a 90 kHz stream whose timestamps start near the 32-bit wrap; each is
    // delayed by 0-maxDelayUs on its way.
    static QList<Arrival> stream(int count, qint64 maxDelayUs, quint32 firstTimestamp = 0xFFFF0000)
    {
        QRandomGenerator random(42);
        QList<Arrival> arrivals;
        for (int i = 0; i < count; ++i) {
            const qint64 sentUs = 1'000'000 + qint64(i) * 20'000;
            arrivals.append({sentUs + qint64(random.bounded(double(maxDelayUs))), firstTimestamp + quint32(i) * 1800});
        }
        return arrivals;
    }

    // RFC 3550, 6.4.1, in seconds, straight from the definition.
    static double referenceJitterUs(const QList<Arrival> &arrivals, double clockRate)
    {
        double jitter = 0;
        for (int j = 1; j < arrivals.size(); ++j) {
            const double receiveStep = double(arrivals[j].arrivalUs - arrivals[j - 1].arrivalUs) / 1e6;
            const double sendStep = double(qint64(arrivals[j].timestamp) - qint64(arrivals[j - 1].timestamp)
                                           + (arrivals[j].timestamp < arrivals[j - 1].timestamp ? 0x100000000LL : 0))
                                    / clockRate;
            jitter += (std::abs(receiveStep - sendStep) - jitter) / 16;
        }
        return jitter * 1e6;
    }

private slots:
    void matchesTheDefinitionForAStreamWithKnownJitter()
    {
        const QList<Arrival> arrivals = stream(500, 10'000);
        JitterEstimator estimator;
        for (const Arrival &arrival : arrivals)
            estimator.add(arrival.arrivalUs, arrival.timestamp, 90000);
        const double expected = referenceJitterUs(arrivals, 90000);
        QVERIFY2(std::abs(*estimator.jitterUs() - expected) <= 0.1 * expected,
                 qPrintable(QStringLiteral("%1 vs %2 µs").arg(*estimator.jitterUs()).arg(expected)));
        // Delays spread evenly over 10 ms differ by 10/3 ms on average: the estimate is of that size.
        QVERIFY2(*estimator.jitterUs() > 2'000 && *estimator.jitterUs() < 5'000,
                 qPrintable(QString::number(*estimator.jitterUs())));
    }

    void aSteadyDelayIsNoJitter()
    {
        JitterEstimator estimator;
        for (const Arrival &arrival : stream(100, 0))
            estimator.add(arrival.arrivalUs + 7'000, arrival.timestamp, 90000);
        QVERIFY(*estimator.jitterUs() < 1.0);
    }

    void needsTwoDatagramsAndAClock()
    {
        JitterEstimator estimator;
        QVERIFY(!estimator.jitterUs());
        estimator.add(1'000'000, 0, 0); // unknown clock: ignored
        estimator.add(1'000'000, 0, 8000);
        QVERIFY(!estimator.jitterUs());
        estimator.add(1'021'000, 160, 8000);
        QCOMPARE(*estimator.jitterUs(), 1000.0 / 16); // 1 ms late, a sixteenth of it
    }

    void aRestartSkipsTheStepToTheNewBase()
    {
        JitterEstimator estimator;
        estimator.add(1'000'000, 1000, 8000);
        estimator.add(1'020'000, 1160, 8000);
        estimator.restart();
        estimator.add(1'040'000, 999'999, 8000);
        QCOMPARE(*estimator.jitterUs(), 0.0);
    }

    void staticPayloadTypesHaveRfc3551sClock()
    {
        QCOMPARE(RtpClock::staticRate(0), 8000);
        QCOMPARE(RtpClock::staticRate(9), 8000);
        QCOMPARE(RtpClock::staticRate(10), 44100);
        QCOMPARE(RtpClock::staticRate(33), 90000);
        QCOMPARE(RtpClock::staticRate(34), 90000);
        QVERIFY(!RtpClock::staticRate(96));
        QVERIFY(!RtpClock::staticRate(20));
    }

    void estimatesTheClockOfADynamicType()
    {
        RtpClock clock;
        // 48 kHz Opus-like: 20 ms packets, 960 units each, timestamps wrapping.
        for (int i = 0; i <= 100; ++i) {
            clock.add(111, qint64(i) * 20'000 + (i % 3) * 1'000, 0xFFFFF000u + quint32(i) * 960);
            if (i < 100)
                QVERIFY(!clock.rate()); // not before two seconds
        }
        QCOMPARE(clock.rate(), 48000);
    }

    void anUnusualClockStaysUnknown()
    {
        RtpClock clock;
        for (int i = 0; i <= 300; ++i)
            clock.add(100, qint64(i) * 20'000, quint32(i) * 1300); // 65 kHz
        QVERIFY(!clock.rate());
        // A new payload type starts over, with its own clock.
        clock.add(0, 7'000'000, 0);
        QCOMPARE(clock.rate(), 8000);
    }
};

QTEST_APPLESS_MAIN(TestJitterEstimator)
#include "tst_jitterestimator.moc"
