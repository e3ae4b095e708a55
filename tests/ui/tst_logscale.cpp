#include "LogScale.h"

#include <QTest>

#include <cmath>
#include <limits>

class TestLogScale final : public QObject
{
    Q_OBJECT

private slots:
    void labelsDecades_data()
    {
        QTest::addColumn<int>("exponent");
        QTest::addColumn<QString>("label");
        QTest::newRow("0.1") << -1 << "0.1";
        QTest::newRow("0.01") << -2 << "0.01";
        QTest::newRow("1") << 0 << "1";
        QTest::newRow("10") << 1 << "10";
        QTest::newRow("100") << 2 << "100";
        QTest::newRow("1 k") << 3 << "1 k";
        QTest::newRow("10 k") << 4 << "10 k";
        QTest::newRow("100 k") << 5 << "100 k";
        QTest::newRow("1 M") << 6 << "1 M";
        QTest::newRow("10 G") << 10 << "10 G";
    }

    void labelsDecades()
    {
        QFETCH(int, exponent);
        QFETCH(QString, label);
        QCOMPARE(LogScale::decadeLabel(exponent), label);
    }

    void topIsTheDecadeAboveTheMaximum_data()
    {
        QTest::addColumn<double>("maximum");
        QTest::addColumn<int>("top");
        QTest::newRow("no traffic") << 0.0 << 1;
        QTest::newRow("heartbeat") << 1.0 << 1;
        QTest::newRow("just below ten") << 9.5 << 1;
        QTest::newRow("exactly ten is not the top") << 10.0 << 2;
        QTest::newRow("a burst") << 50'000.0 << 5;
        QTest::newRow("a million") << 1'000'000.0 << 7;
        QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << 1;
        QTest::newRow("infinite") << std::numeric_limits<double>::infinity() << 1;
    }

    void topIsTheDecadeAboveTheMaximum()
    {
        QFETCH(double, maximum);
        QFETCH(int, top);
        QCOMPARE(LogScale::forMaximum(maximum).topExponent(), top);
        QCOMPARE(LogScale::forMaximum(maximum).decades(), top + 1);
    }

    void decadesAreEvenlySpaced()
    {
        const LogScale scale = LogScale::forMaximum(5000); // 0.1 … 10 k: five decades
        QCOMPARE(scale.decades(), 5);
        QCOMPARE(scale.fraction(0.1), 0.0);
        QCOMPARE(scale.fraction(1), 0.2);
        QCOMPARE(scale.fraction(1000), 0.8);
        QCOMPARE(scale.fraction(10'000), 1.0);
        QVERIFY(qAbs(scale.fraction(std::sqrt(10.0)) - 0.3) < 1e-12);
    }

    void zeroAndOverflowStayOnTheAxis()
    {
        const LogScale scale = LogScale::forMaximum(1);
        QCOMPARE(scale.fraction(0), 0.0);
        QCOMPARE(scale.fraction(0.01), 0.0);
        QCOMPARE(scale.fraction(-3), 0.0);
        QCOMPARE(scale.fraction(1e9), 1.0);
    }
};

QTEST_APPLESS_MAIN(TestLogScale)
#include "tst_logscale.moc"
