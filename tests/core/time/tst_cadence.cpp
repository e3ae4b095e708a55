#include "time/Cadence.h"

#include <QTest>

using namespace std::chrono_literals;

class TestCadence final : public QObject
{
    Q_OBJECT

private slots:
    void intervalDeadlines()
    {
        const Cadence cadence = Cadence::everyInterval(1500us);
        QCOMPARE(cadence.deadline(0), 0ns);
        QCOMPARE(cadence.deadline(3), 4500us);
        QCOMPARE(cadence.lastDue(0ns), qint64(0));
        QCOMPARE(cadence.lastDue(1499us), qint64(0));
        QCOMPARE(cadence.lastDue(1500us), qint64(1));
        QCOMPARE(cadence.lastDue(-1ns), qint64(-1));
        // 3 s at 1.5 ms: 2,000 deadlines (0 to 2,998.5 ms), the one at 3 s outside.
        QCOMPARE(cadence.countBefore(3s), qint64(2000));
    }

    // A rate that does not divide a second: deadlines rounded down, whole seconds exact.
    void rateDeadlines()
    {
        const Cadence cadence = Cadence::perSecond(3);
        QCOMPARE(cadence.deadline(1), 333'333'333ns);
        QCOMPARE(cadence.deadline(2), 666'666'666ns);
        QCOMPARE(cadence.deadline(3), 1s);
        QCOMPARE(cadence.lastDue(333'333'332ns), qint64(0));
        QCOMPARE(cadence.lastDue(333'333'333ns), qint64(1));
        QCOMPARE(cadence.lastDue(999'999'999ns), qint64(2));
        QCOMPARE(cadence.lastDue(1s), qint64(3));
        // A run of D seconds at R/s holds exactly D × R deadlines.
        QCOMPARE(cadence.countBefore(3s), qint64(9));
        QCOMPARE(Cadence::perSecond(2000).countBefore(1s), qint64(2000));
        QCOMPARE(Cadence::perSecond(100'000).countBefore(10s), qint64(1'000'000));
        QCOMPARE(Cadence::perSecond(7).countBefore(1001ms), qint64(8));
        QCOMPARE(cadence.firstAtOrAfter(1s), qint64(3));
        QCOMPARE(cadence.firstAtOrAfter(1s + 1ns), qint64(4));
    }

    // Every tick's deadline and the last-due inverse agree, for awkward rates.
    void lastDueInvertsDeadline()
    {
        for (const qint64 rate : {1, 3, 7, 999, 1000, 65'537, 1'000'000}) {
            const Cadence cadence = Cadence::perSecond(rate);
            for (qint64 tick = 0; tick < 3 * rate + 5 && tick < 20'000; tick += 1 + tick / 7) {
                const auto at = cadence.deadline(tick);
                QCOMPARE(cadence.lastDue(at), tick);
                QCOMPARE(cadence.lastDue(at - 1ns), tick - 1);
            }
        }
    }

    void noOverflowOverCenturies()
    {
        const Cadence cadence = Cadence::perSecond(1'000'000);
        const auto century = std::chrono::hours(24 * 36525);
        const qint64 ticks = qint64(36525) * 24 * 3600 * 1'000'000;
        QCOMPARE(cadence.deadline(ticks), std::chrono::nanoseconds(century));
        QCOMPARE(cadence.lastDue(century), ticks);
    }

    void dueTicksCatchUpAndSkip()
    {
        const auto due = [](const Cadence &cadence, qint64 next, std::chrono::nanoseconds elapsed) {
            const Cadence::DueTicks ticks = cadence.dueTicks(next, elapsed, 1s);
            return qMakePair(ticks.first, ticks.last);
        };
        using Ticks = QPair<qint64, qint64>;
        const Cadence fast = Cadence::perSecond(100'000);
        QCOMPARE(due(fast, 0, 0ns), Ticks(0, 0));
        QCOMPARE(due(fast, 1, 9us), Ticks(1, 0)); // nothing due yet
        QCOMPARE(due(fast, 1, 55us), Ticks(1, 5)); // woken late: five at once
        // Held up 3 s: the last second's 100,000 go, the 200,000 before are skipped.
        QCOMPARE(due(fast, 6, 3s), Ticks(200'000, 300'000));
        const Cadence slow = Cadence::everyInterval(10s);
        QCOMPARE(due(slow, 1, 25s), Ticks(2, 2)); // at least the last one due
    }
};

QTEST_GUILESS_MAIN(TestCadence)
#include "tst_cadence.moc"
