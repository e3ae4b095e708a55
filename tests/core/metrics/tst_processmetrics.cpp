#include "metrics/ProcessMetrics.h"

#include <QTest>

class TestProcessMetrics final : public QObject
{
    Q_OBJECT

private slots:
    void readsProcStatPastAnAwkwardName()
    {
        // The command name may hold spaces and parentheses: fields count from the last ')'.
        const QByteArray stat = "4242 (mcast (x) y) S 1 4242 4242 0 -1 4194560 500 0 0 0 "
                                "250 150 0 0 20 0 3 0 1000 123456789 2048 18446744073709551615 1 1 0 0 0 0 0 "
                                "0 0 0 0 0 0 17 1 0 0 0 0 0\n";
        const ProcessMetrics metrics = ProcessMetrics::fromProcStat(stat, 100, 4096, 1'700'000'000);
        QCOMPARE(*metrics.cpuSeconds, 4.0);             // (250 + 150) ticks / 100
        QCOMPARE(*metrics.startTimeSeconds, 1'700'000'010.0); // boot + 1000 ticks
        QCOMPARE(*metrics.virtualBytes, 123456789.0);
        QCOMPARE(*metrics.residentBytes, 2048.0 * 4096);
    }

    void toleratesWhatItCannotRead()
    {
        const ProcessMetrics metrics = ProcessMetrics::fromProcStat("garbage", 100, 4096, 0);
        QVERIFY(!metrics.cpuSeconds && !metrics.residentBytes && !metrics.startTimeSeconds);
        QVERIFY(!ProcessMetrics::fromProcStat("1 (a) S 2", 100, 4096, 0).cpuSeconds);
        QCOMPARE(ProcessMetrics::bootTimeFromProcStat("cpu 1 2 3\nbtime 1699999999\nprocesses 5\n"),
                 std::optional<double>(1699999999));
        QVERIFY(!ProcessMetrics::bootTimeFromProcStat("cpu 1 2 3\n"));
    }

    void readsThisProcess()
    {
#ifndef Q_OS_LINUX
        QSKIP("read from /proc on Linux only");
#endif
        const ProcessMetrics metrics = ProcessMetrics::read();
        QVERIFY(metrics.cpuSeconds && *metrics.cpuSeconds >= 0);
        QVERIFY(metrics.residentBytes && *metrics.residentBytes > 1024 * 1024);
        QVERIFY(metrics.startTimeSeconds && *metrics.startTimeSeconds > 1.6e9);
        QVERIFY(metrics.openFds && *metrics.openFds >= 3);
        QVERIFY(metrics.maxFds && *metrics.maxFds >= *metrics.openFds);
    }
};

QTEST_GUILESS_MAIN(TestProcessMetrics)
#include "tst_processmetrics.moc"
