#include "decoders/AtuMessage.h"
#include "time/WallClock.h"

#include <QDateTime>
#include <QTest>

class TestAtuMessage final : public QObject
{
    Q_OBJECT

private:
    static qint64 localUs(int year, int month, int day, int hour, int minute, int second, int micros)
    {
        const QDateTime local(QDate(year, month, day), QTime(hour, minute, second));
        return local.toSecsSinceEpoch() * 1000000 + micros;
    }

private slots:
    void formatsLikePythonWithMicroseconds()
    {
        QCOMPARE(AtuMessage::pythonTimestamp(localUs(2022, 2, 13, 9, 5, 7, 123456)),
                 QStringLiteral("2022-02-13 09:05:07.123456"));
        QCOMPARE(AtuMessage::pythonTimestamp(localUs(2022, 2, 13, 9, 5, 7, 42)),
                 QStringLiteral("2022-02-13 09:05:07.000042"));
    }

    void leavesOutZeroMicrosecondsLikePython()
    {
        QCOMPARE(AtuMessage::pythonTimestamp(localUs(2026, 12, 31, 23, 59, 59, 0)),
                 QStringLiteral("2026-12-31 23:59:59"));
    }

    void composesPrefixSpaceTimestampAsUtf8()
    {
        const qint64 time = localUs(2022, 2, 13, 10, 0, 0, 500000);
        QCOMPARE(AtuMessage::compose(QStringLiteral("ATU"), time),
                 QByteArray("ATU 2022-02-13 10:00:00.500000"));
        QCOMPARE(AtuMessage::compose(QStringLiteral("Ström"), time),
                 QByteArray("Str\xc3\xb6m 2022-02-13 10:00:00.500000"));
    }

    void roundTripsThroughTheParser_data()
    {
        QTest::addColumn<qint64>("time");
        QTest::newRow("micros") << localUs(2022, 2, 13, 9, 5, 7, 123456);
        QTest::newRow("zero micros") << localUs(2022, 2, 13, 9, 5, 7, 0);
        QTest::newRow("one micro") << localUs(2030, 1, 1, 0, 0, 0, 1);
        QTest::newRow("now") << WallClock::nowUs();
    }

    void roundTripsThroughTheParser()
    {
        QFETCH(qint64, time);
        const auto decoded = AtuMessage::parse(AtuMessage::compose(QStringLiteral("ATU"), time),
                                               QStringLiteral("ATU"));
        QVERIFY(decoded.has_value());
        QCOMPARE(decoded->prefix, QStringLiteral("ATU"));
        QCOMPARE(decoded->timeUs, time);
    }

    void parsesAnyPrefixWhenNoneIsExpected()
    {
        const auto decoded = AtuMessage::parse("UPS1 2022-02-13 09:05:07.250000");
        QVERIFY(decoded.has_value());
        QCOMPARE(decoded->prefix, QStringLiteral("UPS1"));
        QCOMPARE(decoded->timeUs, localUs(2022, 2, 13, 9, 5, 7, 250000));
    }

    // --prefix '' on both ends: the message is the timestamp alone, and decodes as one.
    void anEmptyPrefixIsTheTimestampAlone()
    {
        const qint64 time = localUs(2022, 2, 13, 10, 0, 0, 500000);
        const QByteArray bare = AtuMessage::compose(QString(), time);
        QCOMPARE(bare, QByteArray("2022-02-13 10:00:00.500000"));
        const auto decoded = AtuMessage::parse(bare, QString());
        QVERIFY(decoded.has_value());
        QCOMPARE(decoded->prefix, QString());
        QCOMPARE(decoded->timeUs, time);
        QCOMPARE(AtuMessage::parse("2022-02-13 10:00:00", QString())->timeUs,
                 localUs(2022, 2, 13, 10, 0, 0, 0));
        // Only the timestamp alone: not one with a prefix, nor the leading space once sent.
        QVERIFY(!AtuMessage::parse("ATU 2022-02-13 10:00:00.500000", QString()));
        QVERIFY(!AtuMessage::parse(" 2022-02-13 10:00:00.500000", QString()));
        QVERIFY(!AtuMessage::parse("2022-02-13 10:00:00.500000\n", QString()));
        // A receiver that takes any prefix wants a word before the time.
        QVERIFY(!AtuMessage::parse(bare));
    }

    void refusesMalformedPayloads_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("prefix only") << QByteArray("ATU");
        QTest::newRow("no prefix") << QByteArray("2022-02-13 09:05:07.123456");
        QTest::newRow("other prefix") << QByteArray("XYZ 2022-02-13 09:05:07.123456");
        QTest::newRow("month 13") << QByteArray("ATU 2022-13-13 09:05:07.123456");
        QTest::newRow("hour 24") << QByteArray("ATU 2022-02-13 24:05:07");
        QTest::newRow("five fraction digits") << QByteArray("ATU 2022-02-13 09:05:07.12345");
        QTest::newRow("seven fraction digits") << QByteArray("ATU 2022-02-13 09:05:07.1234567");
        QTest::newRow("fraction of zeros") << QByteArray("ATU 2022-02-13 09:05:07.000000");
        QTest::newRow("letters") << QByteArray("ATU 2022-02-1x 09:05:07.123456");
        QTest::newRow("T separator") << QByteArray("ATU 2022-02-13T09:05:07.123456");
        QTest::newRow("trailing newline") << QByteArray("ATU 2022-02-13 09:05:07.123456\n");
        QTest::newRow("signed digits") << QByteArray("ATU 2022-02-13 09:05:+7.123456");
        // Found by fuzzing: a non-digit year read as 1 BC; a byte-order mark before the prefix.
        QTest::newRow("year not digits") << QByteArray("ATU ab12-02-13 09:05:07.123456");
        QTest::newRow("leading BOM") << QByteArray("\xef\xbb\xbf" "ATU 2022-02-13 09:05:07.123456");
        QTest::newRow("binary") << QByteArray("\x00\xff\x10 2022-02-13 09:05:07", 22);
    }

    void refusesMalformedPayloads()
    {
        QFETCH(QByteArray, payload);
        QVERIFY(!AtuMessage::parse(payload, QStringLiteral("ATU")).has_value());
    }
};

QTEST_APPLESS_MAIN(TestAtuMessage)
#include "tst_atumessage.moc"
