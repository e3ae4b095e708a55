// LongTimer: waits beyond QTimer's 24.8-day limit are re-armed in chunks instead of ending
// at once or never; repeating timers keep absolute deadlines and do not burst after a stall.
#include "time/LongTimer.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace std::chrono_literals;

class TestLongTimer final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        // "QObject::startTimer: Timers cannot have negative intervals" and the like.
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    }

    void armsInWholeMillisecondsRoundedUpAndAtMostADay()
    {
        QCOMPARE(LongTimer::armFor(-5ms), 0ms);
        QCOMPARE(LongTimer::armFor(0ns), 0ms);
        QCOMPARE(LongTimer::armFor(1ns), 1ms);
        QCOMPARE(LongTimer::armFor(1ms), 1ms);
        QCOMPARE(LongTimer::armFor(1001us), 2ms);
        QCOMPARE(LongTimer::armFor(24h), std::chrono::milliseconds(24h));
        QCOMPARE(LongTimer::armFor(25h), std::chrono::milliseconds(24h));
        QCOMPARE(LongTimer::armFor(LongTimer::maxInterval), std::chrono::milliseconds(24h));
    }

    void readsSecondsToTheNanosecond()
    {
        QCOMPARE(LongTimer::fromSeconds(0.0015), 1'500'000ns);
        QCOMPARE(LongTimer::fromSeconds(1e-9), 1ns);
        QCOMPARE(LongTimer::fromSeconds(4294968), std::chrono::nanoseconds(4294968s));
        QCOMPARE(LongTimer::fromSeconds(3155760000.0),
                 std::chrono::nanoseconds(LongTimer::maxInterval));
    }

    void singleShotFiresOnceAndNeverEarly()
    {
        LongTimer timer;
        timer.setSingleShot(true);
        QSignalSpy timeouts(&timer, &LongTimer::timeout);
        QElapsedTimer clock;
        clock.start();
        timer.start(150ms);
        QVERIFY(timer.isActive());
        QTRY_COMPARE(timeouts.size(), 1);
        QVERIFY2(clock.elapsed() >= 150, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!timer.isActive());
        QTest::qWait(200);
        QCOMPARE(timeouts.size(), 1);
    }

    // The values that once ended a run at once (4294968 s wrapped to 704 ms) or never
    // (2147484 s: a Qt warning) wait as written; here: they are armed and do not fire.
    void longWaitsAreArmedNotMisread()
    {
        LongTimer pastIntMax;
        LongTimer wrapping;
        LongTimer century;
        for (LongTimer *timer : {&pastIntMax, &wrapping, &century})
            timer->setSingleShot(true);
        QSignalSpy a(&pastIntMax, &LongTimer::timeout);
        QSignalSpy b(&wrapping, &LongTimer::timeout);
        QSignalSpy c(&century, &LongTimer::timeout);
        pastIntMax.start(2147484s);
        wrapping.start(4294968s);
        century.start(LongTimer::maxInterval);
        QTest::qWait(900);
        QCOMPARE(a.size() + b.size() + c.size(), 0);
        QVERIFY(pastIntMax.isActive() && wrapping.isActive() && century.isActive());
    }

    void repeatsOnAbsoluteDeadlines()
    {
        LongTimer timer;
        QElapsedTimer clock;
        int count = 0;
        qint64 tenthAtMs = 0;
        connect(&timer, &LongTimer::timeout, this, [&] {
            if (++count == 10)
                tenthAtMs = clock.elapsed();
        });
        clock.start();
        timer.start(20ms);
        QTRY_VERIFY_WITH_TIMEOUT(count >= 10, 5000);
        // Never early; and the n-th tick is due at n × 20 ms, whatever each one cost.
        QVERIFY2(tenthAtMs >= 200, qPrintable(QString::number(tenthAtMs)));
        QVERIFY(timer.isActive());
        timer.stop();
        QVERIFY(!timer.isActive());
    }

    void aStalledLoopGetsOneTimeoutNotABurst()
    {
        LongTimer timer;
        int count = 0;
        connect(&timer, &LongTimer::timeout, this, [&count] {
            if (++count == 1)
                QThread::msleep(300); // 15 intervals missed
        });
        timer.start(20ms);
        QTest::qWait(400);
        timer.stop();
        // Due at 20 ms, then one for the stall, then every 20 ms of the last ~80 ms: about 6.
        // A timer that caught up would have fired ~20 times.
        QVERIFY2(count >= 2 && count <= 9, qPrintable(QString::number(count)));
    }
};

QTEST_GUILESS_MAIN(TestLongTimer)
#include "tst_longtimer.moc"
