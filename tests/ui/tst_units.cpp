#include "Units.h"

#include <QTest>

#include <limits>

class TestUnits final : public QObject
{
    Q_OBJECT

private slots:
    void formatsNumbers_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("countText");
        QTest::addColumn<QString>("bytesText");
        QTest::addColumn<QString>("byteRateText");

        QTest::newRow("zero") << 0.0 << "0"
                              << "0 B"
                              << "0 B/s";
        QTest::newRow("small fraction") << 0.5 << "0.5"
                                        << "0.5 B"
                                        << "0.5 B/s";
        QTest::newRow("whole below ten") << 3.0 << "3"
                                         << "3 B"
                                         << "3 B/s";
        QTest::newRow("two digits drop the fraction") << 12.6 << "13"
                                                      << "13 B"
                                                      << "13 B/s";
        QTest::newRow("just below a thousand") << 950.0 << "950"
                                               << "950 B"
                                               << "950 B/s";
        QTest::newRow("kilo") << 1234.0 << "1.2 k"
                              << "1.2 kB"
                              << "1.2 kB/s";
        QTest::newRow("rounds up a step, not to 1000.0 k") << 999'960.0 << "1.0 M"
                                                           << "1.0 MB"
                                                           << "1.0 MB/s";
        QTest::newRow("mega") << 3'400'000.0 << "3.4 M"
                              << "3.4 MB"
                              << "3.4 MB/s";
        QTest::newRow("giga") << 5.26e9 << "5.3 G"
                              << "5.3 GB"
                              << "5.3 GB/s";
        QTest::newRow("negative") << -1500.0 << "-1.5 k"
                                  << "-1.5 kB"
                                  << "-1.5 kB/s";
    }

    void formatsNumbers()
    {
        QFETCH(double, value);
        QFETCH(QString, countText);
        QFETCH(QString, bytesText);
        QFETCH(QString, byteRateText);
        QCOMPARE(Units::count(value), countText);
        QCOMPARE(Units::bytes(value), bytesText);
        QCOMPARE(Units::byteRate(value), byteRateText);
    }

    void packetRateNamesTheUnit()
    {
        QCOMPARE(Units::packetRate(20), QStringLiteral("20 pkt/s"));
        QCOMPARE(Units::packetRate(1200), QStringLiteral("1.2 k pkt/s"));
    }

    void ignoresTheLocale()
    {
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QString text = Units::bytes(1234);
        QLocale::setDefault(previous);
        QCOMPARE(text, QStringLiteral("1.2 kB"));
    }

    void formatsDurations()
    {
        QCOMPARE(Units::duration(150), QStringLiteral("0.15 ms"));
        QCOMPARE(Units::duration(-2'500), QStringLiteral("-2.50 ms"));
        QCOMPARE(Units::duration(1'000'200), QStringLiteral("1000.2 ms"));
        QCOMPARE(Units::duration(99'999'000), QStringLiteral("99999.0 ms"));
        QCOMPARE(Units::duration(3'600'000'200.0), QStringLiteral("3600.0 s"));
        QCOMPARE(Units::duration(std::numeric_limits<double>::infinity()), QStringLiteral("?"));
    }

    void formatsHowLongAgo()
    {
        QCOMPARE(Units::ago(0), QStringLiteral("0.0 s ago"));
        QCOMPARE(Units::ago(-5'000), QStringLiteral("0.0 s ago")); // a clock set back
        QCOMPARE(Units::ago(420'000), QStringLiteral("0.4 s ago"));
        QCOMPARE(Units::ago(9'990'000), QStringLiteral("9.9 s ago")); // never ahead of the clock
        QCOMPARE(Units::ago(42'700'000), QStringLiteral("42 s ago"));
        QCOMPARE(Units::ago(100'000'000), QStringLiteral("1 min ago"));
        QCOMPARE(Units::ago(5'999'000'000.0), QStringLiteral("99 min ago"));
        QCOMPARE(Units::ago(6'000'000'000.0), QStringLiteral("1 h ago"));
        QCOMPARE(Units::ago(26.5 * 3600e6), QStringLiteral("26 h ago"));
        QCOMPARE(Units::ago(std::numeric_limits<double>::quiet_NaN()), QStringLiteral("?"));
    }

    void survivesNonFiniteValues()
    {
        QCOMPARE(Units::count(std::numeric_limits<double>::infinity()), QStringLiteral("?"));
        QCOMPARE(Units::bytes(std::numeric_limits<double>::quiet_NaN()), QStringLiteral("?"));
    }
};

QTEST_GUILESS_MAIN(TestUnits)
#include "tst_units.moc"
