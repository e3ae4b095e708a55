#include "output/HexDump.h"

#include <QTest>

class TestHexDump final : public QObject
{
    Q_OBJECT

private slots:
    void matchesHexdumpCanonical()
    {
        // Expected text as printed by `hexdump -C` (without its final offset line).
        const QByteArray payload("ATU 2022-02-13 09:00:00.123456");
        const QString expected = QStringLiteral(
            "00000000  41 54 55 20 32 30 32 32  2d 30 32 2d 31 33 20 30  |ATU 2022-02-13 0|\n"
            "00000010  39 3a 30 30 3a 30 30 2e  31 32 33 34 35 36        |9:00:00.123456|");
        QCOMPARE(HexDump::format(payload), expected);
    }

    void showsOnlyPrintableAscii()
    {
        const QByteArray payload("\x00\x1f\x20\x7e\x7f\x80\xff", 7);
        QCOMPARE(HexDump::format(payload),
                 QStringLiteral("00000000  00 1f 20 7e 7f 80 ff                              |.. ~...|"));
    }

    void markupIsJustBytes()
    {
        const QString text = HexDump::format("<b>x</b>\n");
        QVERIFY(text.endsWith(QStringLiteral("|<b>x</b>.|")));
        QVERIFY(!text.contains(QLatin1Char('\n')));
    }

    void emptyPayloadIsEmptyText()
    {
        QCOMPARE(HexDump::format({}), QString());
    }

    void fullLinesHaveNoPadding()
    {
        const QString text = HexDump::format(QByteArray(32, 'A'));
        const QStringList lines = text.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(1), QStringLiteral("00000010  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  "
                                             "|AAAAAAAAAAAAAAAA|"));
    }

    void otherLineLengths()
    {
        QCOMPARE(HexDump::format("abcdefghij", 8),
                 QStringLiteral("00000000  61 62 63 64 65 66 67 68  |abcdefgh|\n"
                                "00000008  69 6a                    |ij|"));
        QCOMPARE(HexDump::format("abc", 4), QStringLiteral("00000000  61 62 63     |abc|"));
        QCOMPARE(HexDump::format("abc", 0), HexDump::format("abc"));
    }

    void shorterOffsets()
    {
        QCOMPARE(HexDump::format("abcdefghij", 8, 4),
                 QStringLiteral("0000  61 62 63 64 65 66 67 68  |abcdefgh|\n"
                                "0008  69 6a                    |ij|"));
        // The last offset of the largest datagram still fits.
        QVERIFY(HexDump::format(QByteArray(65'507, 'z'), 16, 4).endsWith(
            QStringLiteral("\nffe0  7a 7a 7a") + QString(3 * 13 + 2 + 1, QLatin1Char(' ')) + QStringLiteral("|zzz|")));
    }

    void largestDatagram()
    {
        QByteArray payload(65'507, Qt::Uninitialized);
        for (int i = 0; i < payload.size(); ++i)
            payload[i] = char(i * 7);
        const QString text = HexDump::format(payload);
        const QStringList lines = text.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4095); // 4094 full lines and 3 bytes
        const qsizetype asciiColumn = lines.first().indexOf(QLatin1Char('|'));
        QCOMPARE(asciiColumn, 60);
        for (const QString &line : lines)
            QCOMPARE(line.indexOf(QLatin1Char('|')), asciiColumn);
        QCOMPARE(lines.last(), QStringLiteral("0000ffe0  20 27 2e") + QString(60 - 18, QLatin1Char(' '))
                                   + QStringLiteral("| '.|"));
    }
};

QTEST_APPLESS_MAIN(TestHexDump)
#include "tst_hexdump.moc"
