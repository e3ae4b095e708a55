#include "output/CsvFormat.h"
#include "output/DatagramCsv.h"
#include "output/DatagramText.h"
#include "output/SenderCsv.h"

#include "CsvReader.h"
#include "TestDatagrams.h"

#include <QTest>

class TestCsvFormat final : public QObject
{
    Q_OBJECT

private slots:
    void quotesTextAndDoublesQuotes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << "abc" << "\"abc\"";
        QTest::newRow("comma") << "a,b" << "\"a,b\"";
        QTest::newRow("semicolon") << "a;b" << "\"a;b\"";
        QTest::newRow("quote") << "say \"hi\"" << "\"say \"\"hi\"\"\"";
        QTest::newRow("line break") << "a\r\nb" << "\"a\r\nb\"";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("number") << "5001" << "5001";
        QTest::newRow("decimal") << "12.500" << "12.500";
        QTest::newRow("negative number") << "-0.3" << "-0.3";
        QTest::newRow("address") << "239.1.1.1" << "\"239.1.1.1\"";
    }

    void quotesTextAndDoublesQuotes()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(CsvFormat::field(text), field);
    }

    // A cell a spreadsheet would run as a formula is shown as text instead.
    void neutralisesFormulas_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("equals") << "=HYPERLINK(\"http://x\",\"y\")" << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
        QTest::newRow("plus") << "+1+2" << "\"'+1+2\"";
        QTest::newRow("minus command") << "-2+3+cmd|' /C calc'!A0" << "\"'-2+3+cmd|' /C calc'!A0\"";
        QTest::newRow("at") << "@SUM(A1)" << "\"'@SUM(A1)\"";
        QTest::newRow("tab") << "\t=1" << "\"'\t=1\"";
        QTest::newRow("carriage return") << "\r=1" << "\"'\r=1\"";
        QTest::newRow("minus alone") << "-" << "\"'-\"";
        QTest::newRow("not at the start") << "a=1" << "\"a=1\"";
        QTest::newRow("negative number stays a number") << "-12.5" << "-12.5";
    }

    void neutralisesFormulas()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(CsvFormat::field(text), field);
    }

    void recognisesOnlyPlainNumbers()
    {
        for (const char *number : {"0", "42", "-7", "3.25", "-0.001"})
            QVERIFY2(CsvFormat::isNumber(QString::fromLatin1(number)), number);
        for (const char *text : {"", "-", ".5", "5.", "1e3", "+1", "1-1", "1.2.3", "0x10", " 1", "١٢"})
            QVERIFY2(!CsvFormat::isNumber(QString::fromUtf8(text)), text);
    }

    void rowsEndInCrLfAndAreUtf8()
    {
        QCOMPARE(CsvFormat::row({QStringLiteral("a"), QString(), QStringLiteral("1"), QStringLiteral("café")}),
                 QByteArray("\"a\",,1,\"caf\xc3\xa9\"\r\n"));
    }

    // A payload's bytes: escaped as the window shows them in `payload`, exact in
    // `payload_hex`; each datagram stays one line however hostile its bytes.
    void datagramRowsEscapeControlBytesAndKeepTheExactBytes()
    {
        const char raw[] = "=cmd|'/C calc'!A0,\"\r\n\x1b[2J\0\xff";
        const QByteArray payload(raw, sizeof raw - 1);
        ReceivedDatagram datagram =
            TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 45678, 1'700'000'000'123'456, payload);
        datagram.atuTimeUs = datagram.arrivalUs - 1500;
        const QByteArray row = DatagramCsv().row(datagram);
        QCOMPARE(row.count("\r\n"), 1);
        QVERIFY(row.endsWith("\r\n"));
        QVERIFY(!row.contains('\x1b'));
        QVERIFY(!row.contains('\0'));

        const QList<QStringList> rows = CsvReader::parse(DatagramCsv::header() + row);
        QCOMPARE(rows.size(), 2);
        const QStringList header = rows[0];
        QCOMPARE(header, (QStringList{"time", "source", "source_port", "group", "port", "size", "ttl", "ours",
                                      "atu_time", "atu_offset_ms", "payload", "payload_hex"}));
        const QStringList fields = rows[1];
        QCOMPARE(fields.size(), header.size());
        const auto at = [&](const char *name) { return fields[header.indexOf(QLatin1String(name))]; };
        QVERIFY2(at("time").contains(QStringLiteral(".123456")), qPrintable(at("time")));
        QCOMPARE(at("source"), QStringLiteral("127.0.0.1"));
        QCOMPARE(at("source_port"), QStringLiteral("45678"));
        QCOMPARE(at("group"), QStringLiteral("239.1.1.1"));
        QCOMPARE(at("port"), QStringLiteral("5001"));
        QCOMPARE(at("size"), QString::number(payload.size()));
        QCOMPARE(at("ttl"), QStringLiteral("1"));
        QCOMPARE(at("ours"), QStringLiteral("false"));
        QCOMPARE(at("atu_offset_ms"), QStringLiteral("1.500"));
        QCOMPARE(at("payload"), QStringLiteral("'=cmd|'/C calc'!A0,\"\\r\\n\\x1b[2J\\x00\\xff"));
        QCOMPARE(QByteArray::fromHex(at("payload_hex").toLatin1()), payload);
    }

    void datagramRowLeavesUnknownsEmpty()
    {
        ReceivedDatagram datagram = TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 1, 0, "x");
        datagram.ttl = -1;
        const QStringList fields = CsvReader::parse(DatagramCsv().row(datagram)).value(0);
        QCOMPARE(fields.size(), 12);
        QCOMPARE(fields[6], QString()); // ttl
        QCOMPARE(fields[8], QString()); // atu_time
        QCOMPARE(fields[9], QString()); // atu_offset_ms
    }

    // The time text is made once per second and only its microseconds change within it.
    void datagramTimesAreExactAcrossSeconds()
    {
        DatagramCsv csv;
        for (const qint64 arrivalUs : {qint64(1'700'000'000'000'000), qint64(1'700'000'000'000'001),
                                       qint64(1'700'000'000'999'999), qint64(1'700'000'001'000'007),
                                       qint64(1'699'999'999'500'000)}) {
            const ReceivedDatagram datagram =
                TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 1, arrivalUs, "x");
            QCOMPARE(CsvReader::parse(csv.row(datagram)).value(0).value(0), DatagramText::isoTimeUs(arrivalUs));
        }
    }

    void senderRowsHaveTheirColumns()
    {
        TrafficStatistics statistics([] { return qint64(1'700'000'002'000'000); });
        const IpAddress source = IpAddress::fromIPv4(0xc6120007); // 198.18.0.7
        statistics.record(TestDatagrams::datagram(source, 4000, 1'700'000'000'000'000, 10));
        statistics.record(TestDatagrams::datagram(source, 4001, 1'700'000'001'000'000, 30));
        const QList<QStringList> rows =
            CsvReader::parse(SenderCsv::header() + SenderCsv::row(statistics, statistics.senders().front()));
        QCOMPARE(rows.size(), 2);
        const QStringList header = rows[0];
        QCOMPARE(header.size(), 26);
        QCOMPARE(rows[1].size(), header.size());
        const auto at = [&](const char *name) { return rows[1][header.indexOf(QLatin1String(name))]; };
        QCOMPARE(at("source"), QStringLiteral("198.18.0.7"));
        QCOMPARE(at("group"), QStringLiteral("239.1.1.1"));
        QCOMPARE(at("port"), QStringLiteral("5001"));
        QCOMPARE(at("format"), QStringLiteral("raw"));
        QCOMPARE(at("packets"), QStringLiteral("2"));
        QCOMPARE(at("bytes"), QStringLiteral("40"));
        QCOMPARE(at("last_interval_ms"), QStringLiteral("1000.000"));
        QCOMPARE(at("ports"), QStringLiteral("4000, 4001"));
        QCOMPARE(at("port_count"), QStringLiteral("2"));
        QCOMPARE(at("atu_offset_ms"), QString());
        QVERIFY2(at("first_seen").contains(QStringLiteral(":20.000000")), qPrintable(at("first_seen")));
    }
};

QTEST_APPLESS_MAIN(TestCsvFormat)
#include "tst_csvformat.moc"
