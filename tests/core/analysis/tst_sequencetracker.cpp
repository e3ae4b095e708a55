#include "analysis/SequenceTracker.h"

#include <QTest>

using Verdict = SequenceTracker::Verdict;

class TestSequenceTracker final : public QObject
{
    Q_OBJECT

private:
    static SequenceTracker fed(const QList<quint64> &numbers, int bits = 16, bool countsFromZero = false)
    {
        SequenceTracker tracker(countsFromZero);
        for (const quint64 number : numbers)
            tracker.add(number, bits);
        return tracker;
    }

private slots:
    void countsGapsAsLost()
    {
        const SequenceTracker tracker = fed({1, 2, 5, 6, 10});
        QCOMPARE(tracker.received(), qint64(5));
        QCOMPARE(tracker.lost(), qint64(5)); // 3, 4, 7, 8, 9
        QCOMPARE(*tracker.lossPercent(), 50.0);
        QCOMPARE(tracker.duplicates(), qint64(0));
        QCOMPARE(tracker.reordered(), qint64(0));
    }

    void aLateDatagramFillsItsGap()
    {
        SequenceTracker tracker;
        tracker.add(1, 16);
        tracker.add(3, 16);
        QCOMPARE(tracker.lost(), qint64(1));
        QCOMPARE(tracker.add(2, 16), Verdict::Late);
        QCOMPARE(tracker.lost(), qint64(0));
        QCOMPARE(tracker.reordered(), qint64(1));
        QCOMPARE(tracker.received(), qint64(3));
        // Once more: now it is a duplicate, of a late one.
        QCOMPARE(tracker.add(2, 16), Verdict::Duplicate);
        QCOMPARE(tracker.duplicates(), qint64(1));
    }

    void duplicatesAnywhereInTheWindow()
    {
        SequenceTracker tracker(false);
        for (quint64 n = 0; n < 2000; ++n)
            tracker.add(n, 32);
        QCOMPARE(tracker.add(1999, 32), Verdict::Duplicate);
        QCOMPARE(tracker.add(1999 - 1000, 32), Verdict::Duplicate);
        QCOMPARE(tracker.duplicates(), qint64(2));
        QCOMPARE(tracker.lost(), qint64(0));
        QCOMPARE(tracker.received(), qint64(2000));
    }

    void numbersFromBeforeTheFirstAreLateButFillNoGap()
    {
        const SequenceTracker tracker = fed({100, 101, 99});
        QCOMPARE(tracker.reordered(), qint64(1));
        QCOMPARE(tracker.lost(), qint64(0));
    }

    void wrapsAround_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<quint64>("last");
        QTest::newRow("16 bits") << 16 << quint64(0xFFFF);
        QTest::newRow("32 bits") << 32 << quint64(0xFFFFFFFF);
        QTest::newRow("64 bits") << 64 << ~quint64(0);
    }

    void wrapsAround()
    {
        QFETCH(int, bits);
        QFETCH(quint64, last);
        SequenceTracker tracker;
        // last-2, last-1, (last lost), 0, 1, then last arrives late, then 0 again.
        QCOMPARE(tracker.add(last - 2, bits), Verdict::First);
        QCOMPARE(tracker.add(last - 1, bits), Verdict::InOrder);
        QCOMPARE(tracker.add(0, bits), Verdict::InOrder);
        QCOMPARE(tracker.lost(), qint64(1));
        QCOMPARE(tracker.add(1, bits), Verdict::InOrder);
        QCOMPARE(tracker.add(last, bits), Verdict::Late);
        QCOMPARE(tracker.add(0, bits), Verdict::Duplicate);
        QCOMPARE(tracker.lost(), qint64(0));
        QCOMPARE(tracker.received(), qint64(5));
        QCOMPARE(tracker.restarts(), qint64(0));
    }

    void aJumpConfirmedByTheNextNumberIsARestart()
    {
        SequenceTracker tracker;
        for (quint64 n = 1000; n < 1010; ++n)
            tracker.add(n, 16);
        QCOMPARE(tracker.add(40000, 16), Verdict::Stray);
        QCOMPARE(tracker.add(40001, 16), Verdict::Restart);
        QCOMPARE(tracker.add(40002, 16), Verdict::InOrder);
        QCOMPARE(tracker.restarts(), qint64(1));
        QCOMPARE(tracker.lost(), qint64(0));
        QCOMPARE(tracker.received(), qint64(13)); // the jump counts, in the new run
        QCOMPARE(tracker.strays(), qint64(0));
    }

    void aLoneJumpIsAStray()
    {
        SequenceTracker tracker;
        for (quint64 n = 1000; n < 1010; ++n)
            tracker.add(n, 16);
        QCOMPARE(tracker.add(40000, 16), Verdict::Stray);
        QCOMPARE(tracker.add(1010, 16), Verdict::InOrder);
        QCOMPARE(tracker.add(40001, 16), Verdict::Stray); // would have confirmed, had it come next
        QCOMPARE(tracker.add(1011, 16), Verdict::InOrder);
        QCOMPARE(tracker.restarts(), qint64(0));
        QCOMPARE(tracker.strays(), qint64(2));
        QCOMPARE(tracker.lost(), qint64(0));
    }

    void sixteenBitLimitsAreRfc3550s()
    {
        SequenceTracker ahead;
        ahead.add(0, 16);
        QCOMPARE(ahead.add(3000, 16), Verdict::InOrder); // MAX_DROPOUT: a gap
        QCOMPARE(ahead.lost(), qint64(2999));
        QCOMPARE(ahead.add(6001, 16), Verdict::Stray);
        SequenceTracker behind;
        behind.add(500, 16);
        QCOMPARE(behind.add(400, 16), Verdict::Late); // MAX_MISORDER
        QCOMPARE(behind.add(399, 16), Verdict::Stray);
    }

    void streamsCountingFromZeroRestartAtZero()
    {
        SequenceTracker tracker(true);
        for (quint64 n = 0; n < 50; ++n)
            tracker.add(n, 64);
        QCOMPARE(tracker.add(0, 64), Verdict::Restart);
        QCOMPARE(tracker.add(1, 64), Verdict::InOrder);
        QCOMPARE(tracker.restarts(), qint64(1));
        QCOMPARE(tracker.duplicates(), qint64(0));
        // Early in a run a 0 or 1 is plain reordering.
        SequenceTracker early(true);
        early.add(2, 64);
        QCOMPARE(early.add(1, 64), Verdict::Late);
        // Without that rule a zero is a duplicate.
        const SequenceTracker rtpLike = fed({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 0});
        QCOMPARE(rtpLike.duplicates(), qint64(1));
    }

    void theNextRunAfterAnAnnouncedEndIsARestart()
    {
        SequenceTracker tracker(true);
        tracker.add(1, 64);
        tracker.add(2, 64);
        tracker.expectRestart();
        QCOMPARE(tracker.add(1, 64), Verdict::Restart);
        QCOMPARE(tracker.add(2, 64), Verdict::InOrder);
        QCOMPARE(tracker.duplicates(), qint64(0));
        // Announced before anything arrived: just the first.
        SequenceTracker fresh(true);
        fresh.expectRestart();
        QCOMPARE(fresh.add(7, 64), Verdict::First);
        QCOMPARE(fresh.restarts(), qint64(0));
    }

    void aLongGapForgetsTheWindow()
    {
        SequenceTracker tracker;
        tracker.add(0, 32);
        tracker.add(5000, 32);
        QCOMPARE(tracker.lost(), qint64(4999));
        QCOMPARE(tracker.add(4999, 32), Verdict::Late);
        QCOMPARE(tracker.lost(), qint64(4998));
        QCOMPARE(tracker.add(5000 - 1023, 32), Verdict::Late);
        QCOMPARE(tracker.add(5000 - 1024, 32), Verdict::Stray); // beyond what is remembered
    }

    void nothingToSayBeforeANumber()
    {
        QVERIFY(!SequenceTracker().lossPercent());
    }
};

QTEST_APPLESS_MAIN(TestSequenceTracker)
#include "tst_sequencetracker.moc"
