// The one local-time conversion: offsets exact to the second, and the defined reading of
// wall-clock times in daylight-saving gaps and overlaps (Python's, fold=0), the same on
// every Qt version because no Qt date-time resolution is involved.
#include "decoders/AtuMessage.h"
#include "time/LocalTime.h"

#include <QFile>
#include <QTest>

#include <ctime>

namespace {

// Berlin's rules as a POSIX TZ string: no tzdata needed.
constexpr auto berlinRules = "CET-1CEST,M3.5.0,M10.5.0/3";

void useZone(const char *zone)
{
    qputenv("TZ", zone);
    tzset();
}

} // namespace

class TestLocalTime final : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { useZone(berlinRules); }

    void convertsCivilDatesBothWays_data()
    {
        QTest::addColumn<int>("year");
        QTest::addColumn<int>("month");
        QTest::addColumn<int>("day");
        QTest::addColumn<qint64>("days");
        QTest::newRow("epoch") << 1970 << 1 << 1 << qint64(0);
        QTest::newRow("leap day 2000") << 2000 << 2 << 29 << qint64(11016);
        QTest::newRow("before the epoch") << 1969 << 12 << 31 << qint64(-1);
        QTest::newRow("1800") << 1800 << 1 << 1 << qint64(-62091);
        QTest::newRow("year 1") << 1 << 1 << 1 << qint64(-719162);
        QTest::newRow("9999") << 9999 << 12 << 31 << qint64(2932896);
    }

    void convertsCivilDatesBothWays()
    {
        QFETCH(int, year);
        QFETCH(int, month);
        QFETCH(int, day);
        QFETCH(qint64, days);
        QCOMPARE(LocalTime::daysFromCivil(year, month, day), days);
        const LocalTime::Fields fields = LocalTime::civilFromSeconds(days * 86400 + 3661);
        QCOMPARE(fields.year, year);
        QCOMPARE(fields.month, month);
        QCOMPARE(fields.day, day);
        QCOMPARE(fields.hour, 1);
        QCOMPARE(fields.minute, 1);
        QCOMPARE(fields.second, 1);
    }

    void readsOrdinaryTimesWithTheZonesOffset()
    {
        useZone(berlinRules);
        // 2022-02-13 08:05:07 UTC is 09:05:07 in Berlin (CET, +1).
        QCOMPARE(LocalTime::utcSecondsOf({2022, 2, 13, 9, 5, 7}), qint64(1644739507));
        QCOMPARE(LocalTime::offsetSecondsAt(1644739507), 3600);
        const auto decoded = AtuMessage::parse("ATU 2022-02-13 09:05:07.5", QStringLiteral("ATU"));
        QVERIFY(!decoded); // five fraction digits are not Python's form
        const auto seed = AtuMessage::parse("ATU 2022-02-13 09:05:07.500000", QStringLiteral("ATU"));
        QVERIFY(seed);
        QCOMPARE(seed->timeUs, qint64(1644739507) * 1000000 + 500000);
    }

    void readsATimeInASpringForwardGapWithTheOffsetBeforeTheChange()
    {
        useZone(berlinRules);
        // 2022-03-27: clocks go from 02:00 CET to 03:00 CEST, so no instant shows 02:30.
        // Python reads it with +1 (fold=0): 01:30 UTC, which the clock shows as 03:30.
        const auto decoded = AtuMessage::parse("ATU 2022-03-27 02:30:00", QStringLiteral("ATU"));
        QVERIFY(decoded);
        QCOMPARE(decoded->timeUs, qint64(1648344600) * 1000000);
        QCOMPARE(AtuMessage::compose(QStringLiteral("ATU"), decoded->timeUs),
                 QByteArray("ATU 2022-03-27 03:30:00"));
        // The minute before the gap and the minute after it read as themselves.
        QCOMPARE(LocalTime::utcSecondsOf({2022, 3, 27, 1, 59, 0}), qint64(1648342740));
        QCOMPARE(LocalTime::utcSecondsOf({2022, 3, 27, 3, 0, 0}), qint64(1648342800));
    }

    void readsATimeInAnOverlapAsItsFirstInstant()
    {
        useZone(berlinRules);
        // 2022-10-30: 02:30 happens twice, at 00:30 UTC (CEST) and 01:30 UTC (CET).
        const auto decoded = AtuMessage::parse("ATU 2022-10-30 02:30:00.250000", QStringLiteral("ATU"));
        QVERIFY(decoded);
        QCOMPARE(decoded->timeUs, qint64(1667089800) * 1000000 + 250000);
        QCOMPARE(AtuMessage::compose(QStringLiteral("ATU"), decoded->timeUs),
                 QByteArray("ATU 2022-10-30 02:30:00.250000"));
        // The second instant is written the same way: the text cannot tell them apart.
        QCOMPARE(AtuMessage::compose(QStringLiteral("ATU"), (qint64(1667089800) + 3600) * 1000000),
                 QByteArray("ATU 2022-10-30 02:30:00"));
    }

    void keepsOffsetsThatAreNotWholeMinutes()
    {
        useZone("ABC-00:00:30");
        QCOMPARE(LocalTime::offsetSecondsAt(0), 30);
        QCOMPARE(AtuMessage::pythonTimestamp(0), QStringLiteral("1970-01-01 00:00:30"));
        const auto decoded = AtuMessage::parse("ATU 1970-01-01 00:00:30", QStringLiteral("ATU"));
        QVERIFY(decoded);
        QCOMPARE(decoded->timeUs, qint64(0));
    }

    void keepsLocalMeanTimeExactly()
    {
        if (!QFile::exists(QStringLiteral("/usr/share/zoneinfo/Europe/Berlin")))
            QSKIP("tzdata is not installed (build.sh installs it)");
        useZone("Europe/Berlin");
        // Before 1893 Berlin kept local mean time, +0:53:28.
        const qint64 noonUtc = qint64(-5364619200);
        QCOMPARE(LocalTime::offsetSecondsAt(noonUtc), 3208);
        QCOMPARE(AtuMessage::pythonTimestamp(noonUtc * 1000000), QStringLiteral("1800-01-01 12:53:28"));
        const auto decoded = AtuMessage::parse("ATU 1800-01-01 12:53:28", QStringLiteral("ATU"));
        QVERIFY(decoded);
        QCOMPARE(decoded->timeUs, noonUtc * 1000000);
    }
};

int main(int argc, char *argv[])
{
    useZone(berlinRules);
    TestLocalTime test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_localtime.moc"
